import fc from 'fast-check';
import { DirectoryIndex } from '../../../src/domain/directory/directory-index';
import type { AdminPolicy, Grant } from '../../../src/domain/grants/grant';
import { PermissionIndex } from '../../../src/domain/grants/permission-index';
import { LEVELS, type Level, levelRank, maxLevel } from '../../../src/domain/levels';
import { whoCanSee } from '../../../src/domain/lookup/who-can-see';
import { compileMatrix } from '../../../src/domain/matrix/matrix';
import matrixFile from '../../../data/permission-matrix.json';
import { directory, grant, group, person, policy } from '../../support/org-builder';
import type { DirectoryData } from '../../../src/domain/directory/person';

/**
 * Properties of grant resolution (seed 4.3.2.7), checked on random organisations with nested
 * groups and cycles against a deliberately naive reference implementation.
 */
const matrix = compileMatrix(matrixFile);

interface World {
  data: DirectoryData;
  policy: AdminPolicy;
  userGrants: Grant[];
}

const level = fc.constantFrom(...LEVELS);

const world: fc.Arbitrary<World> = fc
  .record({ people: fc.integer({ min: 2, max: 9 }), groups: fc.integer({ min: 0, max: 6 }) })
  .chain(({ people, groups }) => {
    const ids = Array.from({ length: people }, (_, i) => `p${i}@example.com`);
    const groupNames = Array.from({ length: groups }, (_, i) => `G${i}`);
    const subject = fc.constantFrom(...ids);
    const ownerScope = fc.oneof(fc.constant('all'), ...(groups > 0 ? [fc.constantFrom(...groupNames.map((g) => `group:${g}`))] : []), subject.map((id) => `user:${id}`));
    const viewerScope = fc.oneof(ownerScope, fc.constantFrom('external:x@partner.example', 'external:y@other.example'));
    return fc.record({
      members: fc.array(fc.array(fc.constantFrom(...ids), { maxLength: 4 }), { minLength: groups, maxLength: groups }),
      nesting: fc.array(fc.array(fc.integer({ min: 0, max: Math.max(groups - 1, 0) }), { maxLength: 3 }), { minLength: groups, maxLength: groups }),
      global: level,
      externalDefault: level,
      cap: fc.option(level, { nil: undefined }),
      fileGrants: fc.array(fc.record({ owner: ownerScope, viewer: viewerScope, level }), { maxLength: 8 }),
      botGrants: fc.array(fc.record({ owner: subject, viewer: viewerScope, level }), { maxLength: 8 }),
    }).map((r): World => ({
      data: directory(
        ids.map((id) => person(id)),
        groupNames.map((name, g) => group(name, r.members[g] ?? [], (r.nesting[g] ?? []).map((c) => groupNames[c] as string))),
      ),
      policy: policy({
        global: r.global,
        externalDefault: r.externalDefault,
        domains: r.cap ? { 'partner.example': r.cap } : {},
        grants: dedupe(r.fileGrants.map((g) => grant(g.owner, g.viewer, g.level))),
      }),
      userGrants: dedupe(r.botGrants.map((g) => grant(`user:${g.owner}`, g.viewer, g.level, 'user'))),
    }));
  });

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = JSON.stringify([g.owner, g.viewer]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Naive reference: transitive groups by fixpoint, every grant checked one by one. */
function reference(w: World, ownerId: string, viewer: { person?: string; external?: string }): Level {
  const groupsOf = (id: string): Set<string> => {
    const result = new Set(w.data.groups.filter((g) => g.memberPeople.includes(id)).map((g) => g.id));
    for (let changed = true; changed; ) {
      changed = false;
      for (const g of w.data.groups) {
        if (!result.has(g.id) && g.memberGroups.some((child) => result.has(child))) {
          result.add(g.id);
          changed = true;
        }
      }
    }
    return new Set(w.data.groups.filter((g) => result.has(g.id)).map((g) => g.name));
  };
  const ownerGroups = groupsOf(ownerId);
  const viewerGroups = viewer.person ? groupsOf(viewer.person) : new Set<string>();
  let best: Level = viewer.person ? w.policy.global : w.policy.externalDefault;
  // A file entry owned by a user is that user's own grant: it takes effect through the store's
  // import (into the user grants), not as an administrators' grant.
  const adminGrants = w.policy.grants.filter((g) => g.owner.kind !== 'user');
  for (const g of [...adminGrants, ...w.userGrants]) {
    const ownerMatches = g.owner.kind === 'all' || (g.owner.kind === 'group' && ownerGroups.has(g.owner.name)) || (g.owner.kind === 'user' && g.owner.id === ownerId);
    const viewerMatches = viewer.person
      ? g.viewer.kind === 'all' || (g.viewer.kind === 'group' && viewerGroups.has(g.viewer.name)) || (g.viewer.kind === 'user' && g.viewer.id === viewer.person)
      : g.viewer.kind === 'external' && g.viewer.address === viewer.external;
    if (ownerMatches && viewerMatches) best = maxLevel(best, g.level);
  }
  if (viewer.external) {
    const cap = w.policy.externalDomains.get(viewer.external.split('@')[1] as string);
    if (cap && levelRank(cap) < levelRank(best)) best = cap;
  }
  return best;
}

const build = (w: World): PermissionIndex => new PermissionIndex(new DirectoryIndex(w.data), w.policy, w.userGrants);

const pairs = (w: World): [string, string][] => w.data.people.flatMap((o) => w.data.people.filter((v) => v.id !== o.id).map((v) => [o.id, v.id] as [string, string]));

describe('grant resolution properties', () => {
  it('equals the highest matching grant, groups matched transitively (reference implementation)', () => {
    fc.assert(
      fc.property(world, (w) => {
        const index = build(w);
        for (const [owner, viewer] of pairs(w)) {
          const o = index.directory.indexOf(owner) as number;
          const v = index.directory.indexOf(viewer) as number;
          expect(index.effective(o, { kind: 'person', index: v }).level).toBe(reference(w, owner, { person: viewer }));
        }
        for (const person of w.data.people) {
          for (const address of ['x@partner.example', 'y@other.example']) {
            const o = index.directory.indexOf(person.id) as number;
            expect(index.effective(o, { kind: 'external', address }).level).toBe(reference(w, person.id, { external: address }));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers anyone when a grant is added', () => {
    fc.assert(
      fc.property(world, fc.constantFrom('all', 'group:G0', 'user:p0@example.com'), fc.constantFrom('all', 'group:G1', 'user:p1@example.com'), level, (w, owner, viewer, lvl) => {
        const before = build(w);
        const extra = grant(owner, viewer, lvl);
        // An added grant, not a replaced one: an existing grant for the same owner and viewer stays.
        const after = build({ ...w, policy: { ...w.policy, grants: dedupe([...w.policy.grants, extra]) } });
        for (const [o, v] of pairs(w)) {
          const oi = before.directory.indexOf(o) as number;
          const vi = before.directory.indexOf(v) as number;
          const was = before.effective(oi, { kind: 'person', index: vi }).level;
          const now = after.effective(after.directory.indexOf(o) as number, { kind: 'person', index: after.directory.indexOf(v) as number }).level;
          expect(levelRank(now)).toBeGreaterThanOrEqual(levelRank(was));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never lets a user-tier grant lower what the group or global tier gives', () => {
    fc.assert(
      fc.property(world, (w) => {
        const adminOnly = build({ ...w, userGrants: [] });
        const withUsers = build(w);
        for (const [o, v] of pairs(w)) {
          const oi = adminOnly.directory.indexOf(o) as number;
          const vi = adminOnly.directory.indexOf(v) as number;
          const admin = adminOnly.effective(oi, { kind: 'person', index: vi }).level;
          const all = withUsers.effective(oi, { kind: 'person', index: vi }).level;
          expect(levelRank(all)).toBeGreaterThanOrEqual(levelRank(admin));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('whoCanSee lists exactly the colleagues whose level reaches the row (and counts them)', () => {
    fc.assert(
      fc.property(world, fc.constantFrom('presence', 'publicAppointments', 'setPresence', 'privateAppointments', 'line2Pickup' as const), (w, field) => {
        const index = build(w);
        const row = matrix.row('internal', field);
        for (const owner of w.data.people) {
          const o = index.directory.indexOf(owner.id) as number;
          const answer = whoCanSee(index, matrix, o, field, { offset: 0, limit: 1000 });
          if (!answer.colleagues.governed || !row?.minLevel) throw new Error('row expected');
          const expected = w.data.people
            .filter((p) => p.id !== owner.id && levelRank(reference(w, owner.id, { person: p.id })) >= levelRank(row.minLevel as Level))
            .map((p) => p.id)
            .sort();
          expect(answer.colleagues.total).toBe(expected.length);
          const listed = answer.colleagues.everyone ? w.data.people.filter((p) => p.id !== owner.id).map((p) => p.id) : answer.colleagues.groups.flatMap((g) => g.people.map((i) => index.directory.person(i).id));
          expect(listed.sort()).toEqual(expected);
          expect(new Set(listed).size).toBe(listed.length);
        }
      }),
      { numRuns: 200 },
    );
  });
});
