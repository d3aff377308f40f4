// Repairs what an interrupted bindInsurancePolicy can leave (services/insurance/policies.ts): the
// quote is marked with the new policy's id first, then the policy is inserted.
// - A quote marked with a policy that does not exist: the mark is cleared, so it can be bound again.
// - A policy whose quote is not marked with it: the quote is marked (the policy exists, so the
//   quote is bound; the unique index on policy.quote allows only this one).
import { InsurancePolicy } from '../../models/insurancePolicy';
import { InsuranceQuote } from '../../models/insuranceQuote';
import { updateOneDoc } from '../atomic';
import type { RepairAction, RepairContext } from './types';

export async function repairPolicies(rc: RepairContext): Promise<RepairAction[]> {
  const out: RepairAction[] = [];
  const marked = await InsuranceQuote.find({ policy: { $ne: null }, updatedAt: { $lt: rc.cutoff } }, { policy: 1 }).lean();
  if (marked.length > 0) {
    const existing = new Set(
      (await InsurancePolicy.find({ _id: { $in: marked.map((q) => q.policy) } }, { _id: 1 }).lean()).map((p) => String(p._id)),
    );
    for (const q of marked) {
      if (existing.has(String(q.policy))) continue;
      const cleared = await updateOneDoc(InsuranceQuote, { _id: q._id, policy: q.policy }, { $set: { policy: null } });
      if (cleared) out.push({ kind: 'insurance.quote.unmarked', id: String(q._id), detail: `marked bound to policy ${String(q.policy)}, which does not exist` });
    }
  }
  const policies = await InsurancePolicy.find({ createdAt: { $lt: rc.cutoff } }, { quote: 1, policyNumber: 1 }).lean();
  if (policies.length > 0) {
    const quotes = new Map(
      (await InsuranceQuote.find({ _id: { $in: policies.map((p) => p.quote) } }, { policy: 1 }).lean()).map((q) => [String(q._id), q.policy]),
    );
    for (const p of policies) {
      if (!quotes.has(String(p.quote)) || String(quotes.get(String(p.quote))) === String(p._id)) continue;
      const was = quotes.get(String(p.quote));
      const marked2 = await updateOneDoc(InsuranceQuote, { _id: p.quote, policy: was ?? null }, { $set: { policy: p._id } });
      if (marked2) out.push({ kind: 'insurance.quote.marked', id: String(p.quote), detail: `policy ${p.policyNumber} exists but its quote was not marked bound` });
    }
  }
  return out;
}
