import type { CountryCode } from 'libphonenumber-js';
import { type AccessReport, type RecordIn, buildAccessReport, reportCounts } from '../../domain/execution/access-report';
import { type AnswerLetter, buildAnswerLetter } from '../../domain/execution/answer-letter';
import { rectificationItem } from '../../domain/execution/rectification';
import { type Job, type JobStep, type SentHow, record, startJob } from '../../domain/execution/job';
import { type SourceAbilities, planFor } from '../../domain/execution/plan';
import { localDate } from '../../domain/requests/deadlines';
import type { PrivacyRequest } from '../../domain/requests/request';
import { hasConflict, isOwnAccessRequest } from '../../domain/requests/workflow';
import type { CategoryId } from '../../domain/catalogue/catalogue.data';
import type { LegalHold } from '../../domain/sources/legal-hold';
import { holdsInForce } from '../../domain/sources/legal-hold';
import type { MatchStrength, Subject } from '../../domain/sources/subject';
import type { Clock } from '../../ports/clock/clock.port';
import type { Logger } from '../../ports/logger/logger.port';
import type { Notifier } from '../../ports/notifier/notifier.port';
import type { ExportedRecord, PersonalDataSource } from '../../ports/sources/personal-data-source.port';
import type { AuditTrail } from '../../ports/store/audit-trail.port';
import type { ClaimStore } from '../../ports/store/claim-store.port';
import type { JobStore, StoredJob } from '../../ports/store/job-store.port';
import type { JobAction, JobActionOutcome, RequestDesk } from '../requests/request-desk';
import { errorName } from '../requests/follow-ups';
import { sendOnce } from '../requests/send-once';
import { type Advanced, JobRunner, type StepExecutor, claimGuard } from './job-runner';
/** Issues a download link for a case's report or letters (signed, expiring, single-use: the links port). */
export interface ReportLinkIssuer {
  issue(caseId: string, file?: 'report' | 'letters'): { url: string; expiresAt: Date };
}

/** The name the report is kept under among the case's files. */
export const REPORT_FILE = 'report.zip';
/** The answer letters (German, English) to an outside person. */
export const LETTERS_FILE = 'letters.zip';
const FILE_NAMES = { report: REPORT_FILE, letters: LETTERS_FILE } as const;
const EXPORT_PREFIX = 'export/';

export interface ExecutionDeskOptions {
  jobs: JobStore;
  sources: readonly PersonalDataSource[];
  requests: RequestDesk;
  notifier: Notifier;
  claims: ClaimStore;
  audit: AuditTrail;
  links: ReportLinkIssuer;
  clock: Clock;
  logger: Logger;
  instance: string;
  timeZone: string;
  region: CountryCode;
  retentionDays: Partial<Record<CategoryId, number>>;
  /** The person a case is about, as the sources can be searched for them (see `subjectOf`). */
  subjectOf: (request: PrivacyRequest) => Subject | undefined;
  /** How many people may see an employee's directory details (the report's recipients for F). */
  directoryViewers?: (request: PrivacyRequest) => number | undefined;
  /** Legal holds, read afresh each time: erasing never touches a held person's records. */
  holds?: () => readonly LegalHold[];
  /** After how long an unanswered task is brought up again. */
  taskReminderMs: number;
  /** The report in every format, as one ZIP (the reports port). */
  renderReport: (report: AccessReport) => Promise<Buffer>;
  /** The answer letter in German and English, as one ZIP (the reports port). */
  renderLetters: (letter: AnswerLetter) => Promise<Buffer>;
  /** Reads the directory again (after a rectification changed it: every lookup shows it at once, seed 4.2). */
  refreshDirectory?: () => Promise<unknown>;
}


/**
 * Carries out approved cases: when the DPO starts one, its plan (per request type and what each
 * source can do) becomes a job whose steps run one after the other — exports and the access report,
 * erasure, restriction, the check that nothing is left, telling the requester — and the case
 * completes when every step has. A step a source cannot do is a person's task. A failed step waits
 * for Retry on the DPO's card. Jobs survive restarts: unfinished ones are taken up at start and
 * every round after, and a step left running by an instance that is gone is run again (idempotent).
 */
export class ExecutionDesk {
  private readonly runner: JobRunner;
  private readonly sources: Map<string, PersonalDataSource>;
  /** One advance per case at a time in this process (other instances are kept apart by the store's versions and the step claims). */
  private readonly running = new Map<string, Promise<Advanced>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: ExecutionDeskOptions) {
    this.sources = new Map(options.sources.map((s) => [s.id, s]));
    const executors: Partial<Record<JobStep['kind'], StepExecutor>> = {
      export: (step, job) => this.exportStep(step, job),
      report: (_step, job) => this.reportStep(job),
      deliver: (_step, job) => this.deliverStep(job),
      letter: (_step, job) => this.letterStep(job),
      erase: (step, job) => this.eraseStep(step, job),
      pseudonymise: (step, job) => this.pseudonymiseStep(step, job),
      restrict: (step, job) => this.restrictStep(step, job),
      rectify: (step, job) => this.rectifyStep(step, job),
      explain: async () => ({}),
      confirmGone: (_step, job) => this.confirmGoneStep(job),
      notify: (_step, job) => this.notifyStep(job),
    };
    this.runner = new JobRunner({
      jobs: options.jobs,
      executors,
      sendTask: (step, job) => this.sendTaskOnce(step, job),
      clock: options.clock,
      logger: options.logger,
      guard: claimGuard(options.claims, options.clock, options.instance),
    });
  }

  /** What each source can do, as the plan sees it. */
  abilities(): SourceAbilities[] {
    return this.options.sources.map((s) => ({ id: s.id, category: s.category, can: s.capabilities, ...(s.owner ? { owner: s.owner } : {}) }));
  }

  async jobOf(caseId: string): Promise<StoredJob | undefined> {
    return this.options.jobs.job(caseId);
  }

  /** The DPO started the case: its job is made (once) and carried forward in the background. */
  async started(request: PrivacyRequest): Promise<StoredJob | undefined> {
    if (request.status !== 'inProgress') return undefined;
    const existing = await this.options.jobs.job(request.id);
    if (existing) return existing;
    const choice = request.execution ?? { includeNameOnly: [] };
    const plan = planFor(request.type, this.abilities(), {
      ...(choice.pseudonymise ? { pseudonymise: true } : {}),
      ...(choice.objectionBecomes ? { objectionBecomes: choice.objectionBecomes } : {}),
      ...(request.subject.kind === 'outside' ? { outsideSubject: true } : {}),
    });
    const subject = this.options.subjectOf(request);
    const job = startJob(request.id, plan, { ...(subject ? { subject } : {}), includeNameOnly: choice.includeNameOnly });
    const { created: made, ...created } = await this.options.jobs.createJob(subject ? await this.withoutEmptyTasks(job, subject, choice.includeNameOnly) : job, this.options.clock.now());
    // Another instance made it first (the DPO's Start on one, the other's round): theirs is told.
    if (!made) return created;
    await this.options.audit.append({ at: this.options.clock.now().toISOString(), actor: 'system', action: 'execution.started', target: request.number, details: { steps: created.job.steps.length, tasks: created.job.steps.filter((s) => s.by === 'person').length } });
    this.options.logger.info({ case: request.number, steps: created.job.steps.length }, 'execution started');
    return created;
  }

  /**
   * A person is asked to do nothing where there is nothing to do: a task on a source that holds no
   * record of the person (searched now, name-only matches counted where the DPO included them) is
   * done from the start, with 0 records. A source that cannot be searched keeps its task.
   */
  private async withoutEmptyTasks(job: Job, subject: Subject, includeNameOnly: readonly string[]): Promise<Job> {
    const at = this.options.clock.now().toISOString();
    const steps = await Promise.all(
      job.steps.map(async (step) => {
        const source = step.source ? this.sources.get(step.source) : undefined;
        if (step.by !== 'person' || !source) return step;
        try {
          const found = (await source.find(subject)).filter((f) => f.match === 'identifier' || includeNameOnly.includes(source.id)).reduce((sum, f) => sum + f.count, 0);
          return found === 0 ? { ...step, state: { status: 'done' as const, at, by: 'bot', counts: { records: 0 } } } : step;
        } catch {
          return step;
        }
      }),
    );
    return { ...job, steps };
  }

  /**
   * Carries the case's job as far as it goes now; at most one advance per case in this process (a
   * second call waits for the one under way, then looks again). Completes the case when the job is.
   */
  advance(caseId: string): Promise<Advanced> {
    const before = this.running.get(caseId) ?? Promise.resolve<Advanced>({ kind: 'missing' });
    const next = before.catch(() => undefined).then(() => this.advanceNow(caseId));
    this.running.set(caseId, next);
    void next.finally(() => {
      if (this.running.get(caseId) === next) this.running.delete(caseId);
    }).catch(() => undefined);
    return next;
  }

  /** Starts and advances in the background; failures are logged. */
  kick(caseId: string): void {
    this.advance(caseId).catch((error: unknown) => this.options.logger.warn({ caseId, err: errorName(error) }, 'could not carry a case forward'));
  }

  private async advanceNow(caseId: string): Promise<Advanced> {
    const request = await this.options.requests.get(caseId);
    if (!request) return { kind: 'missing' };
    const before = (await this.options.jobs.job(caseId))?.version;
    const advanced = await this.runner.advance(caseId);
    const after = (await this.options.jobs.job(caseId))?.version;
    if (advanced.kind === 'complete' && request.status === 'inProgress') {
      await this.options.requests.completeAfterExecution(request.id, summaryOf(advanced.job));
      await this.options.audit.append({ at: this.options.clock.now().toISOString(), actor: 'system', action: 'execution.completed', target: request.number, details: totals(advanced.job) });
    } else if (before !== after) {
      const current = (await this.options.requests.get(caseId)) ?? request;
      await this.options.requests.refreshCards(current);
      if (advanced.kind === 'blocked' && advanced.step.state.status === 'failed') await this.tellDposOfFailure(current, advanced.step);
    }
    return advanced;
  }

  /** Takes up every unfinished job (after a start, and every round): another instance's left by a crash too. */
  async resume(): Promise<number> {
    let advanced = 0;
    for (const request of (await this.options.requests.openCases()).filter((c) => c.status === 'inProgress' && c.execution !== undefined)) {
      if (!(await this.options.jobs.job(request.id))) await this.started(request);
    }
    for (const stored of await this.options.jobs.unfinishedJobs()) {
      if (this.stopped) break;
      try {
        await this.advance(stored.job.caseId);
        advanced++;
      } catch (error) {
        this.options.logger.warn({ caseId: stored.job.caseId, err: errorName(error) }, 'could not carry a case forward');
      }
    }
    await this.remindTasks();
    return advanced;
  }

  /** Resumes now and every `everyMs`. */
  start(everyMs: number): void {
    const round = (): void => {
      if (this.stopped) return;
      this.resume()
        .catch((error: unknown) => this.options.logger.warn({ err: errorName(error) }, 'execution round failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(round, everyMs);
        });
    };
    round();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** A step's or the report's button, by whoever pressed it (each checks who may). */
  act(caseId: string, stepId: string, actor: string, action: JobAction): Promise<JobActionOutcome> {
    switch (action.kind) {
      case 'retry':
        return this.retry(caseId, stepId, actor);
      case 'answer':
        return this.answerTask(caseId, stepId, actor, action.answer);
      case 'newLink':
        return this.newLink(caseId, actor);
      case 'release':
        return this.release(caseId, actor);
      case 'recordSent':
        return this.recordSent(caseId, actor, action.how);
    }
  }

  /** A DPO of the case who may act on it now (never a party); the case and its job, or why not. */
  private async forDpo(caseId: string, actor: string): Promise<{ request: PrivacyRequest; stored: StoredJob } | JobActionOutcome> {
    const request = await this.options.requests.get(caseId);
    const stored = await this.options.jobs.job(caseId);
    if (!request || !stored) return { kind: 'refused', reason: 'notFound' };
    if (!this.options.requests.isDpo(actor) || hasConflict(request, actor)) return { kind: 'refused', reason: 'notAllowed' };
    return { request, stored };
  }

  /** A fresh link (and file offer) for the DPO who asks: the one they had expired or was used. */
  private async newLink(caseId: string, actor: string): Promise<JobActionOutcome> {
    const found = await this.forDpo(caseId, actor);
    if ('kind' in found) return found;
    const file = (await this.options.jobs.files(caseId)).find((f) => f.name === REPORT_FILE);
    if (!file) return { kind: 'refused', reason: 'notNow' };
    const link = this.options.links.issue(caseId);
    if (!(await this.options.notifier.toPerson(actor, { kind: 'reportReady', request: found.request, url: link.url, expiresAt: link.expiresAt, bytes: file.bytes }))) return { kind: 'refused', reason: 'notNow' };
    await this.audit(found.request, actor, 'execution.report.link', {});
    return { kind: 'done', job: found.stored.job };
  }

  /**
   * The DPO releases an employee's own access report to them, in their personal chat (a link of
   * their own and the file offer); never a relayed request's, nor an outside person's (by post or mail).
   */
  private async release(caseId: string, actor: string): Promise<JobActionOutcome> {
    const found = await this.forDpo(caseId, actor);
    if ('kind' in found) return found;
    const { request, stored } = found;
    const file = (await this.options.jobs.files(caseId)).find((f) => f.name === REPORT_FILE);
    if (!file || !isOwnAccessRequest(request)) return { kind: 'refused', reason: 'notNow' };
    const at = this.options.clock.now().toISOString();
    const job: Job = { ...stored.job, delivery: { ...stored.job.delivery, released: { by: actor, at } } };
    if (!(await this.options.jobs.saveJob(job, stored.version, this.options.clock.now()))) return { kind: 'refused', reason: 'notNow' };
    const link = this.options.links.issue(caseId);
    const told = await this.options.notifier.toPerson(request.requester, { kind: 'reportReady', request, url: link.url, expiresAt: link.expiresAt, bytes: file.bytes, forRequester: true });
    if (!told) return { kind: 'refused', reason: 'notNow' };
    await this.audit(request, actor, 'execution.report.released', {});
    await this.options.requests.refreshCards(request);
    return { kind: 'done', job };
  }

  /** How the report reached the person, as the DPO records it. */
  private async recordSent(caseId: string, actor: string, how: SentHow): Promise<JobActionOutcome> {
    const found = await this.forDpo(caseId, actor);
    if ('kind' in found) return found;
    const job: Job = { ...found.stored.job, delivery: { ...found.stored.job.delivery, sent: { how, by: actor, at: this.options.clock.now().toISOString() } } };
    if (!(await this.options.jobs.saveJob(job, found.stored.version, this.options.clock.now()))) return { kind: 'refused', reason: 'notNow' };
    await this.audit(found.request, actor, 'execution.report.sent', { how });
    await this.options.requests.refreshCards(found.request);
    return { kind: 'done', job };
  }

  /**
   * After a backup was restored (seed 5.3.2): every rectification, erasure, restriction and objection
   * completed since `since`, with the steps that changed the sources — to be applied again.
   */
  async replayable(since: Date): Promise<ReplayItem[]> {
    const items: ReplayItem[] = [];
    for (const stored of await this.options.jobs.allJobs()) {
      const request = await this.options.requests.get(stored.job.caseId);
      if (!request || request.status !== 'completed' || request.type === 'access') continue;
      const completedAt = [...request.history].reverse().find((e) => e.action === 'complete')?.at;
      if (!completedAt || new Date(completedAt) < since) continue;
      const steps = stored.job.steps.filter((s) => REPLAYED.has(s.kind) && s.state.status === 'done');
      if (steps.length > 0) items.push({ caseId: request.id, caseNumber: request.number, type: request.type, completedAt, steps: steps.map((s) => ({ id: s.id, kind: s.kind, by: s.by, ...(s.source ? { source: s.source } : {}) })) });
    }
    return items.sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  }

  /**
   * Applies a completed case's changes again (a backup brought back what they had changed): the
   * bot's own steps run again — each is idempotent — and people's steps are listed, to be done by
   * hand again. Audited per step, with counts.
   */
  async reapply(caseId: string, actor: string): Promise<{ step: string; outcome: 'reapplied' | 'manual' | 'failed'; counts?: Record<string, number>; error?: string }[]> {
    const stored = await this.options.jobs.job(caseId);
    const request = await this.options.requests.get(caseId);
    if (!stored || !request) return [];
    const results: { step: string; outcome: 'reapplied' | 'manual' | 'failed'; counts?: Record<string, number>; error?: string }[] = [];
    for (const step of stored.job.steps.filter((s) => REPLAYED.has(s.kind) && s.state.status === 'done')) {
      if (step.by === 'person') {
        results.push({ step: step.id, outcome: 'manual' });
        await this.audit(request, actor, 'execution.replay', { step: step.id, outcome: 'manual' });
        continue;
      }
      try {
        const run =
          step.kind === 'erase' ? this.eraseStep(step, stored.job) : step.kind === 'pseudonymise' ? this.pseudonymiseStep(step, stored.job) : step.kind === 'rectify' ? this.rectifyStep(step, stored.job) : this.restrictStep(step, stored.job);
        const { counts } = await run;
        results.push({ step: step.id, outcome: 'reapplied', counts });
        await this.audit(request, actor, 'execution.replay', { step: step.id, outcome: 'reapplied', ...counts });
      } catch (error) {
        results.push({ step: step.id, outcome: 'failed', error: error instanceof Error ? error.message : String(error) });
        await this.audit(request, actor, 'execution.replay', { step: step.id, outcome: 'failed' });
      }
    }
    return results;
  }

  /** The DPO pressed Retry on a failed step. */
  private async retry(caseId: string, stepId: string, actor: string): Promise<JobActionOutcome> {
    const found = await this.forDpo(caseId, actor);
    if ('kind' in found) return found;
    const { request } = found;
    const changed = await this.change(caseId, stepId, (job) => record(job, stepId, { kind: 'retry' }));
    if (!changed) return { kind: 'refused', reason: 'notNow' };
    await this.audit(request, actor, 'execution.retry', { step: stepId });
    this.kick(caseId);
    return { kind: 'done', job: changed };
  }

  /** The person a task was given to (or a DPO) answered it: done, or not possible and why. */
  private async answerTask(caseId: string, stepId: string, actor: string, answer: { done: true } | { done: false; reason: string }): Promise<JobActionOutcome> {
    const request = await this.options.requests.get(caseId);
    if (!request) return { kind: 'refused', reason: 'notFound' };
    const stored = await this.options.jobs.job(caseId);
    const step = stored?.job.steps.find((s) => s.id === stepId);
    if (!stored || !step) return { kind: 'refused', reason: 'notFound' };
    const dpo = this.options.requests.isDpo(actor) && !hasConflict(request, actor);
    const assignee = step.assignee !== undefined && this.options.requests.personIdOf(step.assignee) === actor;
    if (!dpo && !assignee) return { kind: 'refused', reason: 'notAllowed' };
    const at = this.options.clock.now().toISOString();
    const changed = await this.change(caseId, stepId, (job) => record(job, stepId, answer.done ? { kind: 'done', at, by: actor } : { kind: 'notPossible', at, by: actor, reason: answer.reason }));
    if (!changed) return { kind: 'refused', reason: 'notNow' };
    // Which step, by whom, done or not: never the reason's words (they may name people).
    await this.audit(request, actor, answer.done ? 'execution.task.done' : 'execution.task.notPossible', { step: stepId });
    this.kick(caseId);
    return { kind: 'done', job: changed };
  }

  /** A change to one step, saved from the version read; undefined when the step is not in a state for it. */
  private async change(caseId: string, stepId: string, apply: (job: Job) => Job): Promise<Job | undefined> {
    for (let tries = 0; tries < 5; tries++) {
      const stored = await this.options.jobs.job(caseId);
      if (!stored || !stored.job.steps.some((s) => s.id === stepId)) return undefined;
      let next: Job;
      try {
        next = apply(stored.job);
      } catch {
        return undefined;
      }
      if (await this.options.jobs.saveJob(next, stored.version, this.options.clock.now())) return next;
    }
    return undefined;
  }

  /** The report's (or the letters') file for a download link, or undefined once it is gone. */
  async reportFile(caseId: string, file: 'report' | 'letters' = 'report'): Promise<{ request: PrivacyRequest; content: Buffer; name: string } | undefined> {
    const request = await this.options.requests.get(caseId);
    const content = await this.options.jobs.file(caseId, FILE_NAMES[file]);
    return request && content ? { request, content, name: file === 'report' ? `${request.number}.zip` : `${request.number}-letters.zip` } : undefined;
  }

  /**
   * The report for a DPO who may decide the case (never a party to it), or for the employee it is
   * about once a DPO released it to them; undefined for anybody else or when it is gone.
   */
  async reportFor(caseId: string, actor: string): Promise<{ request: PrivacyRequest; content: Buffer } | undefined> {
    const found = await this.reportFile(caseId);
    if (!found) return undefined;
    if (this.options.requests.isDpo(actor) && !hasConflict(found.request, actor)) return found;
    const released = (await this.options.jobs.job(caseId))?.job.delivery?.released;
    return released && isOwnAccessRequest(found.request) && found.request.requester === actor ? found : undefined;
  }

  /** The report reached a DPO as a file in their personal chat. */
  async reportDelivered(caseId: string, actor: string, how: 'file'): Promise<void> {
    const request = await this.options.requests.get(caseId);
    if (request) await this.audit(request, actor, 'execution.report.delivered', { how });
  }

  /** Records that the DPO downloaded the report (who, when: the audit trail). */
  async downloaded(request: PrivacyRequest): Promise<void> {
    await this.audit(request, 'system', 'execution.report.downloaded', {});
  }

  // ——— the steps ———

  private source(step: JobStep): PersonalDataSource {
    const source = step.source ? this.sources.get(step.source) : undefined;
    if (!source) throw new Error(`source ${step.source ?? '?'} is not configured any more`);
    return source;
  }

  private subject(job: Job): Subject {
    if (!job.subject) throw new Error('the case names nobody the sources can be searched for');
    return job.subject;
  }

  /** The ways a record counts as the person's in this source: by identifier, and by name where the DPO included it. */
  private matches(job: Job, source: string): MatchStrength[] {
    return (job.includeNameOnly ?? []).includes(source) ? ['identifier', 'name'] : ['identifier'];
  }

  private async exportStep(step: JobStep, job: Job): Promise<{ counts: Record<string, number> }> {
    const source = this.source(step);
    const wanted = new Set(this.matches(job, source.id));
    const records = (await source.export(this.subject(job))).filter((r) => wanted.has(r.match));
    await this.options.jobs.putFile(job.caseId, `${EXPORT_PREFIX}${source.id}.json`, Buffer.from(JSON.stringify(records)), this.options.clock.now());
    return { counts: { records: records.length } };
  }

  private async reportStep(job: Job): Promise<{ counts: Record<string, number> }> {
    const request = await this.request(job.caseId);
    const names = (await this.options.jobs.files(job.caseId)).map((f) => f.name);
    // Run again after the exports were cleared: the report is there already.
    if (names.includes(REPORT_FILE) && !names.some((n) => n.startsWith(EXPORT_PREFIX))) return { counts: {} };
    const records: RecordIn[] = [];
    for (const name of names.filter((n) => n.startsWith(EXPORT_PREFIX))) {
      const content = await this.options.jobs.file(job.caseId, name);
      for (const r of JSON.parse(content?.toString('utf8') ?? '[]') as (Omit<ExportedRecord, 'at'> & { at?: string })[]) {
        records.push({ ...r, ...(r.at ? { at: new Date(r.at) } : {}) } as RecordIn);
      }
    }
    const viewers = this.options.directoryViewers?.(request);
    const report = buildAccessReport({
      caseNumber: request.number,
      subjectName: subjectName(request),
      subject: this.subject(job),
      region: this.options.region,
      records,
      includeNameOnly: new Set(job.includeNameOnly ?? []),
      retentionDays: this.options.retentionDays,
      ...(viewers !== undefined ? { directoryViewers: viewers } : {}),
      issuedAt: this.options.clock.now(),
    });
    await this.options.jobs.putFile(job.caseId, REPORT_FILE, await this.options.renderReport(report), this.options.clock.now());
    // The exports served: only the report (redacted) is kept.
    await this.options.jobs.deleteFiles(job.caseId, EXPORT_PREFIX);
    return { counts: reportCounts(report) };
  }

  /** The report to the DPOs' personal chats (never a channel) as a signed, single-use link; fails while nobody could be reached. */
  private async deliverStep(job: Job): Promise<{ counts: Record<string, number> }> {
    const request = await this.request(job.caseId);
    const file = (await this.options.jobs.files(job.caseId)).find((f) => f.name === REPORT_FILE);
    if (!file) throw new Error('the report is not there');
    return this.handToDpos(request, 'report', file.bytes);
  }

  /** The answer letters to an outside person, handed to the DPOs (a link in their personal chat) to send by post or mail. */
  private async letterStep(job: Job): Promise<{ counts: Record<string, number> }> {
    const request = await this.request(job.caseId);
    const content = await this.options.renderLetters(buildAnswerLetter(request, job, this.options.clock.now()));
    await this.options.jobs.putFile(job.caseId, LETTERS_FILE, content, this.options.clock.now());
    return this.handToDpos(request, 'letters', content.length);
  }

  /**
   * A case's file to its DPOs' personal chats, each with a link of their own (a link is spent when it
   * is opened): once per job version, claimed; fails while nobody could be reached (Retry on the card).
   */
  private async handToDpos(request: PrivacyRequest, file: 'report' | 'letters', bytes: number): Promise<{ counts: Record<string, number> }> {
    const round = String((await this.options.jobs.job(request.id))?.version ?? 0);
    const outcome = await sendOnce(this.options.claims, this.options.clock, { subject: request.id, mark: file === 'report' ? 'reportReady' : 'lettersReady', round, holder: this.options.instance }, async () => {
      let reached = 0;
      for (const dpo of this.dposFor(request)) {
        const link = this.options.links.issue(request.id, file);
        try {
          if (await this.options.notifier.toPerson(dpo, { kind: 'reportReady', request, url: link.url, expiresAt: link.expiresAt, bytes, ...(file === 'letters' ? { file } : {}) })) reached++;
        } catch (error) {
          this.options.logger.warn({ case: request.number, file, err: errorName(error) }, 'could not hand a file to a DPO');
        }
      }
      return reached;
    });
    if (outcome.kind === 'nobody') throw new Error('no DPO could be reached in a personal chat');
    return { counts: { reached: outcome.kind === 'sent' ? outcome.reached : 0 } };
  }

  private async eraseStep(step: JobStep, job: Job): Promise<{ counts: Record<string, number> }> {
    const source = this.source(step);
    if (!source.erase) throw new Error(`${source.id} cannot erase`);
    const result = await source.erase(this.subject(job), { match: this.matches(job, source.id), holds: this.holds() });
    return { counts: { deleted: result.deleted, ...(result.kept > 0 ? { kept: result.kept } : {}) } };
  }

  private async pseudonymiseStep(step: JobStep, job: Job): Promise<{ counts: Record<string, number> }> {
    const source = this.source(step);
    if (!source.pseudonymise) throw new Error(`${source.id} cannot pseudonymise`);
    const result = await source.pseudonymise(this.subject(job), { match: this.matches(job, source.id), holds: this.holds() });
    return { counts: { pseudonymised: result.pseudonymised, keyVersion: result.keyVersion, ...(result.kept > 0 ? { kept: result.kept } : {}) } };
  }

  /**
   * Rectification (Art. 16): the item the case names set to its corrected value, in the directory
   * (LDAP modify, Graph PATCH) and in the copies a source keeps of it; the case keeps the values
   * before and after (a file of the job), the audit trail only which item changed.
   */
  private async rectifyStep(step: JobStep, job: Job): Promise<{ counts: Record<string, number> }> {
    const source = this.source(step);
    if (!source.rectify) throw new Error(`${source.id} cannot rectify`);
    const request = await this.request(job.caseId);
    const item = request.rectification ? rectificationItem(request.rectification.item) : undefined;
    const value = request.rectification?.newValue?.trim();
    if (!item || !value) throw new Error('the case names no single catalogue item with its corrected value: correct the case, or do it by hand');
    const result = await source.rectify(this.subject(job), { item, value, match: this.matches(job, source.id), ...(request.subject.kind === 'employee' ? { personId: request.subject.id } : {}) });
    await this.options.jobs.putFile(job.caseId, `rectification/${source.id}.json`, Buffer.from(JSON.stringify({ item, before: result.before, after: result.after, at: this.options.clock.now().toISOString() })), this.options.clock.now());
    await this.audit(request, 'system', 'execution.rectified', { step: step.id, item, changed: result.changed });
    // The directory changed: read it now rather than at the next round, so every answer shows it.
    if (source.category === 'F' && result.changed > 0) {
      await this.options.refreshDirectory?.().catch((error: unknown) => this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not read the directory again after a rectification'));
    }
    return { counts: { changed: result.changed } };
  }

  /** What a rectification changed, per source: the item, the values before and after (the DPO's to see; never in the audit trail). */
  async rectifications(caseId: string): Promise<{ source: string; item: string; before: string[]; after: string[]; at: string }[]> {
    const files = (await this.options.jobs.files(caseId)).filter((f) => f.name.startsWith('rectification/'));
    const changes: { source: string; item: string; before: string[]; after: string[]; at: string }[] = [];
    for (const file of files) {
      const content = await this.options.jobs.file(caseId, file.name);
      if (content) changes.push({ source: file.name.slice('rectification/'.length, -'.json'.length), ...(JSON.parse(content.toString('utf8')) as { item: string; before: string[]; after: string[]; at: string }) });
    }
    return changes;
  }

  private async restrictStep(step: JobStep, job: Job): Promise<{ counts: Record<string, number> }> {
    const source = this.source(step);
    if (!source.restrict) throw new Error(`${source.id} cannot restrict`);
    const result = await source.restrict(this.subject(job), { match: this.matches(job, source.id) });
    return { counts: { restricted: result.restricted } };
  }

  /** After an erasure: nothing identifying is left where the bot erased (records under a legal hold aside, counted as kept). */
  private async confirmGoneStep(job: Job): Promise<{ counts: Record<string, number> }> {
    let remaining = 0;
    const left: string[] = [];
    for (const step of job.steps.filter((s) => (s.kind === 'erase' || s.kind === 'pseudonymise') && s.by === 'bot' && s.source)) {
      const source = this.source(step);
      const wanted = new Set(this.matches(job, source.id));
      const found = (await source.find(this.subject(job))).filter((f) => wanted.has(f.match)).reduce((sum, f) => sum + f.count, 0);
      const kept = step.state.status === 'done' ? (step.state.counts?.kept ?? 0) : 0;
      if (found > kept) {
        remaining += found - kept;
        left.push(source.id);
      }
    }
    if (remaining > 0) throw new Error(`still found after erasing: ${remaining} record(s) in ${left.join(', ')}`);
    return { counts: { remaining: 0 } };
  }

  /** The requester is told what was done (counts per step, nothing else). */
  private async notifyStep(job: Job): Promise<{ counts: Record<string, number> }> {
    const request = await this.request(job.caseId);
    let told = 0;
    try {
      told = (await this.options.notifier.toPerson(request.requester, { kind: 'outcome', request, job })) ? 1 : 0;
    } catch (error) {
      // Told by the case's completion notice too: a failed outcome card is logged, not retried for ever.
      this.options.logger.warn({ case: request.number, err: errorName(error) }, 'could not tell the requester the outcome');
    }
    return { counts: { told } };
  }

  /** A person's task: to the source's owner, else to the case's DPOs; true when somebody has it. */
  private async sendTask(step: JobStep, job: Job, reminder: boolean): Promise<boolean> {
    const request = await this.request(job.caseId);
    const send = async (to: string[]): Promise<number> => {
      let reached = 0;
      for (const person of to) {
        try {
          if (await this.options.notifier.toPerson(person, { kind: 'task', request, step, reminder, ...(job.subject ? { subject: job.subject } : {}) })) reached++;
        } catch (error) {
          this.options.logger.warn({ case: request.number, step: step.id, err: errorName(error) }, 'could not send a task');
        }
      }
      return reached;
    };
    // The source's owner first; an owner the bot cannot reach (a team mailbox, nobody who installed
    // the app) leaves the task with the DPOs, who see on the case card whose it is.
    let to: 'owner' | 'dpo' = step.assignee ? 'owner' : 'dpo';
    let reached = step.assignee ? await send([this.options.requests.personIdOf(step.assignee)]) : 0;
    if (reached === 0) {
      to = 'dpo';
      reached = await send(this.dposFor(request));
    }
    if (reached > 0 && !reminder) await this.audit(request, 'system', 'execution.task.sent', { step: step.id, to });
    return reached > 0;
  }

  /**
   * A task's first card, sent by one instance only (claimed per send: a Retry that makes the step
   * pending again sends anew). Held by another instance: it is sending now — or it sent and stopped
   * before the job said so, and then this one records it as sent.
   */
  private async sendTaskOnce(step: JobStep, job: Job): Promise<'sent' | 'nobody' | 'elsewhere'> {
    const round = `sent-${(step.state.status === 'pending' ? (step.state.attempts ?? 0) : 0) + 1}`;
    const claim = { subject: job.caseId, mark: `task:${step.id}`, round, holder: this.options.instance };
    const outcome = await sendOnce(this.options.claims, this.options.clock, claim, async () => ((await this.sendTask(step, job, false)) ? 1 : 0));
    if (outcome.kind !== 'held') return outcome.kind;
    return (await this.options.claims.sent(claim)) ? 'sent' : 'elsewhere';
  }

  /** Tasks unanswered for longer than the reminder interval are sent again, once per interval (claimed: one instance sends). */
  async remindTasks(): Promise<number> {
    const now = this.options.clock.now();
    let reminded = 0;
    for (const stored of await this.options.jobs.unfinishedJobs()) {
      for (const step of stored.job.steps) {
        if (step.state.status !== 'waiting') continue;
        const waited = now.getTime() - new Date(step.state.since).getTime();
        const round = Math.floor(waited / this.options.taskReminderMs);
        if (round < 1) continue;
        const outcome = await sendOnce(this.options.claims, this.options.clock, { subject: stored.job.caseId, mark: `task:${step.id}`, round: `reminder-${round}`, holder: this.options.instance }, async () => ((await this.sendTask(step, stored.job, true)) ? 1 : 0));
        if (outcome.kind === 'sent') reminded++;
      }
    }
    return reminded;
  }

  private async tellDposOfFailure(request: PrivacyRequest, step: JobStep): Promise<void> {
    const attempt = step.state.status === 'failed' ? step.state.attempt : 0;
    await sendOnce(this.options.claims, this.options.clock, { subject: request.id, mark: `failed:${step.id}`, round: String(attempt), holder: this.options.instance }, async () => {
      try {
        return await this.options.requests.notifyDpos({ kind: 'stepFailed', request, step });
      } catch {
        return 0;
      }
    });
  }

  /** The case's assignee, else every DPO — never one who is party to the case. */
  private dposFor(request: PrivacyRequest): string[] {
    const roster = this.options.requests.roster;
    const assignee = request.assignee ? this.options.requests.personIdOf(request.assignee) : undefined;
    const all = [...roster.dpos, ...(roster.deputy ? [roster.deputy] : [])].map((id) => this.options.requests.personIdOf(id));
    const eligible = (ids: string[]): string[] => [...new Set(ids.filter((id) => !hasConflict(request, id)))];
    return assignee && eligible([assignee]).length > 0 ? [assignee] : eligible(all);
  }

  private holds(): Subject[] {
    const holds = this.options.holds?.() ?? [];
    return holdsInForce(holds, localDate(this.options.clock.now(), this.options.timeZone)).map((h) => h.subject);
  }

  private async request(caseId: string): Promise<PrivacyRequest> {
    const request = await this.options.requests.get(caseId);
    if (!request) throw new Error('the case is gone');
    return request;
  }

  private async audit(request: PrivacyRequest, actor: string, action: string, details: Record<string, string | number | boolean | null>): Promise<void> {
    await this.options.audit.append({ at: this.options.clock.now().toISOString(), actor, action, target: request.number, details });
  }
}

/** The steps that change the sources, and so are applied again after a restore. */
const REPLAYED: ReadonlySet<JobStep['kind']> = new Set(['erase', 'pseudonymise', 'restrict', 'rectify']);

/** A completed case whose changes a restored backup may have undone. */
export interface ReplayItem {
  caseId: string;
  caseNumber: string;
  type: PrivacyRequest['type'];
  completedAt: string;
  steps: { id: string; kind: JobStep['kind']; by: 'bot' | 'person'; source?: string }[];
}

/** Whom the case is about, by name, for the report's heading. */
function subjectName(request: PrivacyRequest): string {
  if (request.subject.kind === 'employee') return request.subject.name;
  const c = request.subject.criteria;
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || '—';
}

/** Counts over every step, for the audit trail (numbers only). */
function totals(job: Job): Record<string, number> {
  const sum: Record<string, number> = { steps: job.steps.length };
  for (const step of job.steps) {
    if (step.state.status === 'notPossible') sum.notPossible = (sum.notPossible ?? 0) + 1;
    if (step.state.status !== 'done') continue;
    for (const [key, value] of Object.entries(step.state.counts ?? {})) if (['deleted', 'restricted', 'kept'].includes(key)) sum[key] = (sum[key] ?? 0) + value;
  }
  return sum;
}

/** The completion's note in the case's history: what the job did, in numbers. */
function summaryOf(job: Job): string {
  const { steps, ...rest } = totals(job);
  return [`${steps} steps`, ...Object.entries(rest).map(([k, v]) => `${v} ${k}`)].join(', ');
}

