import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';
import { COUNTIES, ORG_KINDS } from './enums';
import { statusChangeSchema } from './history';
import { INDUSTRIES } from './ipAsset';

export const NEED_STATUSES = ['DRAFT', 'OPEN', 'CLOSED'] as const;
export const NEED_CLOSE_REASONS = ['FOUND', 'WITHDRAWN'] as const;
/** What a seeker may want: a licence, a transfer or an open licence (PLEDGE is the holder's financing, not a seeker's). */
export const NEED_DEAL_TYPES = ['LICENSE', 'TRANSFER', 'OPEN_LICENSE'] as const;

/**
 * An organization's technology need (技术需求, issue 18): what it looks for, posted next to the
 * listings. DRAFT -> OPEN -> CLOSED (FOUND or WITHDRAWN), history pushed with every move
 * (services/needs/machine.ts). `hideName`: the owner's name is shown only to its members and to the
 * organizations in `revealedTo` (those whose answer it replied to).
 */
const technologyNeedSchema = new Schema(
  {
    owner: { type: Schema.Types.ObjectId, ref: 'Organization', required: true },
    ownerKind: { type: String, enum: ORG_KINDS, required: true },
    title: { type: String, required: true, maxlength: 200 },
    description: { type: String, required: true, maxlength: 5000 },
    industries: { type: [String], enum: INDUSTRIES, default: [] },
    ipcPrefixes: { type: [String], default: [] }, // normalized: C01B, C01B 32, H01M 4/58
    dealTypes: { type: [String], enum: NEED_DEAL_TYPES, required: true },
    budgetMin: { type: Number, default: null }, // fen
    budgetMax: { type: Number, default: null }, // fen
    county: { type: String, enum: COUNTIES, required: true },
    deadline: { type: String, required: true }, // YYYY-MM-DD (Asia/Shanghai), last day it is open
    hideName: { type: Boolean, default: false },
    revealedTo: { type: [Schema.Types.ObjectId], default: [] },
    status: { type: String, enum: NEED_STATUSES, required: true, default: 'DRAFT' },
    closeReason: { type: String, enum: [...NEED_CLOSE_REASONS, null], default: null },
    publishedAt: { type: Date, default: null },
    history: { type: [statusChangeSchema], default: [] },
    // Normalized title | description (services/listings/searchText.ts, the listings' analyzer).
    searchText: { type: String, default: '' },
  },
  { timestamps: true },
);
technologyNeedSchema.index({ status: 1, publishedAt: -1 });
technologyNeedSchema.index({ owner: 1, status: 1 });

export type TechnologyNeedFields = InferSchemaType<typeof technologyNeedSchema>;
export type TechnologyNeedDoc = HydratedDocument<TechnologyNeedFields>;
export const TechnologyNeed = model('TechnologyNeed', technologyNeedSchema);
