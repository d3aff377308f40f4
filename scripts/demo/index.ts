// The demo data set, loaded at start-up unless DEMO_DATA=false. Every step is idempotent.
import type { Logger } from '../../server/logger';
import { seedDemoOrganizations } from './organizations';
import { seedDemoInsurance } from './insurance';
import { seedDemoFinancing } from './financing';

export async function loadDemoData(log: Logger): Promise<void> {
  const orgs = await seedDemoOrganizations();
  const insurance = await seedDemoInsurance(orgs);
  const financing = await seedDemoFinancing(orgs);
  log.info({ insurance, financing }, 'demo financing and insurance ready');
  log.info({ organizations: Object.keys(orgs).length }, 'demo data ready');
}
