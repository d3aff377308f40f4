// Daily jobs that run once per day across every API process and restart (issue 16, point 3).
//
// The claim is an insert into jobruns with a unique (job, day) index: exactly one insert succeeds,
// whichever process (a second API instance, a restarted one, the by-hand script) tries. The job
// itself must be idempotent: a run whose process died is taken over after its lease, and the script
// can re-run a day on purpose (--force).
import os from 'node:os';
import { JobRun, type JobRunDoc } from '../../models/jobRun';
import { updateOneDoc } from '../atomic';
import { isDuplicateKey } from '../errors';

/** How long a claimed run is reserved before another process may take over a run that did not finish. */
export const DAILY_JOB_LEASE_MS = 30 * 60_000;

export const runnerName = (label = 'api') => `${label}:${os.hostname()}:${process.pid}`;

/** Claims (job, day) for this process: the run document, or null when someone else has it. */
export async function claimDailyRun(job: string, day: string, runner: string, now = new Date()): Promise<JobRunDoc | null> {
  const leaseUntil = new Date(now.getTime() + DAILY_JOB_LEASE_MS);
  try {
    return (await JobRun.create({ job, day, startedAt: now, leaseUntil, runner })) as unknown as JobRunDoc;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const existing = await JobRun.findOne({ job, day });
  if (!existing || existing.finishedAt || existing.leaseUntil > now) return null;
  // The claimant died mid-run: take it over (conditional on the lease we saw).
  return updateOneDoc<JobRunDoc>(
    JobRun,
    { _id: existing._id, finishedAt: null, leaseUntil: existing.leaseUntil },
    { $set: { startedAt: now, leaseUntil, runner }, $inc: { attempts: 1 } },
  );
}

export interface DailyOutcome<R> {
  ran: boolean;
  result: R | null;
  run: JobRunDoc | null;
}

/**
 * Runs `fn` for (job, day) if this process wins the claim (or `force`: the by-hand re-run of a
 * day, counted as another attempt on the same run document). Records the result and finish time.
 */
export async function runDaily<R>(job: string, day: string, runner: string, fn: () => Promise<R>, opts: { force?: boolean } = {}): Promise<DailyOutcome<R>> {
  let run = await claimDailyRun(job, day, runner);
  if (!run && opts.force) {
    const existing = await JobRun.findOne({ job, day });
    run = existing ? await updateOneDoc<JobRunDoc>(JobRun, { _id: existing._id }, { $set: { runner }, $inc: { attempts: 1 } }) : null;
  }
  if (!run) return { ran: false, result: null, run: null };
  const result = await fn();
  const finished = await updateOneDoc<JobRunDoc>(JobRun, { _id: run._id }, { $set: { finishedAt: new Date(), result: result as never } });
  return { ran: true, result, run: finished };
}
