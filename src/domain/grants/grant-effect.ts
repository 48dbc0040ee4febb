import { type Level, levelRank } from '../levels';
import type { MatrixRow, PermissionMatrix, Side } from '../matrix/matrix';
import type { PermissionIndex, Reason, Viewer } from './permission-index';
import { type ViewerScope, sameViewer } from './scope';

/** A viewer whose effective level toward the owner a change moved. */
export interface LevelChange {
  viewer: Viewer;
  before: Level;
  after: Level;
}

/** What a change of one of the owner's own grants does in effect (levels add up: seed 4.3.2.2). */
export interface GrantEffect {
  /** How many viewers the changed grant names: one, or the members of a group (the owner left out). */
  concerned: number;
  /** The viewers whose effective level moved. */
  changes: LevelChange[];
  /** Colleagues the owner blocked in another own grant who now see more (a block holds nothing back). */
  despiteBlock: LevelChange[];
  /** When nothing moved: the reasons that keep the concerned colleagues where they are, strongest first. */
  kept: Reason[];
}

interface Standing {
  viewer: Viewer;
  level: Level;
  reason: Reason;
}

/**
 * Measures a change of the owner's own grant to `viewer`: call it while the index still has the
 * grant as it was, then `after()` once the index has the new one.
 */
export function measureOwnGrantChange(index: PermissionIndex, ownerIndex: number, viewer: ViewerScope): { after: () => GrantEffect } {
  const ownerId = index.directory.person(ownerIndex).id;
  const viewers = concernedViewers(index, ownerIndex, viewer);
  // Naming one person is a choice about them; a grant to a group may reach people the owner blocked.
  const blocked = viewer.kind === 'group' || viewer.kind === 'all' ? blockedPeople(index, ownerIndex, ownerId, viewer) : new Set<number>();
  const before = standings(index, ownerIndex, viewers);
  return {
    after: (): GrantEffect => {
      const after = standings(index, ownerIndex, viewers);
      const changes: LevelChange[] = [];
      after.forEach((now, i) => {
        const was = before[i] as Standing;
        if (was.level !== now.level) changes.push({ viewer: now.viewer, before: was.level, after: now.level });
      });
      const despiteBlock = changes.filter((c) => c.viewer.kind === 'person' && blocked.has(c.viewer.index) && levelRank(c.after) > levelRank(c.before));
      const kept = changes.length === 0 ? distinctReasons(after.map((s) => s.reason).filter((r) => !isOwnGrantTo(r, ownerId, viewer))) : [];
      return { concerned: viewers.length, changes, despiteBlock, kept };
    },
  };
}

/** Rows of one side that a viewer moved from `before` to `after` can now see or do. */
export function rowsGained(matrix: PermissionMatrix, side: Side, before: Level, after: Level): MatrixRow[] {
  return matrix[side].filter((row) => row.minLevel !== null && levelRank(row.minLevel) > levelRank(before) && levelRank(row.minLevel) <= levelRank(after));
}

/** Whom a grant to `viewer` concerns: the colleague or contact, or every member of the group (the owner left out). */
function concernedViewers(index: PermissionIndex, ownerIndex: number, viewer: ViewerScope): Viewer[] {
  switch (viewer.kind) {
    case 'external':
      return [{ kind: 'external', address: viewer.address }];
    case 'user': {
      const person = index.directory.indexOf(viewer.id);
      return person === undefined || person === ownerIndex ? [] : [{ kind: 'person', index: person }];
    }
    case 'group':
    case 'all':
      return [...peopleIn(index, viewer)].filter((p) => p !== ownerIndex).sort((a, b) => a - b).map((p) => ({ kind: 'person', index: p }));
  }
}

/** Colleagues the owner blocked in an own grant other than the one to `changed`. */
function blockedPeople(index: PermissionIndex, ownerIndex: number, ownerId: string, changed: ViewerScope): Set<number> {
  const blocked = new Set<number>();
  for (const grant of index.botGrantsOf(ownerId)) {
    if (grant.level !== 'blocked' || sameViewer(grant.viewer, changed)) continue;
    for (const p of peopleIn(index, grant.viewer)) if (p !== ownerIndex) blocked.add(p);
  }
  return blocked;
}

function peopleIn(index: PermissionIndex, scope: ViewerScope): Set<number> {
  const people = new Set<number>();
  switch (scope.kind) {
    case 'user': {
      const person = index.directory.indexOf(scope.id);
      if (person !== undefined) people.add(person);
      break;
    }
    case 'group':
      for (const g of index.directory.groupIndexesNamed(scope.name)) for (const p of index.directory.membersOf(g)) people.add(p);
      break;
    case 'all':
      for (let p = 0; p < index.directory.size; p++) people.add(p);
      break;
    case 'external':
      break;
  }
  return people;
}

function standings(index: PermissionIndex, ownerIndex: number, viewers: readonly Viewer[]): Standing[] {
  const people = viewers.flatMap((v) => (v.kind === 'person' ? [v.index] : []));
  const strongest = index.strongestReasons(ownerIndex, people);
  let next = 0;
  return viewers.map((viewer) => {
    if (viewer.kind === 'person') {
      const reason = strongest[next++] as Reason;
      return { viewer, level: reason.level, reason };
    }
    const effective = index.effective(ownerIndex, viewer);
    return { viewer, level: effective.level, reason: effective.reasons[0] as Reason };
  });
}

function isOwnGrantTo(reason: Reason, ownerId: string, viewer: ViewerScope): boolean {
  return reason.kind === 'grant' && reason.tier === 'user' && reason.grant.owner.kind === 'user' && reason.grant.owner.id === ownerId && sameViewer(reason.grant.viewer, viewer);
}

/** Each reason once (the same grant, or the global level), strongest first. */
function distinctReasons(reasons: Reason[]): Reason[] {
  const seen = new Set<unknown>();
  const distinct = reasons.filter((r) => {
    const key = r.kind === 'grant' ? r.grant : r.kind;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return distinct.sort((a, b) => levelRank(b.level) - levelRank(a.level));
}
