import type { DirectoryIndex } from '../domain/directory/directory-index';
import { sipAddressesOf } from '../domain/directory/person';

/** The SIP addresses (F.16) of a directory snapshot, lower case without `sip:`: built once per snapshot. */
const sipAddresses = new WeakMap<DirectoryIndex, ReadonlySet<string>>();

/**
 * Whether a user a source names (id, mail, UPN, Entra object id or SIP address; any case, with or
 * without `sip:`) is somebody the directory snapshot has — the favourites of anybody else are orphans.
 */
export function isDirectoryUser(directory: DirectoryIndex, user: string): boolean {
  const bare = user.trim().toLowerCase().replace(/^sip:/, '');
  if (bare === '') return false;
  if (directory.indexOf(bare) !== undefined) return true;
  let sips = sipAddresses.get(directory);
  if (!sips) {
    const found = new Set<string>();
    for (let i = 0; i < directory.size; i++) for (const sip of sipAddressesOf(directory.person(i))) found.add(sip.trim().toLowerCase().replace(/^sip:/, ''));
    sips = found;
    sipAddresses.set(directory, sips);
  }
  return sips.has(bare);
}
