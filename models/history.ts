import { Schema, type Types } from 'mongoose';

/** One entry of a workflow document's status history (GraphQL StatusChange). */
export const statusChangeSchema = new Schema(
  {
    from: { type: String, default: null },
    to: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    reason: { type: String, default: null },
  },
  { _id: false },
);

export interface StatusChangeFields {
  from?: string | null;
  to: string;
  at: Date;
  by?: Types.ObjectId | null;
  reason?: string | null;
}
