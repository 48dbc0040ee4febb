import { fold } from '../shared/text';
import { NameIndex, type NameMatch } from './name-index';
import { normaliseDn } from './dn';
import type { DirectoryData, Group, Person } from './person';

const EMPTY = new Int32Array(0);

/**
 * An immutable, query-ready view of one directory read: people sorted by name (so that any
 * ascending list of person indexes is alphabetical), and nested group membership resolved
 * transitively once, cycles included.
 */
export class DirectoryIndex {
  /** People in alphabetical order of display name. */
  readonly people: readonly Person[];
  readonly groups: readonly Group[];
  private readonly personByKey = new Map<string, number>();
  private readonly groupsByName = new Map<string, number[]>();
  /** Transitive groups of each person (group indexes). */
  private readonly groupsOfPerson: Int32Array[];
  /** Transitive members of each group (person indexes, ascending). */
  private readonly membersOfGroup: Int32Array[];
  private readonly names: NameIndex;
  /** Each person's manager (person index, -1 for none), direct reports and department colleagues. */
  private readonly managers: Int32Array;
  private readonly reports: number[][];
  /** Each person's department (an index into `departmentMembers`, -1 for none), and each department's people. */
  private readonly departmentOfPerson: Int32Array;
  private readonly departmentMembers: readonly (readonly number[])[];
  private readonly groupNames: NameIndex;
  /** Every word of every person's and group's name, folded: to tell a name from any other word. */
  private readonly nameWords: ReadonlySet<string>;

  constructor(data: DirectoryData) {
    const keyed = data.people.map((person) => ({ person, key: `${fold(person.displayName)}\u0000${person.id}` }));
    keyed.sort((a, b) => compare(a.key, b.key));
    this.people = keyed.map((k) => k.person);
    this.groups = data.groups;
    this.people.forEach((person, index) => {
      for (const key of [person.id, person.mail, person.upn, person.aadObjectId]) {
        if (key) this.personByKey.set(key.toLowerCase(), index);
      }
    });
    const groupById = new Map<string, number>();
    this.groups.forEach((group, index) => {
      groupById.set(group.id, index);
      const list = this.groupsByName.get(group.name.toLowerCase()) ?? [];
      list.push(index);
      this.groupsByName.set(group.name.toLowerCase(), list);
    });
    const ancestors = groupAncestors(this.groups, groupById);
    const direct: number[][] = this.people.map(() => []);
    this.groups.forEach((group, g) => {
      for (const member of group.memberPeople) {
        const p = this.personByKey.get(member.toLowerCase());
        if (p !== undefined) direct[p]?.push(g);
      }
    });
    const members: number[][] = this.groups.map(() => []);
    this.groupsOfPerson = direct.map((groups, p) => {
      const all = new Set<number>();
      for (const g of groups) for (const a of ancestors[g] ?? []) all.add(a);
      const sorted = Int32Array.from(all).sort();
      for (const g of sorted) members[g]?.push(p);
      return sorted;
    });
    this.membersOfGroup = members.map((list) => Int32Array.from(list));
    this.names = new NameIndex(
      this.people.map((p) => ({
        names: [p.displayName, [p.givenName, p.surname].filter(Boolean).join(' ')],
        addresses: [p.id, p.mail, p.upn].filter((a): a is string => Boolean(a)),
      })),
    );
    this.groupNames = new NameIndex(this.groups.map((g) => ({ names: [g.name], addresses: [] })));
    const words = new Set<string>();
    const addWords = (name: string | undefined): void => {
      for (const word of fold(name ?? '').split(/[^\p{L}\p{N}]+/u)) if (word.length > 1) words.add(word);
    };
    for (const person of this.people) for (const name of [person.displayName, person.givenName, person.surname]) addWords(name);
    for (const group of this.groups) addWords(group.name);
    this.nameWords = words;
    const relations = relationsOf(this.people);
    this.managers = relations.managers;
    this.reports = relations.reports;
    this.departmentOfPerson = relations.departmentOfPerson;
    this.departmentMembers = relations.departmentMembers;
  }

  /** Whether a word is part of somebody's or some group's name ("Mallory", "müller", "sales"). */
  isNameWord(word: string): boolean {
    return this.nameWords.has(fold(word));
  }

  /** The person's manager as the directory names them; undefined when none (or not in the directory). */
  managerOf(personIndex: number): number | undefined {
    const manager = this.managers[personIndex] ?? -1;
    return manager < 0 ? undefined : manager;
  }

  /** The people whose manager the person is, in name order. */
  reportsOf(personIndex: number): readonly number[] {
    return this.reports[personIndex] ?? [];
  }

  /** The other people with the same department (catalogue item F.5), in name order; none without one. */
  departmentOf(personIndex: number): readonly number[] {
    const department = this.departmentOfPerson[personIndex] ?? -1;
    return department < 0 ? [] : (this.departmentMembers[department] ?? []).filter((other) => other !== personIndex);
  }

  get size(): number {
    return this.people.length;
  }

  person(index: number): Person {
    const person = this.people[index];
    if (!person) throw new RangeError(`no person at ${index}`);
    return person;
  }

  /** Finds a person by id, mail, UPN or Entra object id (case-insensitive). */
  indexOf(key: string): number | undefined {
    return this.personByKey.get(key.toLowerCase());
  }

  groupIndexesNamed(name: string): readonly number[] {
    return this.groupsByName.get(name.toLowerCase()) ?? [];
  }

  /** Every group the person belongs to, directly or through nesting. */
  groupsOf(personIndex: number): Int32Array {
    return this.groupsOfPerson[personIndex] ?? EMPTY;
  }

  /** Every person in the group, directly or through nested groups; ascending = alphabetical. */
  membersOf(groupIndex: number): Int32Array {
    return this.membersOfGroup[groupIndex] ?? EMPTY;
  }

  isMember(personIndex: number, groupIndex: number): boolean {
    const groups = this.groupsOf(personIndex);
    for (let i = 0; i < groups.length; i++) if (groups[i] === groupIndex) return true;
    return false;
  }

  searchPeople(query: string, limit?: number): NameMatch {
    return this.names.search(query, limit);
  }

  searchGroups(query: string, limit?: number): NameMatch {
    return this.groupNames.search(query, limit);
  }
}

/**
 * Managers resolved from each person's `managerRef` to the entry whose `ref` it names (DNs compared
 * normalised), reports as their inverse, departments by F.5 compared case-insensitively. Once, when
 * the snapshot is built: lookups are array reads.
 */
function relationsOf(people: readonly Person[]): { managers: Int32Array; reports: number[][]; departmentOfPerson: Int32Array; departmentMembers: number[][] } {
  const byRef = new Map<string, number>();
  people.forEach((person, index) => {
    if (person.ref) byRef.set(normaliseDn(person.ref), index);
  });
  const managers = new Int32Array(people.length).fill(-1);
  const reports: number[][] = people.map(() => []);
  const departmentOfPerson = new Int32Array(people.length).fill(-1);
  const departmentMembers: number[][] = [];
  const departmentByName = new Map<string, number>();
  people.forEach((person, index) => {
    const manager = person.managerRef ? byRef.get(normaliseDn(person.managerRef)) : undefined;
    // Somebody named as their own manager has none.
    if (manager !== undefined && manager !== index) {
      managers[index] = manager;
      reports[manager]?.push(index);
    }
    const name = person.attributes['F.5']?.[0]?.trim().toLowerCase();
    if (name) {
      let department = departmentByName.get(name);
      if (department === undefined) {
        department = departmentMembers.push([]) - 1;
        departmentByName.set(name, department);
      }
      departmentMembers[department]?.push(index);
      departmentOfPerson[index] = department;
    }
  });
  return { managers, reports, departmentOfPerson, departmentMembers };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** For each group: itself and every group that contains it, directly or transitively. */
function groupAncestors(groups: readonly Group[], groupById: Map<string, number>): number[][] {
  const parents: number[][] = groups.map(() => []);
  groups.forEach((group, g) => {
    for (const child of group.memberGroups) {
      const c = groupById.get(child);
      if (c !== undefined) parents[c]?.push(g);
    }
  });
  return groups.map((_, g) => {
    const seen = new Set<number>([g]);
    const stack = [g];
    while (stack.length > 0) {
      const current = stack.pop() as number;
      for (const parent of parents[current] ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          stack.push(parent);
        }
      }
    }
    return [...seen];
  });
}
