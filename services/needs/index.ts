// Technology needs (issue 18 point 1): an organization posts what it looks for; DRAFT -> OPEN ->
// CLOSED (FOUND or WITHDRAWN) through workflow.ts transition (conditional update + history).
// Search lives in search.ts, answers (a holder's listing, as an inquiry thread) in answers.ts.
import { TechnologyNeed, type TechnologyNeedDoc } from '../../models/technologyNeed';
import type { ServiceContext } from '../context';
import { isMemberOf, requireMemberOf, requireOrg } from '../authz';
import { badInput, forbidden, notFound } from '../errors';
import { parseId, tryParseId } from '../ids';
import { normalizeIpc } from '../rules/classification';
import { todayInShanghai } from '../rules/calendar';
import { historyEntry, transition } from '../workflow';
import * as v from '../validate';
import { searchTextFor } from '../listings/searchText';
import { NEED_MACHINE, type NeedStatus } from './machine';

/** Kinds of organization that post needs: those that take up technology (not banks, insurers, the office). */
export const NEED_POSTER_KINDS = ['ENTERPRISE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'SERVICE_AGENCY'];
export const MAX_IPC_PREFIXES = 10;

export interface NeedInput {
  title: string;
  description: string;
  industries?: string[] | null;
  ipcPrefixes?: string[] | null;
  dealTypes: string[];
  budgetMin?: number | null; // fen
  budgetMax?: number | null; // fen
  county: string;
  deadline: string;
  hideName?: boolean | null;
}

/** An IPC prefix at subclass, main-group or group level, normalized: c01b -> C01B, c01b32 -> C01B 32, h01m4/58 -> H01M 4/58. */
export function normalizeIpcPrefix(raw: string): string | null {
  const t = raw.trim().toUpperCase().replace(/\s+/g, '');
  const m = /^([A-H]\d{2}[A-Z])(?:(\d{1,4})(?:\/(\d{1,6}))?)?$/.exec(t);
  if (!m) return null;
  if (m[2] === undefined) return m[1]!;
  if (m[3] === undefined) return `${m[1]} ${Number(m[2])}`;
  return normalizeIpc(`${m[1]} ${m[2]}/${m[3]}`) ?? `${m[1]} ${Number(m[2])}/${m[3]}`;
}

function needFields(input: NeedInput, today: string) {
  const title = v.text('input.title', input.title, { min: 2, max: 200 });
  const description = v.text('input.description', input.description, { min: 1, max: 5000 });
  const industries = [...new Set(input.industries ?? [])];
  const rawPrefixes = input.ipcPrefixes ?? [];
  if (rawPrefixes.length > MAX_IPC_PREFIXES) throw badInput('input.ipcPrefixes', `at most ${MAX_IPC_PREFIXES} IPC prefixes`);
  const ipcPrefixes = [...new Set(rawPrefixes.map((p, i) => {
    const n = normalizeIpcPrefix(p);
    if (!n) throw badInput(`input.ipcPrefixes[${i}]`, 'must be an IPC subclass, main group or group, e.g. "C01B", "C01B 32" or "H01M 4/58"');
    return n;
  }))];
  const dealTypes = [...new Set(input.dealTypes)];
  if (dealTypes.length === 0) throw badInput('input.dealTypes', 'name at least one of LICENSE, TRANSFER, OPEN_LICENSE');
  if (dealTypes.includes('PLEDGE')) throw badInput('input.dealTypes', 'PLEDGE is a holder seeking financing; a need asks for LICENSE, TRANSFER or OPEN_LICENSE');
  const budgetMin = input.budgetMin ?? null;
  const budgetMax = input.budgetMax ?? null;
  if (budgetMin !== null && budgetMin < 0) throw badInput('input.budgetMin', 'must not be negative');
  if (budgetMax !== null) v.positiveFen('input.budgetMax', budgetMax);
  if (budgetMin !== null && budgetMax !== null && budgetMin > budgetMax) throw badInput('input.budgetMax', 'must not be below budgetMin');
  const deadline = v.calendarDate('input.deadline', input.deadline);
  if (deadline < today) throw badInput('input.deadline', `must not be in the past (today is ${today})`);
  return {
    title,
    description,
    industries,
    ipcPrefixes,
    dealTypes,
    budgetMin,
    budgetMax,
    county: input.county,
    deadline,
    hideName: input.hideName ?? false,
    searchText: searchTextFor({ title, abstract: description, description: null, number: '', classes: ipcPrefixes }),
  };
}

export async function createNeed(ctx: ServiceContext, input: NeedInput): Promise<TechnologyNeedDoc> {
  const { org } = await requireOrg(ctx);
  if (!NEED_POSTER_KINDS.includes(org.kind)) throw forbidden(`A ${org.kind} organization does not post technology needs`);
  const fields = needFields(input, todayInShanghai());
  return TechnologyNeed.create({ owner: org._id, ownerKind: org.kind, ...fields, status: 'DRAFT', history: [historyEntry(ctx, null, 'DRAFT')] } as never) as unknown as Promise<TechnologyNeedDoc>;
}

/** The need for its owner's members; NOT_FOUND for anyone who may not see it, FORBIDDEN for those who may. */
async function loadOwnNeed(ctx: ServiceContext, id: string, action: string): Promise<TechnologyNeedDoc> {
  const need = await TechnologyNeed.findById(parseId('id', id));
  if (!need || !(await canSeeNeed(ctx, need))) throw notFound('TechnologyNeed', id);
  requireMemberOf(ctx, need.owner, action);
  return need;
}

export async function publishNeed(ctx: ServiceContext, id: string): Promise<TechnologyNeedDoc> {
  await requireOrg(ctx);
  const need = await loadOwnNeed(ctx, id, 'publish this need');
  if (need.status === 'DRAFT' && need.deadline < todayInShanghai()) throw badInput('id', `the deadline ${need.deadline} has passed; post a new need`);
  return transition<NeedStatus, TechnologyNeedDoc>(ctx, {
    model: TechnologyNeed,
    id: need._id,
    machine: NEED_MACHINE,
    current: need.status as NeedStatus,
    to: 'OPEN',
    what: 'TechnologyNeed',
    set: { publishedAt: new Date() },
  });
}

export async function closeNeed(ctx: ServiceContext, id: string, reason: 'FOUND' | 'WITHDRAWN', note?: string | null): Promise<TechnologyNeedDoc> {
  await requireOrg(ctx);
  const text = v.optionalText('note', note, 1000);
  const need = await loadOwnNeed(ctx, id, 'close this need');
  if (reason === 'FOUND' && need.status !== 'OPEN') throw badInput('reason', 'only an OPEN need can be closed as FOUND; withdraw a draft');
  return transition<NeedStatus, TechnologyNeedDoc>(ctx, {
    model: TechnologyNeed,
    id: need._id,
    machine: NEED_MACHINE,
    current: need.status as NeedStatus,
    to: 'CLOSED',
    what: 'TechnologyNeed',
    set: { closeReason: reason },
    reason: text ? `${reason}: ${text}` : reason,
  });
}

export type NeedVisibilityRule = (ctx: ServiceContext, need: TechnologyNeedDoc) => Promise<boolean>;
const extraRules: NeedVisibilityRule[] = [];
/** answers.ts: an organization that answered a need keeps seeing it once it is closed. */
export function addNeedVisibilityRule(rule: NeedVisibilityRule): void {
  extraRules.push(rule);
}

/** OPEN and CLOSED needs: anyone (a closed one says so); DRAFT: the owner's members only. */
export async function canSeeNeed(ctx: ServiceContext, need: TechnologyNeedDoc): Promise<boolean> {
  if (isMemberOf(ctx, need.owner)) return true;
  if (need.status === 'OPEN') return true;
  if (need.status === 'DRAFT') return false;
  for (const rule of extraRules) if (await rule(ctx, need)) return true;
  return false;
}

/** Whether the caller may know who posted the need: always, unless the owner hides its name. */
export function canSeeNeedOwner(ctx: ServiceContext, need: Pick<TechnologyNeedDoc, 'owner' | 'hideName' | 'revealedTo'>): boolean {
  if (!need.hideName || isMemberOf(ctx, need.owner)) return true;
  return !!ctx.viewer && (need.revealedTo ?? []).some((o) => String(o) === ctx.viewer!.orgId);
}

export async function getNeed(ctx: ServiceContext, id: string): Promise<TechnologyNeedDoc | null> {
  const oid = tryParseId(id);
  if (!oid) return null;
  const need = await TechnologyNeed.findById(oid);
  return need && (await canSeeNeed(ctx, need)) ? need : null;
}
