// The in-process scheduler of the daily jobs (issue 16, point 3). Every DAILY_JOB_CHECK_MS each API
// process asks whether today's (Asia/Shanghai) run of each job is claimed; the first process to
// claim it runs it (services/jobs/daily.ts), so a job runs once per day however many processes run
// and however often they restart. `npm run loan-monitor` runs it by hand.
import type { Config } from './config';
import type { Logger } from './logger';
import { runDaily, runnerName } from '../services/jobs/daily';
import { DAILY_JOB_LIST } from '../services/financing/dailyJobList';
import { todayInShanghai } from '../services/rules/calendar';

export interface DailyJobs {
  stop(): Promise<void>;
}

export function startDailyJobs(config: Config, log: Logger): DailyJobs {
  const deps = { app: { config } as never, log };
  const runner = runnerName();
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    const day = todayInShanghai();
    running = (async () => {
      for (const job of DAILY_JOB_LIST) {
        try {
          const outcome = await runDaily(job.name, day, runner, () => job.run(deps, day));
          if (outcome.ran) log.info({ job: job.name, day, result: outcome.result }, 'daily job ran');
        } catch (err) {
          log.error({ err, job: job.name, day }, 'daily job failed');
        }
      }
    })()
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, config.DAILY_JOB_CHECK_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
