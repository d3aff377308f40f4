// The regulator's audit trail: one append-only entry per act (issue 11, point 9). Callers record
// the entry after their own state change succeeded; an entry is never updated.
import { AuditEntry, type AuditKind } from '../models/auditEntry';
import type { ServiceContext } from './context';

export interface AuditInput {
  kind: AuditKind;
  targetType: string;
  targetId?: string | null;
  summary: string;
  reason?: string | null;
  details?: Record<string, unknown> | null;
}

export async function recordAudit(ctx: ServiceContext, entry: AuditInput): Promise<void> {
  await AuditEntry.create({
    kind: entry.kind,
    actor: ctx.viewer?.userId ?? null,
    at: new Date(),
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    summary: entry.summary,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
  });
}
