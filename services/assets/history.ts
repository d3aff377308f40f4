// One entry of an asset's change history (who, when, what, why), pushed with the change itself.
import type { Types } from 'mongoose';
import type { ServiceContext } from '../context';

export const ASSET_CHANGE_KINDS = [
  'VERIFY', 'REJECT', 'LAPSE', 'INVALIDATE', 'RESTORE', 'RENEW', 'CORRECT', 'IMPORT', 'CONFIRM_REASON', 'CLAIM',
] as const;
export type AssetChangeKind = (typeof ASSET_CHANGE_KINDS)[number];

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AssetChangeEntry {
  at: Date;
  by: Types.ObjectId | null;
  kind: AssetChangeKind;
  reason: string | null;
  fields: FieldChange[] | null;
}

export function assetChange(
  ctx: Pick<ServiceContext, 'viewer'> | null,
  kind: AssetChangeKind,
  reason: string | null,
  fields: FieldChange[] | Record<string, [unknown, unknown]> | null = null,
): AssetChangeEntry {
  // Stored as a list of {field, before, after}: FerretDB refuses nested arrays ([[before], [after]]).
  const list = fields === null ? null : Array.isArray(fields) ? fields : Object.entries(fields).map(([field, [before, after]]) => ({ field, before, after }));
  return { at: new Date(), by: ctx?.viewer ? (ctx.viewer.userId as unknown as Types.ObjectId) : null, kind, reason, fields: list };
}

/** The fields of `set` whose value differs from `before`, as { field: [before, after] }. */
export function changedFields(before: Record<string, unknown>, set: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, after] of Object.entries(set)) {
    const was = before[k] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(after ?? null)) out[k] = [was, after ?? null];
  }
  return out;
}

/** The stored verification subdocument, as the API shows it. */
export interface VerificationView {
  status: string;
  by?: unknown;
  at?: Date | null;
  reason?: string | null;
}
