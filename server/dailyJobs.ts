// The in-process scheduler of the daily jobs (issue 16, point 3). Every DAILY_JOB_CHECK_MS each API
// process asks whether today's (Asia/Shanghai) run of each job is claimed; the first process to
// claim it runs it (services/jobs/daily.ts), so a job runs once per day however many processes run
// and however often they restart. `npm run loan-monitor` runs it by hand.
import type { Config } from './config';
import type { Logger } from './logger';
import { runDaily, runnerName } from '../services/jobs/daily';
import { LOAN_MONITORING_JOB, runLoanMonitoring } from '../services/financing/monitoring';
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
    running = runDaily(LOAN_MONITORING_JOB, day, runner, () => runLoanMonitoring(deps, day))
      .then((outcome) => {
        if (outcome.ran) log.info({ job: LOAN_MONITORING_JOB, day, result: outcome.result }, 'daily job ran');
      })
      .catch((err: unknown) => log.error({ err, job: LOAN_MONITORING_JOB, day }, 'daily job failed'))
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
