import type { DirectoryIndex } from '../domain/directory/directory-index';

/** Who administers the communication suite: asked wherever only they may act. */
export interface AdminRoster {
  /** Whether the person (lower-case mail/UPN, the directory id) is an administrator. */
  includes(personId: string): boolean;
}

/**
 * The administrators: everyone listed in ADMIN_USERS, and — with ADMIN_GROUP — every member of that
 * directory group, nested groups included, as the current directory snapshot has it (somebody taken
 * out of the group stops being an administrator at the next directory read). The group is named by
 * its DN or Entra object id, or by a name only one group has: display names are not unique, and in
 * Entra anybody may make a group — one named like the administrators' makes nobody an administrator
 * (see {@link groupProblem}).
 */
export class Administrators implements AdminRoster {
  private readonly users: ReadonlySet<string>;

  constructor(
    users: readonly string[],
    private readonly group: string | undefined,
    private readonly directory: () => DirectoryIndex,
  ) {
    this.users = new Set(users.map((u) => u.toLowerCase()));
  }

  includes(personId: string): boolean {
    if (this.users.has(personId.toLowerCase())) return true;
    if (this.group === undefined) return false;
    const directory = this.directory();
    const person = directory.indexOf(personId);
    const group = adminGroupIndex(directory, this.group);
    return person !== undefined && group !== undefined && directory.isMember(person, group);
  }

  /** Why ADMIN_GROUP makes nobody an administrator now (for a warning at start); undefined when it is fine or unset. */
  groupProblem(): string | undefined {
    if (this.group === undefined) return undefined;
    const directory = this.directory();
    if (adminGroupIndex(directory, this.group) !== undefined) return undefined;
    return directory.groupIndexesNamed(this.group).length > 1 ? 'several groups have this name: name the group by its DN or object id' : 'no directory group has this id or name';
  }
}

/** The group found in each directory snapshot: looked for once per snapshot, not on every question. */
const found = new WeakMap<DirectoryIndex, { group: string; index: number | undefined }>();

/** The group by its id (DN, object id; any case), else by a name exactly one group has. */
function adminGroupIndex(directory: DirectoryIndex, group: string): number | undefined {
  const known = found.get(directory);
  if (known?.group === group) return known.index;
  const index = findGroup(directory, group);
  found.set(directory, { group, index });
  return index;
}

function findGroup(directory: DirectoryIndex, group: string): number | undefined {
  const wanted = group.toLowerCase();
  const byId = directory.groups.findIndex((g) => g.id.toLowerCase() === wanted);
  if (byId >= 0) return byId;
  const named = directory.groupIndexesNamed(group);
  return named.length === 1 ? named[0] : undefined;
}
