import type { DirectoryData } from '../../domain/directory/person';

/**
 * Where people and groups come from: an LDIF file, LDAP (OpenLDAP, Active Directory) or
 * Microsoft Graph. A read returns one consistent snapshot; callers index it in memory so that no
 * question waits on the directory.
 */
export interface DirectoryPort {
  /** Reads every person and group the bot may answer about. */
  read(): Promise<DirectoryData>;
  /** What this adapter reads from, for logs and `/healthz` (never a secret). */
  readonly description: string;
}
