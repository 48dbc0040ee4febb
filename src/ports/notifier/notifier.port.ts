import type { PurgeRun } from '../../app/retention';
import type { RetentionSummary } from '../../app/retention-summary';
import type { Reminder } from '../../domain/requests/deadlines';
import type { PrivacyRequest, RequestEvent } from '../../domain/requests/request';
import type { Job, JobStep } from '../../domain/execution/job';
import type { Subject } from '../../domain/sources/subject';

/** Something to tell people about a case; the adapter draws it (card, language) for each recipient. */
export type CaseNotice =
  /** A new case for the DPOs to decide, with open cases that look like duplicates. */
  | { kind: 'decision'; request: PrivacyRequest; duplicates: PrivacyRequest[] }
  /** The requester's case changed (a decision, a question, an extension). */
  | { kind: 'changed'; request: PrivacyRequest; event: RequestEvent }
  /** A deadline is near or here. */
  | { kind: 'reminder'; request: PrivacyRequest; reminder: Reminder }
  /** Carrying the case out needs a person: exactly what to do, with Done and Not possible. */
  | { kind: 'task'; request: PrivacyRequest; step: JobStep; reminder: boolean; subject?: Subject }
  /** A step failed: the DPOs see it on the case card, with Retry. */
  | { kind: 'stepFailed'; request: PrivacyRequest; step: JobStep }
  /** The access report is ready: a signed, single-use link for one DPO (personal chat only). */
  | { kind: 'reportReady'; request: PrivacyRequest; url: string; expiresAt: Date; bytes: number; forRequester?: boolean; file?: 'report' | 'letters' }
  /** The requester is told what was done. */
  | { kind: 'outcome'; request: PrivacyRequest; job: Job };

/** Something for the administrators' channel. */
export type AdminNotice =
  /** The weekly retention summary; `late` when it is posted after its time (the bot was down). */
  | { kind: 'retentionSummary'; summary: RetentionSummary; late?: { due: Date } }
  /** A purge an administrator started from the summary card has finished. */
  | { kind: 'purgeFinished'; run: PurgeRun; by: string };

/**
 * Proactive messages (Teams now; mail later). Sending returns false when there is no way to reach
 * the recipient (no conversation known, no channel configured); it throws on a failed delivery.
 */
export interface Notifier {
  /** Writes to a person's personal chat with the bot. */
  toPerson(personId: string, notice: CaseNotice): Promise<boolean>;
  /** Posts in the DPO channel. */
  toDpoChannel(notice: CaseNotice): Promise<boolean>;
  /** Redraws every card posted about the case, for everyone who has it. */
  refreshCards(request: PrivacyRequest): Promise<void>;
  /** Posts in the administrators' channel (ADMIN_CHANNEL, or where an administrator asked for it). */
  toAdminChannel(notice: AdminNotice): Promise<boolean>;
  /** Whether there is an administrators' channel to post in (nothing is built for nobody). */
  hasAdminChannel(): Promise<boolean>;
}

/** A notifier that reaches nobody (CLI, tests that do not look at messages). */
export const silentNotifier: Notifier = {
  toPerson: async () => false,
  toDpoChannel: async () => false,
  refreshCards: async () => undefined,
  toAdminChannel: async () => false,
  hasAdminChannel: async () => false,
};

/**
 * Forwards to a notifier chosen later: the app is built before the Teams adapter exists, so the
 * server plugs the Teams notifier in when it starts. Until then nothing is sent.
 */
export class RelayNotifier implements Notifier {
  private target: Notifier = silentNotifier;

  use(target: Notifier): void {
    this.target = target;
  }

  toPerson(personId: string, notice: CaseNotice): Promise<boolean> {
    return this.target.toPerson(personId, notice);
  }

  toDpoChannel(notice: CaseNotice): Promise<boolean> {
    return this.target.toDpoChannel(notice);
  }

  refreshCards(request: PrivacyRequest): Promise<void> {
    return this.target.refreshCards(request);
  }

  toAdminChannel(notice: AdminNotice): Promise<boolean> {
    return this.target.toAdminChannel(notice);
  }

  hasAdminChannel(): Promise<boolean> {
    return this.target.hasAdminChannel();
  }
}
