// The demo data set, loaded at start-up unless DEMO_DATA=false. Every step is idempotent.
import type { Logger } from '../../server/logger';
import { seedDemoOrganizations } from './organizations';
import { seedDemoIndicators } from './indicators';
import { seedDemoInsurance } from './insurance';
import { seedDemoFinancing } from './financing';

export async function loadDemoData(log: Logger): Promise<void> {
  const orgs = await seedDemoOrganizations();
  const insurance = await seedDemoInsurance(orgs);
  const financing = await seedDemoFinancing(orgs);
  log.info({ insurance, financing }, 'demo financing and insurance ready');
  await seedDemoIndicators(); // last: brings the indicator ledger in line with the records
  log.info({ organizations: Object.keys(orgs).length }, 'demo data ready');
}
