import type { DirectoryData, Group, Person } from '../../src/domain/directory/person';
import type { AdminPolicy, Grant } from '../../src/domain/grants/grant';
import { parseOwnerScope, parseViewerScope } from '../../src/domain/grants/scope';
import type { Level } from '../../src/domain/levels';

/** Small hand-written organisations for unit tests. */
export function person(id: string, displayName = id.split('@')[0] as string): Person {
  return { id, mail: id, displayName, attributes: {} };
}

export function group(name: string, members: string[], subgroups: string[] = []): Group {
  return { id: `cn=${name}`, name, memberPeople: members, memberGroups: subgroups.map((g) => `cn=${g}`) };
}

export function directory(people: Person[], groups: Group[] = []): DirectoryData {
  return { people, groups };
}

/** A grant from the grants file's string form: `grant('group:Sales', 'all', 'team')`. */
export function grant(owner: string, viewer: string, level: Level, source: Grant['source'] = 'file', name?: string): Grant {
  const o = parseOwnerScope(owner);
  const v = parseViewerScope(viewer);
  if (!o.ok || !v.ok) throw new Error(`bad scope in test: ${owner} / ${viewer}`);
  const result: Grant = { owner: o.scope, viewer: v.scope, level, source };
  if (name) result.name = name;
  return result;
}

export function policy(partial: Partial<AdminPolicy> & { domains?: Record<string, Level> } = {}): AdminPolicy {
  return {
    global: partial.global ?? 'blocked',
    externalDefault: partial.externalDefault ?? 'blocked',
    externalDomains: partial.externalDomains ?? new Map(Object.entries(partial.domains ?? {})),
    grants: partial.grants ?? [],
  };
}
