import { randomUUID } from 'node:crypto';
import { DirectorySync } from '../app/directory-sync';
import { InstanceHeartbeat } from '../app/instance-heartbeat';
import { PrivacyDesk } from '../app/privacy-desk';
import type { AdminPolicy } from '../domain/grants/grant';
import type { Config } from '../config/config';
import { type Clock, systemClock } from '../ports/clock/clock.port';
import type { AttributeChanges, DirectoryPort } from '../ports/directory/directory.port';
import { directoryFor } from './directory-factory';
import type { Logger } from '../ports/logger/logger.port';
import type { GrantStore } from '../ports/store/grant-store.port';
import type { ClaimStore } from '../ports/store/claim-store.port';
import { describeTarget } from '../ports/store/database-target';
import { openStores } from '../ports/store/sql/stores';
import type { ConversationStore, RequestStore } from '../ports/store/request-store.port';
import { RelayNotifier } from '../ports/notifier/notifier.port';
import { RequestDesk } from '../app/requests/request-desk';
import { DeadlineScheduler } from '../app/requests/deadline-scheduler';
import { loadGrantsFile, loadMatrix } from './admin-files';
import { RetentionDesk } from '../app/retention-desk';
import { RetentionScheduler } from '../app/retention-scheduler';
import { cronSchedule } from '../app/schedule';
import { type AdminRoster, Administrators } from '../app/administrators';
import { CaseFindingsLookup } from '../app/case-findings';
import { isDirectoryUser } from '../app/directory-users';
import { liveLegalHolds, openSources } from './sources';
import { DirectorySource } from '../ports/sources/directory-source.adapter';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import { processEnvironment } from '../config/config';
import { ExecutionDesk } from '../app/execution/execution-desk';
import { ReportLinks } from '../ports/links/report-links';
import { renderReportZip, stopReportWorkers, warmReportWorkers } from '../ports/reports/report-workers';
import { answerLettersZip } from '../ports/reports/answer-letter-pdf';
import { subjectOf } from '../app/case-findings';

export interface App {
  desk: PrivacyDesk;
  store: GrantStore;
  directory: DirectoryPort;
  /** Background refresh of the directory snapshot (not started: `serve` starts it). */
  sync: DirectorySync;
  /** Privacy requests: intake, decisions, notifications. */
  requests: RequestDesk;
  requestStore: RequestStore & ConversationStore;
  /** "Send at most once" claims and the instances' heartbeats. */
  claims: ClaimStore;
  /** Where notifications go: silent until the server plugs in Teams. */
  notifier: RelayNotifier;
  /** Deadline reminders (not started: `serve` starts it). */
  scheduler: DeadlineScheduler;
  /** This instance's heartbeat (not started: `serve` starts it). */
  heartbeat: InstanceHeartbeat;
  clock: Clock;
  /** The communication suite's administrators (lower-case mail/UPN). */
  admins: AdminRoster;
  /** Posts the weekly retention summary and runs the scheduled purge (started by the server). */
  retentionScheduler: RetentionScheduler;
  /** The retention summary, from the personal-data sources (SOURCES_FILE, or the demo sources). */
  retention: RetentionDesk;
  /** Carries out started cases (started by the server: `execution.start(ms)`). */
  execution: ExecutionDesk;
  /** The access reports' download links. */
  links: ReportLinks;
  /** The personal-data sources: the directory (F) and the sources file's (or the demo's). */
  sources: readonly PersonalDataSource[];
  /** Starts the access report's workers and warms them, kept while the process runs (the server calls it once it listens). */
  warmReports(): Promise<void>;
  close(): Promise<void>;
}

export interface AppSeams {
  clock?: Clock;
  directory?: DirectoryPort;
  /** Where the sources file's `env:NAME` references are read (the process environment by default). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Wires the application: reads and validates the administrators' files, imports the grants file
 * into the store (idempotent, audited), reads the directory, and builds the in-memory snapshot.
 */
export async function createApp(config: Config, logger: Logger, seams: AppSeams = {}): Promise<App> {
  const clock = seams.clock ?? systemClock;
  const matrix = await loadMatrix(config.matrixFile);
  const policy = await loadGrantsFile(config.grantsFile);
  const directory = seams.directory ?? (await directoryFor(config.directory));
  // One database for grants, requests and the audit trail that chains them all.
  const stores = await openStores(config.database);
  logger.info({ database: stores.database.dialect, at: describeTarget(config.database) }, 'database open');
  const store: GrantStore = stores.grants;
  const requestStore = stores.requests;
  const claims = stores.claims;
  try {
    const summary = await store.importAdminPolicy(policy, 'grants-file', clock.now());
    logger.info({ ...summary }, 'grants file imported');
    const data = await directory.read();
    logger.info({ people: data.people.length, groups: data.groups.length, source: directory.description }, 'directory read');
    const stored = (await store.loadAdminPolicy()) ?? policy;
    const desk = new PrivacyDesk(matrix, store, clock, data, stored, await store.listUserGrants());
    warnAboutUnknownScopes(desk, stored, logger);
    const sync = new DirectorySync(directory, desk, clock, logger, { intervalMs: config.directoryRefreshSeconds * 1000 });
    const notifier = new RelayNotifier();
    const roster = { dpos: config.dpo.users, ...(config.dpo.deputy ? { deputy: config.dpo.deputy } : {}), channel: config.dpo.channelId !== undefined };
    if (roster.dpos.length === 0 && roster.deputy === undefined) logger.warn({}, 'no DPO configured (DPO_USERS): privacy requests are taken in but nobody can decide them');
    const personIdOf = (mailOrUpn: string): string => {
      const index = desk.identify({ mail: mailOrUpn, upn: mailOrUpn });
      return index === undefined ? mailOrUpn.toLowerCase() : desk.person(index).id;
    };
    const unknownDpos = [...roster.dpos, ...(roster.deputy ? [roster.deputy] : [])].filter((id) => desk.identify({ mail: id, upn: id }) === undefined).length;
    if (unknownDpos > 0) logger.warn({ unknownDpos }, 'DPO_USERS or DPO_DEPUTY names somebody the directory does not know: they cannot be identified in Teams');
    const heartbeat = new InstanceHeartbeat(randomUUID(), claims, clock, logger);
    const requests = new RequestDesk({ store: requestStore, claims, notifier, roster, clock, timeZone: config.timeZone, logger, personIdOf, instance: heartbeat.instance });
    const scheduler = new DeadlineScheduler(requests, claims, clock, logger);
    // The directory (F) first — the snapshot the bot holds — then the sources file's.
    // The directory is rectified in place where it may be written (LDAP/AD, Graph); an LDIF file is read only.
    const writeDirectory = config.directory.kind === 'ldif' ? undefined : (personId: string, changes: AttributeChanges) => directory.updatePerson(personId, changes);
    const sources = [new DirectorySource(() => desk.directory.people, config.phoneRegion, writeDirectory), ...openSources(config, data, seams.env ?? processEnvironment(), clock.now())];
    logger.info({ sources: sources.map((s) => s.id) }, 'personal-data sources open');
    const summarySchedule = config.schedules.summary ? cronSchedule(config.schedules.summary, config.timeZone) : undefined;
    const purgeSchedule = config.schedules.purge ? cronSchedule(config.schedules.purge, config.timeZone) : undefined;
    const retention = new RetentionDesk({
      sources,
      policy: config.retention,
      timeZone: config.timeZone,
      audit: stores.audit,
      requests: requestStore,
      clock,
      notifier,
      logger,
      holds: liveLegalHolds(config, data, clock.now(), logger),
      isUser: (user) => isDirectoryUser(desk.directory, user),
      ...(summarySchedule ? { summarySchedule } : {}),
    });
    const retentionScheduler = new RetentionScheduler({
      desk: retention,
      notifier,
      claims,
      audit: stores.audit,
      clock,
      logger,
      instance: heartbeat.instance,
      ...(summarySchedule ? { summary: summarySchedule } : {}),
      ...(purgeSchedule ? { purge: purgeSchedule } : {}),
    });
    const personOf = (id: string) => {
      const index = desk.directory.indexOf(id);
      return index === undefined ? undefined : desk.person(index);
    };
    requests.useFindings(new CaseFindingsLookup(sources, personOf, () => clock.now()));
    const links = new ReportLinks(config.execution.linkSecret ? Buffer.from(config.execution.linkSecret) : await stores.jobs.linkKey(), claims, clock, { publicUrl: config.execution.publicUrl, hours: config.execution.linkHours, instance: heartbeat.instance });
    const execution = new ExecutionDesk({
      jobs: stores.jobs,
      sources,
      requests,
      notifier,
      claims,
      audit: stores.audit,
      links,
      clock,
      logger,
      instance: heartbeat.instance,
      timeZone: config.timeZone,
      region: config.phoneRegion,
      retentionDays: { H: config.retention.journalDays, C: config.retention.chatDays },
      subjectOf: (request) => subjectOf(request, personOf),
      holds: liveLegalHolds(config, data, clock.now(), logger),
      taskReminderMs: config.execution.taskReminderHours * 3_600_000,
      renderReport: (report) => renderReportZip(report, config.timeZone),
      renderLetters: (letter) => answerLettersZip(letter, config.timeZone),
      refreshDirectory: () => sync.refresh(),
    });
    requests.useExecution({
      jobOf: async (caseId) => (await execution.jobOf(caseId))?.job,
      started: async (request) => {
        await execution.started(request);
        execution.kick(request.id);
      },
      act: (caseId, stepId, actor, action) => execution.act(caseId, stepId, actor, action),
      reportFor: (caseId, actor) => execution.reportFor(caseId, actor),
      rectifications: (caseId) => execution.rectifications(caseId),
      replayable: (since) => execution.replayable(since),
      reapply: (caseId, actor) => execution.reapply(caseId, actor),
      canPseudonymise: () => execution.abilities().some((a) => a.can.has('pseudonymise')),
      reportDelivered: (caseId, actor, how) => execution.reportDelivered(caseId, actor, how),
    });
    const admins = new Administrators(config.admins, config.adminGroup, () => desk.directory);
    const adminGroupProblem = admins.groupProblem();
    if (adminGroupProblem) logger.warn({ setting: 'ADMIN_GROUP', problem: adminGroupProblem }, 'ADMIN_GROUP makes nobody an administrator');
    const close = async (): Promise<void> => {
      sync.stop();
      await scheduler.stop();
      // A purge under way ends after its batch: shutting down never waits for a whole purge.
      retention.interrupt();
      await retentionScheduler.stop();
      await execution.stop();
      await stopReportWorkers();
      // Card redraws and notices still under way (the server stopped taking requests before this).
      if (!(await requests.settled(10_000))) logger.warn({ waitedMs: 10_000 }, 'stopped before every card was updated');
      // Nothing is being sent any more (or what is still under way has timed out): whatever this
      // instance still holds is free for the others.
      await heartbeat.stop();
      await retention.close();
      await directory.close();
      await store.close();
    };
    const warmReports = (): Promise<void> => warmReportWorkers(config.timeZone);
    return { desk, store, directory, sync, requests, requestStore, claims, notifier, scheduler, retentionScheduler, heartbeat, clock, admins, retention, execution, links, sources, warmReports, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * A grants file naming a group or user the directory does not have grants nothing: say so at start
 * so that an administrator's typo does not go unnoticed. Group names are logged; users only counted.
 */
function warnAboutUnknownScopes(desk: PrivacyDesk, policy: AdminPolicy, logger: Logger): void {
  const groups = new Set<string>();
  let users = 0;
  for (const grant of policy.grants) {
    for (const scope of [grant.owner, grant.viewer]) {
      if (scope.kind === 'group' && desk.directory.groupIndexesNamed(scope.name).length === 0) groups.add(scope.name);
      if (scope.kind === 'user' && desk.directory.indexOf(scope.id) === undefined) users++;
    }
  }
  if (groups.size > 0) logger.warn({ groups: [...groups].sort() }, 'grants file names groups the directory does not have');
  if (users > 0) logger.warn({ count: users }, 'grants file names users the directory does not have');
}
