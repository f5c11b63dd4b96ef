import type { Generated } from 'kysely';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** A unit of background work, claimed by one instance at a time (see jobs/job-runner.ts). */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  status: JobStatus;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: number;
  /** Dedupe key: at most one pending or running job per key (e.g. "publish:42"). */
  unique_key: string | null;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** A named lease: whoever holds it (until it expires) runs that periodic task; nobody else does. */
export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}
