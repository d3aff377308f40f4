// Pure rules of the pledgee's consent (Civil Code art. 444(2)): a pledged right may not be
// transferred or licensed, in any form, unless the pledgee consents; one consent covers one
// transaction. Read by the deals domain at accept, pay and completion (services/deals/availability.ts).

export type ConsentDecision = 'GRANTED' | 'REFUSED';

export interface ConsentEntry {
  deal: unknown;
  decision: string;
  note?: string | null;
}

/** The pledgee's latest decision on this deal, or null when it has not decided. */
export function latestConsent<T extends ConsentEntry>(consents: readonly T[] | null | undefined, dealId: unknown): T | null {
  const mine = (consents ?? []).filter((c) => String(c.deal) === String(dealId));
  return mine[mine.length - 1] ?? null;
}

/** Whether the deal may go ahead on a pledged asset: the pledgee's latest decision on exactly this deal is GRANTED. */
export function consentCovers(consents: readonly ConsentEntry[] | null | undefined, dealId: unknown): boolean {
  return dealId != null && latestConsent(consents, dealId)?.decision === 'GRANTED';
}
