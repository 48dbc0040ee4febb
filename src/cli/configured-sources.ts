import { readFileSync } from 'node:fs';
import { type Config, loadConfig, processEnvironment } from '../config/config';
import { shipped } from '../config/paths';
import { parseLdifDirectory } from '../ports/directory/ldif-directory.adapter';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import { openSources } from '../startup/sources';

/**
 * The configuration and the personal-data sources it names, for a command; the demo sources are
 * generated from the demo directory on first use.
 */
export function configuredSources(): { config: Config; sources: PersonalDataSource[]; close(): Promise<void> } {
  const env = processEnvironment();
  const config = loadConfig(env);
  const directory = config.sources.kind === 'demo' ? parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif'))) : { people: [], groups: [] };
  const sources = openSources(config, directory, env, new Date());
  return { config, sources, close: async () => void (await Promise.all(sources.map((s) => s.close()))) };
}
