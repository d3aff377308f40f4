// Who is who in a deal: its buyer and seller organizations, and nobody else, may see or act on it.
import { Deal, type DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { isRegulator, requireViewer } from '../authz';
import { notFound } from '../errors';
import { parseId } from '../ids';

export type DealSide = 'BUYER' | 'SELLER';

/** The caller's side of the deal, or null when the caller is not a party. */
export function sideOf(ctx: ServiceContext, deal: DealDoc): DealSide | null {
  if (!ctx.viewer) return null;
  if (String(deal.buyer) === ctx.viewer.orgId) return 'BUYER';
  if (String(deal.seller) === ctx.viewer.orgId) return 'SELLER';
  return null;
}

/** A fresh read of a deal the caller is a party to; NOT_FOUND for anyone else (never reveals it exists). */
export async function loadDealForParty(ctx: ServiceContext, id: string, field = 'id'): Promise<{ deal: DealDoc; side: DealSide }> {
  requireViewer(ctx);
  const _id = parseId(field, id);
  const deal = await Deal.findById(_id);
  const side = deal ? sideOf(ctx, deal) : null;
  if (!deal || !side) throw notFound('Deal', id);
  return { deal, side };
}

/** Who may see a deal: its buyer and seller; and the REGULATOR once its payment is disputed at Stripe. */
export async function canSeeDeal(ctx: ServiceContext, deal: DealDoc): Promise<boolean> {
  if (sideOf(ctx, deal)) return true;
  return !!deal.dispute && (await isRegulator(ctx));
}
