import { Schema, model, type HydratedDocument, type InferSchemaType } from 'mongoose';

/**
 * One run of a daily job for one day (services/jobs/daily.ts). The unique (job, day) index is the
 * claim: the process whose insert succeeds runs the job that day; every other process (a second API
 * instance, a restart, the by-hand script) finds it claimed. A run whose process died before
 * finishing is taken over once its lease has passed.
 */
const jobRunSchema = new Schema(
  {
    job: { type: String, required: true },
    day: { type: String, required: true }, // YYYY-MM-DD, Asia/Shanghai
    startedAt: { type: Date, required: true },
    leaseUntil: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    runner: { type: String, required: true }, // host:pid, or "script" for the by-hand run
    attempts: { type: Number, default: 1 },
    result: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false },
);
jobRunSchema.index({ job: 1, day: 1 }, { unique: true });

export type JobRunDoc = HydratedDocument<InferSchemaType<typeof jobRunSchema>>;
export const JobRun = model('JobRun', jobRunSchema);
