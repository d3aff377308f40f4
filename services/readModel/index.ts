// The per-process read models (docs/performance.md): which collections are mirrored in memory
// (mirror.ts) and the short-TTL document cache (docCache.ts). Called once at start-up, after
// the database connection and before the first query.
import { IpAsset } from '../../models/ipAsset';
import { Organization } from '../../models/organization';
import { User } from '../../models/user';
import { Listing } from '../../models/listing';
import { License } from '../../models/license';
import { Deal } from '../../models/deal';
import { Inquiry } from '../../models/inquiry';
import { LoanProduct } from '../../models/loanProduct';
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration } from '../../models/pledgeRegistration';
import { TechnologyNeed } from '../../models/technologyNeed';
import { SavedSearch } from '../../models/savedSearch';
import { mirrorModels, touchMirror } from './mirror';

/**
 * The collections a console page lists by owner, party or status, and the organizations and users
 * every page names: bounded by the city's register (hundreds to tens of thousands of documents),
 * read far more often than written.
 */
export const MIRRORED_MODELS = [Organization, User, IpAsset, Listing, License, Deal, Inquiry, LoanProduct, PledgeApplication, PledgeRegistration, TechnologyNeed, SavedSearch];

export function startReadModels(): void {
  mirrorModels(MIRRORED_MODELS);
}

/** After writing around Mongoose (bulk loads, scripts, tests): every process's mirrors re-read. */
export async function touchAllMirrors(): Promise<void> {
  for (const m of MIRRORED_MODELS) await touchMirror(m.collection.collectionName, { full: true });
}
