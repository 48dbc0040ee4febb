import type { CategoryId } from '../../domain/catalogue/catalogue.data';
import type { MatchStrength, Subject } from '../../domain/sources/subject';

/**
 * What a source can do with a subject's records. A source that cannot do an operation says so by
 * leaving it out; carrying out a request turns such an operation into a task for a person.
 */
export type SourceOperation = 'find' | 'export' | 'rectify' | 'erase' | 'pseudonymise' | 'restrict' | 'purgeByAge';

/** The records one source holds about a subject, matched one way. */
export interface SourceFinding {
  source: string;
  category: CategoryId;
  match: MatchStrength;
  count: number;
  oldest?: Date;
  newest?: Date;
}

/** One record, as exported: the catalogue items it holds, with their values. */
export interface ExportedRecord {
  source: string;
  category: CategoryId;
  key: string;
  at?: Date;
  match: MatchStrength;
  /** Catalogue item id → value as stored. */
  items: Record<string, string | number | boolean | null>;
  private?: boolean;
}

/** What a purge did: records deleted, and records past their period still there (read-only, dry run, stopped early). */
export interface PurgeResult {
  source: string;
  category: CategoryId;
  deleted: number;
  due: number;
  /** Records past their period kept because they are restricted or under a legal hold. */
  kept: number;
  /** Whether the source may be written at all. */
  writable: boolean;
}

export interface PurgeOptions {
  /** Records in the first batch (and at least in every batch). */
  batchSize: number;
  /** How long one batch may hold the source: batches grow while they are quicker, shrink when slower. */
  batchMs?: number;
  dryRun?: boolean;
  maxBatches?: number;
  /** People under a legal hold: their records are kept whatever their age. */
  holds?: readonly Subject[];
}

/** What a category holds in all, for the retention summary. */
export interface SourceStatistics {
  source: string;
  category: CategoryId;
  count: number;
  oldest?: Date;
  newest?: Date;
}

/** A place personal data of one category lives in (seed 4.1.2): the call journal, tasks, chat, logs. */
export interface PersonalDataSource {
  readonly id: string;
  readonly category: CategoryId;
  readonly capabilities: ReadonlySet<SourceOperation>;
  /** Who looks after the source (a mail address), when the sources file names someone. */
  readonly owner?: string;
  /** The subject's records, counted per way they matched; without reading them all. */
  find(subject: Subject): Promise<SourceFinding[]>;
  /** The subject's records themselves, for an access report or a copy. */
  export(subject: Subject): Promise<ExportedRecord[]>;
  /**
   * Only where the category is kept for a number of days (H, C): deletes records made before `before`, in batches of `batchSize`, each batch committed on its
   * own (a crash loses nothing done, and the next run goes on); never a restricted record, nor one of a
   * person under a legal hold (`holds`: matched by identifier or by name, as `find` matches). With
   * `dryRun`, or on a source that may not be written, nothing is deleted: `due` says how many would be.
   * `maxBatches` stops early (a run that must end soon); what is left is `due`.
   */
  purgeBefore?(before: Date, options: PurgeOptions): Promise<PurgeResult>;
  /**
   * Erasure (Art. 17): deletes the subject's records that matched one of the ways in `match` (a
   * name-only match only where the DPO included it); never a record of a person under a legal hold
   * (`holds`): those are counted as kept. Only where the source may be written ('erase').
   */
  erase?(subject: Subject, options: { match: readonly MatchStrength[]; holds?: readonly Subject[] }): Promise<{ deleted: number; kept: number }>;
  /**
   * Erasure by pseudonym (Art. 17): replaces what identifies the subject in their records by a keyed
   * pseudonym, never a held person's (counted as kept). Only where the source may be written and a key is set ('pseudonymise').
   */
  pseudonymise?(subject: Subject, options: { match: readonly MatchStrength[]; holds?: readonly Subject[] }): Promise<{ pseudonymised: number; kept: number; keyVersion: number }>;
  /**
   * Rectification (Art. 16): sets a catalogue item to its corrected value in the subject's records
   * (the directory entry; a copy of it, such as a favourite) — the values before and after, and how
   * many records changed. Only where the source may be written ('rectify').
   */
  rectify?(subject: Subject, change: { item: string; value: string; match: readonly MatchStrength[]; personId?: string }): Promise<{ changed: number; before: string[]; after: string[] }>;
  /** Restriction (Art. 18): marks the subject's records restricted, so that purges and later processing leave them be ('restrict'). */
  restrict?(subject: Subject, options: { match: readonly MatchStrength[] }): Promise<{ restricted: number }>;
  /** Stops a purge under way after its current batch (shutting down); what is left stays due. */
  interrupt?(): void;
  /** How many records the source holds, and how old they are. */
  statistics(): Promise<SourceStatistics>;
  /**
   * Favourites (F): how many records each user's contact list holds, by the user as the source names
   * them (lower case, without `sip:`) — to find the contacts of users who no longer exist.
   */
  recordsPerUser?(): Promise<Map<string, number>>;
  close(): Promise<void>;
}
