import { isLogDefinition, readSourcesFile } from '../config/sources-file';
import type { Config } from '../config/config';
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
export function openSources(config: Pick<Config, 'sources' | 'phoneRegion'>, directory: DirectoryData, env: Readonly<Record<string, string | undefined>>, today: Date): PersonalDataSource[] {
  const sources = config.sources;
  if (sources.kind === 'none') return [];
  const file = sources.kind === 'file' ? sources.file : ensureDemoSources(sources.folder, directory, today);
  const opened: PersonalDataSource[] = [];
  try {
    for (const entry of readSourcesFile(file, env)) opened.push(isLogDefinition(entry) ? new LogSource(entry, config.phoneRegion) : SqlSource.open(entry, config.phoneRegion));
  } catch (error) {
    for (const source of opened) void source.close();
    throw error;
  }
  return opened;
}
