// Repairs what an interrupted `register` can leave (services/identity): an organization created
// whose first user never was. Such an organization has no user to act for it, so nothing refers to
// it; it is deleted, which frees its credit code. The city IP office (its admin is re-created by
// the bootstrap) and demo organizations are left alone, and so is any organization owning an asset.
import { IpAsset } from '../../models/ipAsset';
import { Organization } from '../../models/organization';
import { User } from '../../models/user';
import type { RepairAction, RepairContext } from './types';

export async function repairOrganizations(rc: RepairContext): Promise<RepairAction[]> {
  const out: RepairAction[] = [];
  const candidates = await Organization.find(
    { kind: { $ne: 'REGULATOR' }, demo: { $ne: true }, createdAt: { $lt: rc.cutoff } },
    { name: 1, creditCode: 1 },
  ).lean();
  if (candidates.length === 0) return out;
  const withUsers = new Set((await User.distinct('organization', { organization: { $in: candidates.map((o) => o._id) } })).map(String));
  for (const org of candidates) {
    if (withUsers.has(String(org._id))) continue;
    if (await User.exists({ organization: org._id })) continue; // a user since the distinct above
    if (await IpAsset.exists({ owner: org._id })) continue;
    const { deletedCount } = await Organization.deleteOne({ _id: org._id });
    if (deletedCount) {
      out.push({ kind: 'organization.deleted', id: String(org._id), detail: `${org.creditCode} (${org.name}): no user; registration interrupted, credit code freed` });
    }
  }
  return out;
}
