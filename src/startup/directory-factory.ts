import { readFile } from 'node:fs/promises';
import type { DirectoryConfig, LdapConfig } from '../config/config';
import { ConfigurationError } from '../domain/shared/errors';
import { parseMappingFile } from '../ports/directory/attribute-mapping';
import type { DirectoryPort } from '../ports/directory/directory.port';
import { LdapDirectory } from '../ports/directory/ldap/ldap-directory.adapter';
import { ACTIVE_DIRECTORY_PROFILE, INET_ORG_PERSON_PROFILE } from '../ports/directory/ldap/ldap-profile';
import { LdifDirectory } from '../ports/directory/ldif-directory.adapter';
import { graphDirectoryFromConfig } from '../ports/directory/graph/graph-directory.adapter';

/** The directory adapter the configuration selects (`DIRECTORY=ldif|ldap|graph`). */
export async function directoryFor(config: DirectoryConfig): Promise<DirectoryPort> {
  switch (config.kind) {
    case 'ldif':
      return new LdifDirectory(config.file);
    case 'ldap':
      return ldapDirectory(config);
    case 'graph':
      return graphDirectoryFromConfig(config);
  }
}

async function ldapDirectory(config: LdapConfig): Promise<LdapDirectory> {
  const profile = config.profile === 'activeDirectory' ? ACTIVE_DIRECTORY_PROFILE : INET_ORG_PERSON_PROFILE;
  const directory = new LdapDirectory({
    url: config.url,
    baseDn: config.baseDn,
    profile,
    startTls: config.startTls,
    timeoutMs: config.timeoutMs,
    pageSize: config.pageSize,
    ...(config.bind ? { bind: config.bind } : {}),
    ...(config.userFilter ? { userFilter: config.userFilter } : {}),
    ...(config.groupFilter ? { groupFilter: config.groupFilter } : {}),
    ...(config.caFile ? { ca: await readAdminFile(config.caFile, 'LDAP_CA_FILE') } : {}),
    ...(config.mappingFile ? { mapping: parseMappingFile(JSON.parse((await readAdminFile(config.mappingFile, 'LDAP_MAPPING_FILE')).toString('utf8')), config.mappingFile) } : {}),
  });
  return directory;
}

async function readAdminFile(file: string, variable: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new ConfigurationError('CONFIG.UNREADABLE', variable, `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}
