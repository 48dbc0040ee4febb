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
  /** The subject's records, counted per way they matched; without reading them all. */
  find(subject: Subject): Promise<SourceFinding[]>;
  /** The subject's records themselves, for an access report or a copy. */
  export(subject: Subject): Promise<ExportedRecord[]>;
  /** How many records the source holds, and how old they are. */
  statistics(): Promise<SourceStatistics>;
  close(): Promise<void>;
}
