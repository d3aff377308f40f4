// The demo data set, loaded at start-up unless DEMO_DATA=false. Every step is idempotent.
import type { Logger } from '../../server/logger';
import { seedDemoOrganizations } from './organizations';
import { seedDemoAssets } from './assets';
import { seedDemoListings } from './listings';
import { seedDemoIndicators } from './indicators';
import { seedDemoInsurance } from './insurance';
import { seedDemoFinancing } from './financing';

export async function loadDemoData(log: Logger): Promise<void> {
  const orgs = await seedDemoOrganizations();
  const assets = await seedDemoAssets(orgs);
  const listings = await seedDemoListings(orgs, assets);
  log.info({ assets: Object.keys(assets).length, listings: Object.keys(listings).length }, 'demo assets and listings ready');
  const insurance = await seedDemoInsurance(orgs);
  const financing = await seedDemoFinancing(orgs);
  log.info({ insurance, financing }, 'demo financing and insurance ready');
  // Last: it also brings the indicator figures in line with the demo records seeded directly.
  await seedDemoIndicators();
  log.info({ organizations: Object.keys(orgs).length }, 'demo data ready');
}
