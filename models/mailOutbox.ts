import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const MAIL_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;

/**
 * One email to send, written together with the event that causes it (services/mail/outbox.ts) and
 * sent by the mail worker (server/mailWorker.ts) with retries and exponential backoff. `key` (the
 * event and the address) is unique: the same event enqueued twice is one mail.
 * `attempts` counts the send attempts started; each attempt is claimed first by inserting a
 * MailAttempt with the unique _id `${outboxId}:${attempt}` (see below), so two API processes never
 * both send one attempt.
 */
const mailOutboxSchema = new Schema(
  {
    key: { type: String, required: true, unique: true, maxlength: 600 },
    to: { type: String, required: true, maxlength: 320 },
    subject: { type: String, required: true, maxlength: 300 },
    text: { type: String, required: true },
    html: { type: String, required: true },
    status: { type: String, enum: MAIL_STATUSES, required: true, default: 'PENDING' },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    claimedBy: { type: String, default: null }, // the process sending the current attempt
    claimedUntil: { type: Date, default: null }, // its lease; past it, another process may try again
    lastError: { type: String, default: null, maxlength: 1000 },
    sentAt: { type: Date, default: null },
    messageId: { type: String, default: null }, // the Message-ID header, the same on every attempt
    createdAt: { type: Date, required: true },
  },
  { timestamps: false },
);
mailOutboxSchema.index({ status: 1, nextAttemptAt: 1 });

export type MailOutboxFields = InferSchemaType<typeof mailOutboxSchema>;
export type MailOutboxDoc = HydratedDocument<MailOutboxFields>;
export const MailOutbox = model('MailOutbox', mailOutboxSchema);

/**
 * The claim of one send attempt: inserting `${outboxId}:${attempt}` succeeds for one process only
 * (a unique _id insert is atomic on FerretDB too, unlike concurrent updates of one document).
 * `leaseUntil`: when a claimer that died may be presumed gone and the next attempt claimed.
 */
const mailAttemptSchema = new Schema(
  {
    _id: { type: String, required: true },
    outbox: { type: Schema.Types.ObjectId, ref: 'MailOutbox', required: true },
    attempt: { type: Number, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    outcome: { type: String, enum: ['SENDING', 'SENT', 'FAILED'], default: 'SENDING' },
  },
  { timestamps: false },
);
mailAttemptSchema.index({ outbox: 1 });

export type MailAttemptDoc = HydratedDocument<InferSchemaType<typeof mailAttemptSchema>>;
export const MailAttempt = model('MailAttempt', mailAttemptSchema);
