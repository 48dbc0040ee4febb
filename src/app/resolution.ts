import type { DirectoryIndex } from '../domain/directory/directory-index';
import { NameIndex } from '../domain/directory/name-index';
import type { PermissionIndex } from '../domain/grants/permission-index';
import { normaliseAddress } from '../domain/grants/scope';

/** Someone (or a group) a user names in a question. */
export type Target =
  | { kind: 'person'; index: number }
  | { kind: 'external'; address: string; name?: string }
  | { kind: 'group'; index: number };

export type Resolution =
  | { kind: 'found'; target: Target }
  | { kind: 'ambiguous'; candidates: Target[] }
  | { kind: 'none' };

/**
 * Resolves what a user typed — a name, partial name or address — to a colleague, an external
 * contact named in a grant, or (where allowed) a group.
 */
export class Resolver {
  private readonly externals: { address: string; name?: string }[];
  private readonly externalNames: NameIndex;

  constructor(
    private readonly directory: DirectoryIndex,
    permissions: PermissionIndex,
  ) {
    this.externals = [...permissions.externalContacts].sort((a, b) => a.address.localeCompare(b.address));
    // The local part of the address counts as a name too ("newbie" for newbie@other.example).
    const localPart = (address: string): string => address.slice(0, address.lastIndexOf('@')).replace(/[._-]+/g, ' ');
    this.externalNames = new NameIndex(this.externals.map((e) => ({ names: e.name ? [e.name, localPart(e.address)] : [localPart(e.address)], addresses: [e.address] })));
  }

  resolve(query: string, options: { groups?: boolean; limit?: number } = {}): Resolution {
    const limit = options.limit ?? 10;
    const text = query.trim();
    if (text === '') return { kind: 'none' };
    if (text.includes('@')) {
      const index = this.directory.indexOf(text);
      if (index !== undefined) return found({ kind: 'person', index });
      const address = normaliseAddress(text);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return { kind: 'none' };
      const known = this.externals.find((e) => e.address === address);
      return found(known ? { kind: 'external', ...known } : { kind: 'external', address });
    }
    const candidates: Target[] = [];
    const people = this.directory.searchPeople(text, limit);
    const externals = this.externalNames.search(text, limit);
    const groups = options.groups ? this.directory.searchGroups(text, limit) : ({ kind: 'none' } as const);
    for (const [match, make] of [
      [people, (i: number): Target => ({ kind: 'person', index: i })],
      [externals, (i: number): Target => ({ kind: 'external', ...(this.externals[i] as { address: string; name?: string }) })],
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
