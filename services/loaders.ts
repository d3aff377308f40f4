// Per-request DataLoaders: every join goes through one of these (never N+1, never $lookup).
import DataLoader from 'dataloader';
import type { Model, Types } from 'mongoose';
import { Organization, type OrganizationDoc } from '../models/organization';
import { User, type UserDoc } from '../models/user';

type Key = string | Types.ObjectId;

/** A loader of documents by _id for a model; missing ids load as null. */
export function byIdLoader<T extends { _id: Types.ObjectId }>(model: Model<any>): DataLoader<Key, T | null, string> {
  return new DataLoader<Key, T | null, string>(
    async (ids) => {
      const docs = (await model.find({ _id: { $in: ids.map(String) } })) as T[];
      const map = new Map(docs.map((d) => [String(d._id), d]));
      return ids.map((id) => map.get(String(id)) ?? null);
    },
    { cacheKeyFn: (k) => String(k) },
  );
}

export function createLoaders() {
  return {
    organization: byIdLoader<OrganizationDoc>(Organization),
    user: byIdLoader<UserDoc>(User),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
