// The demo data set, loaded at start-up unless DEMO_DATA=false. Every step is idempotent.
import type { Logger } from '../../server/logger';
import { seedDemoOrganizations } from './organizations';
import { seedDemoIndicators } from './indicators';

export async function loadDemoData(log: Logger): Promise<void> {
  const orgs = await seedDemoOrganizations();
  await seedDemoIndicators();
  log.info({ organizations: Object.keys(orgs).length }, 'demo data ready');
}
