// Per-request DataLoaders: every join goes through one of these (never N+1, never $lookup).
import DataLoader from 'dataloader';
import type { Model, Types } from 'mongoose';
import { Organization, type OrganizationDoc } from '../models/organization';
import { User, type UserDoc } from '../models/user';
import { IpAsset, type IpAssetDoc } from '../models/ipAsset';
import { License, type LicenseDoc } from '../models/license';
import { Listing, type ListingDoc } from '../models/listing';
import { Deal, type DealDoc } from '../models/deal';
import { Inquiry, type InquiryDoc } from '../models/inquiry';
import { PledgeRegistration, type PledgeRegistrationDoc } from '../models/pledgeRegistration';
import { PledgeApplication, type PledgeApplicationDoc } from '../models/pledgeApplication';
import { LoanProduct, type LoanProductDoc } from '../models/loanProduct';
import { InsuranceProduct, type InsuranceProductDoc } from '../models/insuranceProduct';
import { InsuranceClaim, type InsuranceClaimDoc } from '../models/insuranceClaim';
import { Loan, type LoanDoc } from '../models/loan';
import { InsurancePolicy, type InsurancePolicyDoc } from '../models/insurancePolicy';
import { cachedByIdLoader } from './readModel/docCache';
import { readOnlyResults } from './readModel/mirror';

type Key = string | Types.ObjectId;

/**
 * A loader of documents by _id for a model; missing ids load as null. `lean`: plain documents,
 * shared with the read mirror (services/readModel/mirror.ts readOnlyResults), for reads only:
 * building a Mongoose document costs a few hundred microseconds for a right with its histories
 * (docs/performance.md); the models define no virtuals or methods, so the fields read the same.
 * Typed as documents for the GraphQL mappers: never modify or save them.
 */
export function byIdLoader<T extends { _id: Types.ObjectId }>(model: Model<any>, opts: { lean?: boolean } = {}): DataLoader<Key, T | null, string> {
  return new DataLoader<Key, T | null, string>(
    async (ids) => {
      // One id: a plain {_id} query, the only filter FerretDB 1.24 pushes down to SQLite (docs/listings.md).
      const query = ids.length === 1 ? model.find({ _id: String(ids[0]) }) : model.find({ _id: { $in: ids.map(String) } });
      const docs = (await (opts.lean ? readOnlyResults(query.lean()) : query)) as unknown as T[];
      const map = new Map(docs.map((d) => [String(d._id), d]));
      return ids.map((id) => map.get(String(id)) ?? null);
    },
    { cacheKeyFn: (k) => String(k) },
  );
}

/** A loader of all documents whose `field` equals the key (one query per batch); `lean` as byIdLoader's. */
export function byFieldLoader<T>(model: Model<any>, field: string, sort: Record<string, 1 | -1> = { _id: 1 }, opts: { lean?: boolean } = {}): DataLoader<Key, T[], string> {
  return new DataLoader<Key, T[], string>(
    async (keys) => {
      const query = model.find({ [field]: { $in: keys.map(String) } }).sort(sort);
      const docs = (await (opts.lean ? readOnlyResults(query.lean()) : query)) as unknown as T[];
      const groups = new Map<string, T[]>();
      for (const d of docs) {
        const k = String((d as Record<string, unknown>)[field]);
        groups.set(k, [...(groups.get(k) ?? []), d]);
      }
      return keys.map((k) => groups.get(String(k)) ?? []);
    },
    { cacheKeyFn: (k) => String(k) },
  );
}

const MAKERS = {
  // The viewer's user and organization and holders' names: a per-process cache with a short TTL
  // that sees this process's own updates at once (services/readModel/docCache.ts).
  organization: () => cachedByIdLoader<OrganizationDoc>(Organization),
  user: () => cachedByIdLoader<UserDoc>(User),
  // Read-only (shared plain documents): organizations named by a page's objects (holder, owner...).
  organizationRead: () => cachedByIdLoader<OrganizationDoc>(Organization, { readOnly: true }),
  ipAsset: () => byIdLoader<IpAssetDoc>(IpAsset),
  // Read-only plain documents for field resolution (Listing.asset) and visibility checks
  // (canSeeAsset): a results page reads a right per hit and its listings.
  ipAssetRead: () => byIdLoader<IpAssetDoc>(IpAsset, { lean: true }),
  listingsByAssetRead: () => byFieldLoader<ListingDoc>(Listing, 'asset', { _id: 1 }, { lean: true }),
  listing: () => byIdLoader<ListingDoc>(Listing),
  licensesByAsset: () => byFieldLoader<LicenseDoc>(License, 'asset', { startsOn: 1 }),
  listingsByAsset: () => byFieldLoader<ListingDoc>(Listing, 'asset'),
  deal: () => byIdLoader<DealDoc>(Deal),
  dealsByListing: () => byFieldLoader<DealDoc>(Deal, 'listing'),
  dealsByAsset: () => byFieldLoader<DealDoc>(Deal, 'asset'),
  inquiry: () => byIdLoader<InquiryDoc>(Inquiry),
  pledgeRegistration: () => byIdLoader<PledgeRegistrationDoc>(PledgeRegistration),
  pledgeApplication: () => byIdLoader<PledgeApplicationDoc>(PledgeApplication),
  loanProduct: () => byIdLoader<LoanProductDoc>(LoanProduct),
  insuranceProduct: () => byIdLoader<InsuranceProductDoc>(InsuranceProduct),
  insurancePolicy: () => byIdLoader<InsurancePolicyDoc>(InsurancePolicy),
  loanProductsByBank: () => byFieldLoader<LoanProductDoc>(LoanProduct, 'bank', { name: 1, _id: 1 }),
  insuranceProductsByInsurer: () => byFieldLoader<InsuranceProductDoc>(InsuranceProduct, 'insurer', { name: 1, _id: 1 }),
  loan: () => byIdLoader<LoanDoc>(Loan),
  insuranceClaimsByLoan: () => byFieldLoader<InsuranceClaimDoc>(InsuranceClaim, 'loan'),
  insuranceClaimsByPolicy: () => byFieldLoader<InsuranceClaimDoc>(InsuranceClaim, 'policy'),
};

export type Loaders = { readonly [K in keyof typeof MAKERS]: ReturnType<(typeof MAKERS)[K]> };

/** A request's loaders, each made on first use (most requests touch two or three of them). */
class LazyLoaders {
  readonly made: Record<string, unknown> = {};
}
for (const [name, make] of Object.entries(MAKERS) as [string, () => unknown][]) {
  Object.defineProperty(LazyLoaders.prototype, name, {
    get(this: LazyLoaders) {
      return (this.made[name] ??= make());
    },
  });
}

export function createLoaders(): Loaders {
  return new LazyLoaders() as unknown as Loaders;
}
