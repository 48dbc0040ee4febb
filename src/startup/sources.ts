import { type LegalHold, isLogDefinition, readLegalHolds, readSourcesFile } from '../config/sources-file';
import type { Config } from '../config/config';
import type { Logger } from '../ports/logger/logger.port';
import type { DirectoryData } from '../domain/directory/person';
import { ensureDemoSources } from '../demo/demo-sources';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import { LogSource } from '../ports/sources/log-source.adapter';
import { SqlSource } from '../ports/sources/sql-source.adapter';

/**
 * The personal-data sources the configuration names: those of SOURCES_FILE, or — with the shipped
 * demo directory and no file of one's own — the demo sources, generated on first use. Each source
 * opens read-only unless its entry says it may be written.
 */
export function openSources(config: Pick<Config, 'sources' | 'phoneRegion' | 'pseudonyms'>, directory: DirectoryData, env: Readonly<Record<string, string | undefined>>, today: Date): PersonalDataSource[] {
  const file = sourcesFileOf(config, directory, today);
  if (file === undefined) return [];
  const opened: PersonalDataSource[] = [];
  try {
    const pseudonyms = config.pseudonyms ? { key: Buffer.from(config.pseudonyms.key), version: config.pseudonyms.version } : undefined;
    for (const entry of readSourcesFile(file, env)) opened.push(isLogDefinition(entry) ? new LogSource(entry, config.phoneRegion) : SqlSource.open(entry, config.phoneRegion, pseudonyms));
  } catch (error) {
    for (const source of opened) void source.close();
    throw error;
  }
  return opened;
}

/** The sources file in use: SOURCES_FILE, or the demo sources' (generated on first use); none without sources. */
function sourcesFileOf(config: Pick<Config, 'sources'>, directory: DirectoryData, today: Date): string | undefined {
  const sources = config.sources;
  if (sources.kind === 'none') return undefined;
  return sources.kind === 'file' ? sources.file : ensureDemoSources(sources.folder, directory, today);
}

/** The legal holds of the sources file in use (none without one). */
export function legalHolds(config: Pick<Config, 'sources'>, directory: DirectoryData, today: Date): LegalHold[] {
  const file = sourcesFileOf(config, directory, today);
  return file === undefined ? [] : readLegalHolds(file);
}

/**
 * The legal holds as the file says now: read again on every use (every purge, every summary), so a
 * hold added while the bot runs protects at the next purge without a restart. A file that has become
 * unreadable or invalid keeps the holds last read — never none — and says so in the log.
 */
export function liveLegalHolds(config: Pick<Config, 'sources'>, directory: DirectoryData, today: Date, logger: Logger): () => LegalHold[] {
  let last = legalHolds(config, directory, today);
  return () => {
    try {
      last = legalHolds(config, directory, new Date());
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.name : 'unknown', setting: 'SOURCES_FILE' }, 'the legal holds could not be read again; the last ones read still apply');
    }
    return last;
  };
}
