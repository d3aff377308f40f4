import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { DEAL_TYPES } from './listing';

export const INQUIRY_MESSAGE_MAX_CHARS = 2000;
export const INQUIRY_MAX_MESSAGES = 200;

const inquiryMessageSchema = new Schema(
  {
    author: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    authorUser: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    body: { type: String, required: true, maxlength: INQUIRY_MESSAGE_MAX_CHARS },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** A thread between an organization asking about a listing and the listing's holder. */
const inquirySchema = new Schema(
  {
    listing: { type: Schema.Types.ObjectId, ref: 'Listing', required: true },
    holder: { type: Schema.Types.ObjectId, ref: 'Organization', required: true }, // the listing's holder when asked
    from: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    dealType: { type: String, enum: DEAL_TYPES, required: true },
    messages: { type: [inquiryMessageSchema], default: [] },
    messageCount: { type: Number, required: true, default: 0 }, // the cap is a condition on this
    lastMessageAt: { type: Date, required: true },
    // The technology needs the holder answered in this thread (services/needs/answers.ts).
    needs: { type: [Schema.Types.ObjectId], ref: 'TechnologyNeed', default: [] },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true },
);
// One thread per (listing, asking organization, deal type): asking again adds to it.
inquirySchema.index({ listing: 1, from: 1, dealType: 1 }, { unique: true });
inquirySchema.index({ from: 1, lastMessageAt: -1 });
inquirySchema.index({ holder: 1, lastMessageAt: -1 });

export type InquiryFields = InferSchemaType<typeof inquirySchema>;
export type InquiryDoc = HydratedDocument<InquiryFields>;
export type InquiryMessageFields = InquiryFields['messages'][number];
export const Inquiry = model('Inquiry', inquirySchema);
