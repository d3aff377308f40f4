// Trust (issue 11): verification, changes with history, register imports, the audit trail. Thin.
import type { Resolvers } from '../schema/generated/types';
import type { IpAssetDoc } from '../models/ipAsset';
import { verifyIpAsset } from '../services/assets/verification';
import * as changes from '../services/assets/changes';
import { importRegisterExtract } from '../services/assets/registerImport';
import { auditLog } from '../services/auditLog';
import type { AssetChangeEntry } from '../services/assets/history';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export const trustResolvers: Resolvers = {
  Query: {
    auditLog: (_p, { first, after, kind }, ctx) => auditLog(ctx, first, after, kind as never),
  },
  Mutation: {
    verifyIpAsset: (_p, { id, decision, reason }, ctx) => verifyIpAsset(ctx, id, decision, reason),
    recordLegalStatusEvent: (_p, { id, event, on, reason }, ctx) => changes.recordLegalStatusEvent(ctx, id, event, on, reason),
    renewTrademark: (_p, { id, reason }, ctx) => changes.renewTrademark(ctx, id, reason),
    correctIpAsset: (_p, { id, input, reason }, ctx) => changes.correctIpAsset(ctx, id, input, reason),
    confirmHighValueReason: (_p, { id, reason, holds, awardYear, note }, ctx) => changes.confirmHighValueReason(ctx, id, reason, holds, awardYear, note),
    importRegisterExtract: (_p, { csv, dryRun }, ctx) => importRegisterExtract(ctx, csv, dryRun),
  },
  IpAsset: {
    verification: (a) => (a.verification?.status ?? 'UNVERIFIED') as never,
    verificationDetail: (a: IpAssetDoc) => a.verification ?? { status: 'UNVERIFIED' },
    history: (a: IpAssetDoc) => (a.changes ?? []) as unknown as AssetChangeEntry[],
    lapsedOn: (a) => a.lapsedOn ?? null,
    renewals: (a) => a.renewals ?? 0,
    chinaPatentAwardYear: (a) => a.chinaPatentAwardYear ?? null,
  },
  Listing: {
    availableModes: (l) => (l.availableModes ?? l.modes) as never,
  },
  AssetVerification: {
    status: (v) => v.status as never,
    by: (v, _x, ctx) => (v.by ? ctx.loaders.user.load(String(v.by)) : null),
    at: (v) => v.at ?? null,
    reason: (v) => v.reason ?? null,
  },
  AssetChange: {
    by: (c, _x, ctx) => (c.by ? ctx.loaders.user.load(String(c.by)) : null),
    kind: (c) => c.kind,
    fields: (c) => (c.fields ?? []).map((f) => ({ field: f.field, before: json(f.before), after: json(f.after) })),
  },
  PublicPerson: {
    name: (u) => u.name,
    organization: (u, _x, ctx) => ctx.loaders.organization.load(u.organization),
  },
  AuditEntry: {
    id: (e) => String(e._id),
    actor: (e, _x, ctx) => (e.actor ? ctx.loaders.user.load(String(e.actor)) : null),
    details: (e) => json(e.details),
  },
};
