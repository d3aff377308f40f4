import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * One act of the city IP office (REGULATOR) kept for audit: who, when, what and why. Written with
 * services/audit.ts by every regulator action (verifications, certifications, restrictions,
 * imports, official statistics, registration corrections, plan edits). Never updated or deleted.
 */
export const AUDIT_KINDS = [
  'VERIFY_ORGANIZATION',
  'REVOKE_ORGANIZATION_VERIFICATION',
  'CERTIFY_IP_ADVANTAGE',
  'SET_ASSET_RESTRICTION',
  'VERIFY_IP_ASSET',
  'CHANGE_IP_ASSET',
  'IMPORT_REGISTER',
  'REPORT_OFFICIAL_STATISTIC',
  'WITHDRAW_OFFICIAL_STATISTIC',
  'CORRECT_PLEDGE_REGISTRATION',
  'EDIT_PLAN',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

const auditEntrySchema = new Schema(
  {
    kind: { type: String, enum: AUDIT_KINDS, required: true },
    actor: { type: Schema.Types.ObjectId, ref: 'User', default: null }, // null: a script or start-up task
    at: { type: Date, required: true },
    targetType: { type: String, required: true }, // e.g. 'IpAsset', 'Organization', 'PledgeRegistration'
    targetId: { type: String, default: null },
    summary: { type: String, required: true, maxlength: 1000 }, // what, in words
    reason: { type: String, default: null, maxlength: 2000 }, // why, as given by the actor
    details: { type: Schema.Types.Mixed, default: null }, // before/after values, counts
  },
  { timestamps: false },
);
auditEntrySchema.index({ at: -1, _id: -1 });
auditEntrySchema.index({ kind: 1, at: -1 });

export type AuditEntryFields = InferSchemaType<typeof auditEntrySchema>;
export type AuditEntryDoc = HydratedDocument<AuditEntryFields>;
export const AuditEntry = model('AuditEntry', auditEntrySchema);
