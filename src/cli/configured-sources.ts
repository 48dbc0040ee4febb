import { readFileSync } from 'node:fs';
import { type Config, loadConfig, processEnvironment } from '../config/config';
import { shipped } from '../config/paths';
import { parseLdifDirectory } from '../ports/directory/ldif-directory.adapter';
import type { PersonalDataSource } from '../ports/sources/personal-data-source.port';
import { legalHolds, openSources } from '../startup/sources';
import type { LegalHold } from '../config/sources-file';
import { DirectoryIndex } from '../domain/directory/directory-index';
import { isDirectoryUser } from '../app/directory-users';
import { DirectorySource } from '../ports/sources/directory-source.adapter';

/**
 * The configuration and the personal-data sources it names, for a command; the demo sources are
 * generated from the demo directory on first use.
 */
export function configuredSources(): { config: Config; sources: PersonalDataSource[]; holds: LegalHold[]; isUser?: (user: string) => boolean; close(): Promise<void> } {
  const env = processEnvironment();
  const config = loadConfig(env);
  // An LDIF directory is read here too, and searched as the directory source (F); LDAP and Graph
  // directories are searched by the bot, which holds their snapshot.
  const ldif = config.directory.kind === 'ldif' ? parseLdifDirectory(readFileSync(config.directory.file)) : undefined;
  const directory = config.sources.kind === 'demo' ? (ldif ?? parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif')))) : { people: [], groups: [] };
  const sources = [...(ldif ? [new DirectorySource(() => ldif.people, config.phoneRegion)] : []), ...openSources(config, directory, env, new Date())];
  // Orphans are told apart where the directory is at hand (an LDIF file); LDAP and Graph: the bot's summary.
  const users = ldif ? new DirectoryIndex(ldif) : undefined;
  return { config, sources, holds: legalHolds(config, directory, new Date()), ...(users ? { isUser: (user: string) => isDirectoryUser(users, user) } : {}), close: async () => void (await Promise.all(sources.map((s) => s.close()))) };
}
