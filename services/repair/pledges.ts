// Repairs what an interrupted recordPledgeRegistration can leave (services/financing/registrations.ts):
// 1. a PENDING registration: if its application points at it (the commit point was passed) it is
//    activated and counted; otherwise its asset claims are released and it is deleted;
// 2. an asset whose pledge points at no registration, or at a RELEASED or EXPIRED one: the claim is released;
// 3. an ACTIVE registration not yet counted in the indicator, or whose invention patents miss the
//    high-pledge-financing flag it earns: counted / flagged (both guarded, so never twice).
import { IpAsset, type IpAssetDoc } from '../../models/ipAsset';
import { PledgeApplication } from '../../models/pledgeApplication';
import { PledgeRegistration, PLEDGE_REGISTRATION_STATUSES, type PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import { updateOneDoc } from '../atomic';
import { activateRegistration, countInIndicator, releaseClaims } from '../financing/registrations';
import { refreshHighPledgeFinancing } from '../financing/highPledge';
import { historyEntry } from '../workflow';
import type { RepairAction, RepairContext } from './types';

const ANY_STATUS = { $in: [...PLEDGE_REGISTRATION_STATUSES] }; // names the status: PENDING ones are not hidden

async function settlePending(rc: RepairContext, out: RepairAction[]): Promise<void> {
  const pending = await PledgeRegistration.find({ status: 'PENDING', createdAt: { $lt: rc.cutoff } });
  for (const reg of pending) {
    const app = reg.application ? await PledgeApplication.findById(reg.application).select('status registration') : null;
    if (app && String(app.registration) === String(reg._id)) {
      const active = await activateRegistration(
        reg._id,
        historyEntry(null, null, 'ACTIVE', `registered ${reg.registrationNumber} (completed by the repair pass after an interrupted recording)`),
      );
      out.push({ kind: 'pledge.registration.activated', id: String(reg._id), detail: `${reg.registrationNumber}: its application was already REGISTERED` });
      await countAndFlag(rc, active, out);
    } else {
      await releaseClaims(reg.assets, reg._id);
      await PledgeRegistration.deleteOne({ _id: reg._id, status: 'PENDING' });
      out.push({
        kind: 'pledge.registration.undone',
        id: String(reg._id),
        detail: `${reg.registrationNumber}: interrupted before its application moved; claims on ${reg.assets.length} asset(s) released, number freed`,
      });
    }
  }
}

async function releaseOrphanClaims(rc: RepairContext, out: RepairAction[]): Promise<void> {
  const pledged = await IpAsset.find({ pledge: { $ne: null } }, { pledge: 1, number: 1 }).lean();
  if (pledged.length === 0) return;
  const regIds = [...new Set(pledged.map((a) => String(a.pledge!.registration)))];
  const regs = new Map(
    (await PledgeRegistration.find({ _id: { $in: regIds }, status: ANY_STATUS }, { status: 1 }).lean()).map((r) => [String(r._id), r.status]),
  );
  for (const a of pledged) {
    const regId = a.pledge!.registration;
    const status = regs.get(String(regId));
    const orphan = status === undefined ? a.pledge!.since < rc.cutoff : status === 'RELEASED' || status === 'EXPIRED';
    if (!orphan) continue; // ACTIVE, or PENDING (settled above once old enough)
    const freed = await updateOneDoc(IpAsset, { _id: a._id, 'pledge.registration': regId }, { $set: { pledge: null } });
    if (freed) {
      out.push({
        kind: 'pledge.claim.released',
        id: String(a._id),
        detail: `${a.number}: pledged to registration ${String(regId)}, which ${status ? `is ${status}` : 'does not exist'}`,
      });
    }
  }
}

async function countAndFlag(rc: RepairContext, reg: PledgeRegistrationDoc, out: RepairAction[]): Promise<void> {
  if (await countInIndicator(reg)) {
    out.push({ kind: 'pledge.registration.counted', id: String(reg._id), detail: `${reg.registrationNumber} added to the pledge-financing indicator` });
  }
  if (reg.securedAmount < rc.highPledgeThresholdFen) return;
  const unflagged = (await IpAsset.find({ _id: { $in: reg.assets }, kind: 'INVENTION_PATENT', highPledgeFinancing: { $ne: true } })) as IpAssetDoc[];
  if (unflagged.length === 0) return;
  // Flag and date from the registrations themselves (from the registration's date on, never back to the grant).
  await refreshHighPledgeFinancing(rc, unflagged.map((a) => a._id), rc.highPledgeThresholdFen);
  out.push({ kind: 'pledge.asset.highValue', id: String(reg._id), detail: `${unflagged.length} invention patent(s) of ${reg.registrationNumber} flagged high pledge financing` });
}

async function finishActive(rc: RepairContext, out: RepairAction[]): Promise<void> {
  const regs = await PledgeRegistration.find({
    status: 'ACTIVE',
    $or: [{ indicatorCounted: { $ne: true } }, { securedAmount: { $gte: rc.highPledgeThresholdFen } }],
  });
  for (const reg of regs) await countAndFlag(rc, reg, out);
}

export async function repairPledges(rc: RepairContext): Promise<RepairAction[]> {
  const out: RepairAction[] = [];
  await settlePending(rc, out);
  await releaseOrphanClaims(rc, out);
  await finishActive(rc, out);
  return out;
}
