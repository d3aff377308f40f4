// Who is who in a deal: its buyer and seller organizations, and nobody else, may see or act on it.
import { Deal, type DealDoc } from '../../models/deal';
import type { ServiceContext } from '../context';
import { isRegulator, requireViewer } from '../authz';
import { forbidden, notFound } from '../errors';
import { parseId } from '../ids';

export type DealSide = 'BUYER' | 'SELLER';

/** The caller's side of the deal, or null when the caller is not a party. */
export function sideOf(ctx: ServiceContext, deal: DealDoc): DealSide | null {
  if (!ctx.viewer) return null;
  if (String(deal.buyer) === ctx.viewer.orgId) return 'BUYER';
  // An enforcement deal (质权实现): the pledgee bank acts on the seller's side, not the holder of record.
  if (String(deal.enforcement?.bank ?? deal.seller) === ctx.viewer.orgId) return 'SELLER';
  return null;
}

/** The holder of record of an enforcement deal: sees it, does not act on it. */
const isEnforcedHolder = (ctx: ServiceContext, deal: DealDoc) => !!deal.enforcement && !!ctx.viewer && String(deal.seller) === ctx.viewer.orgId;

/** A fresh read of a deal the caller is a party to; NOT_FOUND for anyone else (never reveals it exists). */
export async function loadDealForParty(ctx: ServiceContext, id: string, field = 'id'): Promise<{ deal: DealDoc; side: DealSide }> {
  requireViewer(ctx);
  const _id = parseId(field, id);
  const deal = await Deal.findById(_id);
  const side = deal ? sideOf(ctx, deal) : null;
  if (deal && !side && isEnforcedHolder(ctx, deal)) {
    throw forbidden(`Deal ${id} is on an enforcement listing (质权实现): the pledgee bank acts for the holder`);
  }
  if (!deal || !side) throw notFound('Deal', id);
  return { deal, side };
}

/** Who may see a deal: its buyer and seller; and the REGULATOR once its payment is disputed at Stripe. */
export async function canSeeDeal(ctx: ServiceContext, deal: DealDoc): Promise<boolean> {
  if (sideOf(ctx, deal) || isEnforcedHolder(ctx, deal)) return true;
  return !!deal.dispute && (await isRegulator(ctx));
}
