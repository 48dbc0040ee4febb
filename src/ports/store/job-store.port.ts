import type { Job } from '../../domain/execution/job';

/** A job as stored: its steps' states, and the version a change must name. */
export interface StoredJob {
  job: Job;
  version: number;
  updatedAt: string;
}

/**
 * Where the execution of approved cases is kept, step by step, so that a restart (or another
 * instance) takes each job up where it stood. Changes name the version they were made from: of two
 * instances advancing one job, one wins and the other reloads.
 */
export interface JobStore {
  /**
   * Creates the case's job unless it has one; returns the stored one either way (a second approval
   * creates nothing), with `created` true only for the call that made it (of two instances, one).
   */
  createJob(job: Job, at: Date): Promise<StoredJob & { created: boolean }>;
  job(caseId: string): Promise<StoredJob | undefined>;
  /** Saves `job` if the stored version is still `expected`; false when somebody changed it first. */
  saveJob(job: Job, expected: number, at: Date): Promise<boolean>;
  /** Jobs with a step not finished: what the runner takes up after a start. */
  unfinishedJobs(): Promise<StoredJob[]>;
  /** Every job, the most recently changed last. */
  allJobs(): Promise<StoredJob[]>;
  /** Keeps a file a step produced (an export, the report), replacing one of the same name: a step run again writes it again. */
  putFile(caseId: string, name: string, content: Buffer, at: Date): Promise<void>;
  file(caseId: string, name: string): Promise<Buffer | undefined>;
  /** The case's files, by name, with their sizes. */
  files(caseId: string): Promise<{ name: string; bytes: number; createdAt: string }[]>;
  /** Removes the case's files whose name starts with `prefix` (all without one); how many. */
  deleteFiles(caseId: string, prefix?: string): Promise<number>;
  /** The key download links are signed with when none is configured: made once per database, the same for every instance. */
  linkKey(): Promise<Buffer>;
}
