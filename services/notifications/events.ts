// The events people wait for, each as one call the services make after their change succeeded.
// Every helper reads the names it needs, builds the Chinese title and summary, and calls notify()
// (which never throws); a failure to read a name is logged the same way.
import { IpAsset } from '../../models/ipAsset';
import { Listing } from '../../models/listing';
import { LoanProduct } from '../../models/loanProduct';
import { Organization } from '../../models/organization';
import type { DealDoc } from '../../models/deal';
import type { InquiryDoc } from '../../models/inquiry';
import type { OrganizationDoc } from '../../models/organization';
import type { PledgeApplicationDoc } from '../../models/pledgeApplication';
import type { PledgeRegistrationDoc } from '../../models/pledgeRegistration';
import type { TechnologyNeedDoc } from '../../models/technologyNeed';
import type { ServiceContext } from '../context';
import { formatFen } from '../rules/money';
import { notify, type NotifyInput } from '.';

type Ctx = Pick<ServiceContext, 'app' | 'log' | 'viewer'>;

export async function safely(ctx: Ctx, what: string, build: () => Promise<NotifyInput | null>): Promise<void> {
  try {
    const input = await build();
    if (input) await notify(ctx, input);
  } catch (err) {
    ctx.log.error({ err, what }, 'could not prepare a notification; the change itself stands');
  }
}

export async function orgName(id: unknown): Promise<string> {
  return (await Organization.findById(id).select('name'))?.name ?? '（已删除的机构）';
}

export async function assetTitle(id: unknown): Promise<string> {
  const a = await IpAsset.findById(id).select('title number');
  return a ? `${a.title}（${a.number}）` : '（已删除的知识产权）';
}

async function assetTitles(ids: unknown[]): Promise<string> {
  const titles = await Promise.all(ids.slice(0, 3).map(assetTitle));
  return ids.length > 3 ? `${titles.join('、')}等 ${ids.length} 项` : titles.join('、');
}

const DEAL_TYPE: Record<string, string> = { LICENSE: '许可', TRANSFER: '转让' };

/** A message in an inquiry thread: to the other side. */
export function notifyInquiryMessage(ctx: Ctx, inq: InquiryDoc): Promise<void> {
  return safely(ctx, 'inquiry message', async () => {
    const fromAsker = !!ctx.viewer && String(inq.from) === ctx.viewer.orgId;
    const to = fromAsker ? inq.holder : inq.from;
    const author = fromAsker ? inq.from : inq.holder;
    const listing = await Listing.findById(inq.listing).select('asset');
    const [authorName, title] = await Promise.all([orgName(author), listing ? assetTitle(listing.asset) : Promise.resolve('（已删除的挂牌）')]);
    const last = inq.messages[inq.messages.length - 1];
    const excerpt = last ? last.body.slice(0, 80) + (last.body.length > 80 ? '…' : '') : '';
    return {
      kind: 'INQUIRY_MESSAGE',
      objectType: 'Inquiry',
      objectId: inq._id,
      orgIds: [to],
      title: `${authorName}就「${title}」发来询价留言`,
      summary: `${authorName}就「${title}」的${DEAL_TYPE[inq.dealType] ?? ''}询价留言：${excerpt}`,
      eventKey: `inquiry:${String(inq._id)}:message:${inq.messageCount}`,
    };
  });
}

export type DealEvent = 'PROPOSED' | 'ACCEPTED' | 'PAID' | 'COMPLETED' | 'CANCELLED';

/** Proposed: to the seller. Accepted: to the buyer. Paid, completed: to both. Cancelled: to the other side. */
export function notifyDeal(ctx: Ctx, deal: DealDoc, event: DealEvent): Promise<void> {
  return safely(ctx, `deal ${event}`, async () => {
    const [buyer, seller, title] = await Promise.all([orgName(deal.buyer), orgName(deal.seller), assetTitle(deal.asset)]);
    const kind = DEAL_TYPE[deal.type] ?? '';
    const price = `${formatFen(deal.price)} 元`;
    const byBuyer = deal.cancelledBy === 'BUYER';
    const texts: Record<DealEvent, { orgIds: unknown[]; title: string; summary: string }> = {
      PROPOSED: {
        orgIds: [deal.seller],
        title: `${buyer}提出了「${title}」的${kind}交易`,
        summary: `${buyer}就贵机构（${seller}）的「${title}」提出${kind}交易，价格 ${price}${deal.status === 'ACCEPTED' ? '（开放许可，已自动接受）' : '，等待贵机构接受'}。`,
      },
      ACCEPTED: {
        orgIds: [deal.buyer],
        title: `${seller}接受了「${title}」的${kind}交易`,
        summary: `${seller}已接受贵机构（${buyer}）就「${title}」提出的${kind}交易（${price}），请支付。`,
      },
      PAID: {
        orgIds: [deal.buyer, deal.seller],
        title: `「${title}」的${kind}交易已付款`,
        summary: `${buyer}已就「${title}」向${seller}支付 ${price}。`,
      },
      COMPLETED: {
        orgIds: [deal.buyer, deal.seller],
        title: `「${title}」的${kind}交易已完成`,
        summary: deal.type === 'TRANSFER' ? `「${title}」已由${seller}转让给${buyer}，交易完成。` : `${seller}已向${buyer}授予「${title}」的许可，交易完成。`,
      },
      CANCELLED: {
        orgIds: [byBuyer ? deal.seller : deal.buyer],
        title: `「${title}」的${kind}交易已取消`,
        summary: `${byBuyer ? buyer : seller}取消了「${title}」的${kind}交易（${buyer} — ${seller}）${deal.cancelReason ? `，理由：${deal.cancelReason}` : ''}。`,
      },
    };
    const t = texts[event];
    return { kind: `DEAL_${event}`, objectType: 'Deal', objectId: deal._id, ...t, eventKey: `deal:${String(deal._id)}:${event}` };
  });
}

const APPLICATION_STATUS: Record<string, string> = {
  UNDER_REVIEW: '进入审查',
  APPROVED: '已批准',
  REJECTED: '已驳回',
};

/** Submitted: to the bank. Reviewed (UNDER_REVIEW, APPROVED, REJECTED): to the applicant. */
export function notifyApplication(ctx: Ctx, app: PledgeApplicationDoc, event: 'SUBMITTED' | 'REVIEWED'): Promise<void> {
  return safely(ctx, `application ${event}`, async () => {
    const [applicant, bank, titles, product] = await Promise.all([
      orgName(app.applicant),
      orgName(app.bank),
      assetTitles(app.assets),
      LoanProduct.findById(app.product).select('name'),
    ]);
    const amount = `${formatFen(app.requestedAmount)} 元`;
    const productName = product?.name ?? '贷款产品';
    if (event === 'SUBMITTED') {
      return {
        kind: 'APPLICATION_SUBMITTED',
        objectType: 'PledgeApplication',
        objectId: app._id,
        orgIds: [app.bank],
        title: `${applicant}提交了知识产权质押融资申请`,
        summary: `${applicant}以${titles}向${bank}申请「${productName}」质押贷款 ${amount}，期限 ${app.termMonths} 个月。`,
        eventKey: `application:${String(app._id)}:SUBMITTED`,
      };
    }
    const status = APPLICATION_STATUS[app.status] ?? app.status;
    const approved = app.status === 'APPROVED' && app.approvedAmount != null ? `，批准金额 ${formatFen(app.approvedAmount)} 元` : '';
    const last = app.history[app.history.length - 1];
    const reason = last?.reason ? `，说明：${last.reason}` : '';
    return {
      kind: 'APPLICATION_REVIEWED',
      objectType: 'PledgeApplication',
      objectId: app._id,
      orgIds: [app.applicant],
      title: `${bank}：质押融资申请${status}`,
      summary: `${bank}审查了贵机构（${applicant}）以${titles}申请的「${productName}」质押贷款（${amount}）：${status}${approved}${reason}。`,
      eventKey: `application:${String(app._id)}:${app.status}`,
    };
  });
}

/** Recorded or released: to the pledgor. */
export function notifyRegistration(ctx: Ctx, reg: PledgeRegistrationDoc, event: 'RECORDED' | 'RELEASED'): Promise<void> {
  return safely(ctx, `registration ${event}`, async () => {
    const [pledgor, pledgee, titles] = await Promise.all([orgName(reg.pledgor), orgName(reg.pledgee), assetTitles(reg.assets)]);
    const amount = `${formatFen(reg.securedAmount)} 元`;
    const recorded = event === 'RECORDED';
    return {
      kind: recorded ? 'REGISTRATION_RECORDED' : 'REGISTRATION_RELEASED',
      objectType: 'PledgeRegistration',
      objectId: reg._id,
      orgIds: [reg.pledgor],
      title: recorded ? `质押登记 ${reg.registrationNumber} 已办理` : `质押登记 ${reg.registrationNumber} 已注销`,
      summary: recorded
        ? `${pledgee}已为贵机构（${pledgor}）的${titles}办理质押登记 ${reg.registrationNumber}，担保金额 ${amount}，登记日 ${reg.registeredOn}。`
        : `${pledgee}已注销贵机构（${pledgor}）${titles}的质押登记 ${reg.registrationNumber}（注销日 ${reg.releasedOn ?? ''}），质押已解除。`,
      eventKey: `registration:${String(reg._id)}:${event}`,
    };
  });
}

/** The city IP office verified an organization: to that organization. */
export function notifyVerification(ctx: Ctx, org: OrganizationDoc): Promise<void> {
  return safely(ctx, 'verification', async () => ({
    kind: 'ORGANIZATION_VERIFIED',
    objectType: 'Organization',
    objectId: org._id,
    orgIds: [org._id],
    title: `${org.name}已通过市知识产权局认证`,
    summary: `鹤岗市知识产权局已认证贵机构（${org.name}）的资质，贵机构现可在平台发布产品与开展业务。`,
    eventKey: `organization:${String(org._id)}:verified:${org.verifiedAt ? org.verifiedAt.getTime() : 'now'}`,
  }));
}

/** A colleague accepted an invitation (for issue 14 point 1): to the organization's other users. */
export function notifyInvitationAccepted(ctx: Ctx, input: { orgId: unknown; userId: string; userName: string; role: string }): Promise<void> {
  return safely(ctx, 'invitation accepted', async () => {
    const name = await orgName(input.orgId);
    return {
      kind: 'INVITATION_ACCEPTED',
      objectType: 'User',
      objectId: input.userId,
      orgIds: [input.orgId],
      exceptUserId: input.userId,
      title: `${input.userName}已加入${name}`,
      summary: `${input.userName}接受邀请，以 ${input.role} 角色加入${name}。`,
      eventKey: `user:${input.userId}:joined`,
    };
  });
}

/** A holder answered a technology need with a listing (issue 18): to the need's owner. */
export function notifyNeedAnswered(ctx: Ctx, inq: InquiryDoc, need: Pick<TechnologyNeedDoc, 'title'>): Promise<void> {
  return safely(ctx, 'need answered', async () => {
    const listing = await Listing.findById(inq.listing).select('asset');
    const [holder, title] = await Promise.all([orgName(inq.holder), listing ? assetTitle(listing.asset) : Promise.resolve('（已删除的挂牌）')]);
    return {
      kind: 'NEED_ANSWERED',
      objectType: 'Inquiry',
      objectId: inq._id,
      orgIds: [inq.from],
      title: `${holder}以「${title}」回应了技术需求「${need.title.slice(0, 40)}」`,
      summary: `${holder}就贵机构的技术需求「${need.title}」推荐了「${title}」，并发来留言；请在询价会话中回复。`,
      eventKey: `inquiry:${String(inq._id)}:answer:${inq.messageCount}`,
    };
  });
}
