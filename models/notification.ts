import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/** What happened. One kind per event a user waits for (docs/notifications.md). */
export const NOTIFICATION_KINDS = [
  'INQUIRY_MESSAGE',
  'DEAL_PROPOSED',
  'DEAL_ACCEPTED',
  'DEAL_PAID',
  'DEAL_COMPLETED',
  'DEAL_CANCELLED',
  'DEAL_RECORDAL_RECORDED',
  'DEAL_BANK_TRANSFER_RECORDED',
  'DEAL_BANK_TRANSFER_DISPUTED',
  'DEAL_DISPUTED',
  'DEAL_NOTICE_OBJECTION',
  'APPLICATION_SUBMITTED',
  'APPLICATION_REVIEWED',
  'REGISTRATION_RECORDED',
  'REGISTRATION_RELEASED',
  'ORGANIZATION_VERIFIED',
  'INVITATION_ACCEPTED',
  'LOAN_ALERT',
  'NEED_ANSWERED',
  'SAVED_SEARCH_MATCH',
  'INSURANCE_QUOTE_UNDERWRITTEN',
  'INSURANCE_PREMIUM_TRANSFER_RECORDED',
  'INSURANCE_CLAIM_FILED',
  'INSURANCE_CLAIM_PAID',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The object a notification links to (a GraphQL type name; the id is that object's id). */
export const NOTIFICATION_OBJECT_TYPES = ['Inquiry', 'Deal', 'PledgeApplication', 'PledgeRegistration', 'Organization', 'User', 'LoanAlert', 'Listing', 'InsuranceQuote', 'InsurancePolicy', 'InsuranceClaim'] as const;

/**
 * One entry of one user's in-app inbox. Written once per recipient when the event happened
 * (services/notifications); only `readAt` changes afterwards. `eventKey` names the event, so the
 * same event told twice (e.g. a redelivered Stripe webhook) gives each user one entry.
 */
const notificationSchema = new Schema(
  {
    recipient: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    organization: { type: Schema.Types.ObjectId, ref: 'Organization', required: true }, // the recipient's organization, the one concerned
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    objectType: { type: String, enum: NOTIFICATION_OBJECT_TYPES, required: true },
    objectId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true, maxlength: 200 },
    summary: { type: String, required: true, maxlength: 1000 },
    eventKey: { type: String, required: true, maxlength: 300 },
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { timestamps: false },
);
notificationSchema.index({ recipient: 1, _id: -1 });
notificationSchema.index({ recipient: 1, readAt: 1 });
notificationSchema.index({ recipient: 1, eventKey: 1 }, { unique: true });

export type NotificationFields = InferSchemaType<typeof notificationSchema>;
export type NotificationDoc = HydratedDocument<NotificationFields>;
export const Notification = model('Notification', notificationSchema);
