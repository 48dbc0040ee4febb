import { DirectoryIndex } from '../../../src/domain/directory/directory-index';
import { type GrantEffect, measureOwnGrantChange, rowsGained } from '../../../src/domain/grants/grant-effect';
import type { Grant } from '../../../src/domain/grants/grant';
import { PermissionIndex } from '../../../src/domain/grants/permission-index';
import { compileMatrix } from '../../../src/domain/matrix/matrix';
import matrixFile from '../../../data/permission-matrix.json';
import { directory, grant, group, person, policy } from '../../support/org-builder';

const matrix = compileMatrix(matrixFile);

/** ana owns the data; Crew = bea, cem, dan (and ana); Board = dan, who also has business through the administrators. */
function world(own: Grant[]) {
  const dir = new DirectoryIndex(
    directory(
      ['ana', 'bea', 'cem', 'dan', 'eve'].map((n) => person(`${n}@example.com`, n[0]?.toUpperCase() + n.slice(1))),
      [group('Crew', ['ana@example.com', 'bea@example.com', 'cem@example.com'], ['Board']), group('Board', ['dan@example.com'])],
    ),
  );
  const index = new PermissionIndex(dir, policy({ global: 'public', grants: [grant('all', 'group:Board', 'business')] }), own);
  return { dir, index, ana: dir.indexOf('ana@example.com') as number };
}

/** Changes ana's own grant to `viewer` and measures it. */
function change(own: Grant[], viewer: string, level: Grant['level'] | null): { effect: GrantEffect; name: (i: number) => string } {
  const { dir, index, ana } = world(own);
  const scope = grant('user:ana@example.com', viewer, 'blocked', 'user').viewer;
  const measuring = measureOwnGrantChange(index, ana, scope);
  const kept = own.filter((g) => JSON.stringify(g.viewer) !== JSON.stringify(scope));
  index.replaceUserGrants('ana@example.com', level === null ? kept : [...kept, grant('user:ana@example.com', viewer, level, 'user')]);
  return { effect: measuring.after(), name: (i) => dir.person(i).displayName };
}

const own = (viewer: string, level: Grant['level']): Grant => grant('user:ana@example.com', viewer, level, 'user');

describe('what a change of an own grant does in effect', () => {
  it('finds the people blocked directly or through a blocked group whom a group grant raises', () => {
    const { effect, name } = change([own('user:bea@example.com', 'blocked'), own('group:Board', 'blocked')], 'group:Crew', 'team');
    expect(effect.concerned).toBe(3);
    expect(effect.changes.map((c) => [c.viewer.kind === 'person' ? name(c.viewer.index) : '', c.before, c.after])).toEqual([
      ['Bea', 'public', 'team'],
      ['Cem', 'public', 'team'],
      ['Dan', 'business', 'team'],
    ]);
    expect(effect.despiteBlock.map((c) => (c.viewer.kind === 'person' ? name(c.viewer.index) : ''))).toEqual(['Bea', 'Dan']);
    expect(effect.kept).toEqual([]);
  });

  it('a level given to one person by name is no raise despite a block: it is a choice about them', () => {
    expect(change([own('user:bea@example.com', 'blocked')], 'user:bea@example.com', 'team').effect.despiteBlock).toEqual([]);
    const { effect } = change([own('group:Board', 'blocked')], 'user:dan@example.com', 'personal');
    expect(effect.changes).toMatchObject([{ before: 'business', after: 'personal' }]);
    expect(effect.despiteBlock).toEqual([]);
  });

  it('says what keeps everyone where they are when nothing moves', () => {
    const { effect } = change([], 'group:Board', 'business');
    expect(effect).toMatchObject({ concerned: 1, changes: [], despiteBlock: [] });
    expect(effect.kept).toMatchObject([{ kind: 'grant', tier: 'group', level: 'business' }]);
    expect(change([own('user:bea@example.com', 'team')], 'user:bea@example.com', 'blocked').effect.changes).toMatchObject([{ before: 'team', after: 'public' }]);
    expect(change([own('user:bea@example.com', 'blocked')], 'user:bea@example.com', null).effect.kept).toEqual([{ kind: 'global', level: 'public' }]);
  });

  it('measures an external contact through its effective level', () => {
    const { effect } = change([], 'external:x@partner.example', 'team');
    expect(effect.changes).toMatchObject([{ viewer: { kind: 'external', address: 'x@partner.example' }, before: 'blocked', after: 'team' }]);
  });

  it('names the rows a move makes visible or possible', () => {
    expect(rowsGained(matrix, 'internal', 'public', 'business').map((r) => r.id)).toEqual(['publicAppointments', 'line1OutgoingNumbers', 'line1IncomingNumbers', 'line1Forwarding']);
    expect(rowsGained(matrix, 'internal', 'business', 'public')).toEqual([]);
  });
});
