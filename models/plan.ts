import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

export const PLAN_STATUSES = ['DRAFT', 'PUBLISHED'] as const;
export const PLAN_BINDINGS = ['BINDING', 'EXPECTED'] as const; // 约束性, 预期性
export const PLAN_GOALS = ['PROGRESS', 'FLOOR'] as const;
export const PLAN_CHANGE_ACTIONS = ['CREATE', 'UPDATE_INDICATOR', 'ADD_INDICATOR', 'PUBLISH'] as const;

/** One indicator of a plan: the plan's own code, wording and unit, one known computation, baseline and target. */
const planIndicatorSchema = new Schema(
  {
    code: { type: String, required: true }, // unique within the plan
    computation: { type: String, required: true }, // services/indicators/definitions.ts COMPUTATIONS
    name: { type: String, required: true },
    nameEn: { type: String, default: null },
    unit: { type: String, required: true },
    baselineYear: { type: Number, required: true },
    baseline: { type: Number, required: true },
    target: { type: Number, required: true }, // at the end of the plan's last year
    binding: { type: String, enum: PLAN_BINDINGS, required: true },
    goal: { type: String, enum: PLAN_GOALS, default: 'PROGRESS' },
  },
  { _id: false },
);

/** One change of a plan: who, when, what (field: before -> after), and why (required once published). */
const planChangeSchema = new Schema(
  {
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    action: { type: String, enum: PLAN_CHANGE_ACTIONS, required: true },
    indicatorCode: { type: String, default: null },
    changes: { type: [{ field: String, before: Schema.Types.Mixed, after: Schema.Types.Mixed, _id: false }], default: [] },
    reason: { type: String, default: null },
  },
  { _id: false },
);

/**
 * A plan (规划) as data: title, issuing body, period (first and last year), its indicators and the
 * history of every change. DRAFT until published by the REGULATOR; published plans' periods do not
 * overlap (checked by the service under one lock). `seedKey` marks the plan loaded at start-up
 * (it has a fixed _id, so loading it is one idempotent upsert).
 */
const planSchema = new Schema(
  {
    title: { type: String, required: true },
    issuer: { type: String, required: true },
    firstYear: { type: Number, required: true },
    lastYear: { type: Number, required: true },
    status: { type: String, enum: PLAN_STATUSES, required: true, default: 'DRAFT' },
    publishedAt: { type: Date, default: null },
    indicators: { type: [planIndicatorSchema], default: [] },
    history: { type: [planChangeSchema], default: [] },
    seedKey: { type: String, default: null },
    revision: { type: Number, default: 0 }, // +1 on every change: the condition of each update
  },
  { timestamps: true },
);
planSchema.index({ status: 1, firstYear: 1 });

export type PlanFields = InferSchemaType<typeof planSchema>;
export type PlanDoc = HydratedDocument<PlanFields>;
export const Plan = model('Plan', planSchema);
