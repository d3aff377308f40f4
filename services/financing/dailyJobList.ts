// The daily jobs of the financing domain, in the order they run (server/dailyJobs.ts, npm run loan-monitor).
import { LOAN_MONITORING_JOB, runLoanMonitoring, type JobDeps } from './monitoring';
import { REGISTRATION_EXPIRY_JOB, runRegistrationExpiry } from './registrationExpiry';

export interface DailyJob {
  name: string;
  run: (deps: JobDeps, day: string) => Promise<unknown>;
}

export const DAILY_JOB_LIST: DailyJob[] = [
  { name: REGISTRATION_EXPIRY_JOB, run: runRegistrationExpiry },
  { name: LOAN_MONITORING_JOB, run: runLoanMonitoring },
];
