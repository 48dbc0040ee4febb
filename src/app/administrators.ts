import type { DirectoryIndex } from '../domain/directory/directory-index';

/** Who administers the communication suite: asked wherever only they may act. */
export interface AdminRoster {
  /** Whether the person (lower-case mail/UPN, the directory id) is an administrator. */
  includes(personId: string): boolean;
}

/**
 * The administrators: everyone listed in ADMIN_USERS, and — with ADMIN_GROUP — every member of that
 * directory group, nested groups included, as the current directory snapshot has it (somebody taken
 * out of the group stops being an administrator at the next directory read).
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
    return person !== undefined && directory.groupIndexesNamed(this.group).some((g) => directory.isMember(person, g));
  }
}
