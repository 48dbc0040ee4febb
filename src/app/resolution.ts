import type { DirectoryIndex } from '../domain/directory/directory-index';
import { NameIndex } from '../domain/directory/name-index';
import type { PermissionIndex } from '../domain/grants/permission-index';
import { domainOf, normaliseAddress } from '../domain/grants/scope';

/** Someone (or a group) a user names in a question. */
export type Target =
  | { kind: 'person'; index: number }
  /** `known`: already one of the asker's external contacts (named in a grant about their data). */
  | { kind: 'external'; address: string; name?: string; known: boolean }
  | { kind: 'group'; index: number };

export type Resolution =
  | { kind: 'found'; target: Target }
  | { kind: 'ambiguous'; candidates: Target[] }
  | { kind: 'none' };

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The local part of an address as a name: "niamh.obrien" → "niamh obrien". */
const localPart = (address: string): string => address.slice(0, address.lastIndexOf('@')).replace(/[._-]+/g, ' ');

/**
 * Resolves what a user typed — a name, partial name or address — to a colleague, one of the
 * asker's own external contacts, or (where allowed) a group. Other users' external contacts are
 * never searched: they are those users' business.
 */
export class Resolver {
  /** Mail domains of the organisation: an unknown address there is no external contact. */
  private readonly ownDomains: ReadonlySet<string>;

  constructor(
    private readonly directory: DirectoryIndex,
    private readonly permissions: PermissionIndex,
  ) {
    this.ownDomains = new Set(directory.people.flatMap((p) => (p.mail ? [domainOf(p.mail)] : [])));
  }

  resolve(query: string, options: { asker: number; groups?: boolean; limit?: number }): Resolution {
    const limit = options.limit ?? 10;
    const text = query.trim();
    if (text === '') return { kind: 'none' };
    const contacts = this.permissions.externalContactsOf(options.asker);
    if (text.includes('@')) {
      const index = this.directory.indexOf(text);
      if (index !== undefined) return found({ kind: 'person', index });
      const address = normaliseAddress(text);
      if (!ADDRESS.test(address) || this.ownDomains.has(domainOf(address))) return { kind: 'none' };
      const known = contacts.find((c) => c.address === address);
      return found(known ? { kind: 'external', ...known, known: true } : { kind: 'external', address, known: false });
    }
    const candidates: Target[] = [];
    const people = this.directory.searchPeople(text, limit);
    const externals = new NameIndex(contacts.map((c) => ({ names: c.name ? [c.name, localPart(c.address)] : [localPart(c.address)], addresses: [c.address] }))).search(text, limit);
    const groups = options.groups ? this.directory.searchGroups(text, limit) : ({ kind: 'none' } as const);
    for (const [match, make] of [
      [people, (i: number): Target => ({ kind: 'person', index: i })],
      [externals, (i: number): Target => ({ kind: 'external', ...(contacts[i] as { address: string; name?: string }), known: true })],
      [groups, (i: number): Target => ({ kind: 'group', index: i })],
    ] as const) {
      if (match.kind === 'unique') candidates.push(make(match.index));
      if (match.kind === 'ambiguous') candidates.push(...match.indexes.map(make));
    }
    if (candidates.length === 0) return { kind: 'none' };
    if (candidates.length === 1) return found(candidates[0] as Target);
    return { kind: 'ambiguous', candidates: candidates.slice(0, limit) };
  }
}

const found = (target: Target): Resolution => ({ kind: 'found', target });
