import { DirectoryIndex } from '../../../src/domain/directory/directory-index';
import { PermissionIndex } from '../../../src/domain/grants/permission-index';
import { missingFromDirectory, whoCanSee } from '../../../src/domain/lookup/who-can-see';
import { whatCanSee } from '../../../src/domain/lookup/what-can-see';
import { whyCanSee } from '../../../src/domain/lookup/why-can-see';
import { compileMatrix } from '../../../src/domain/matrix/matrix';
import matrixFile from '../../../data/permission-matrix.json';
import { directory, grant, group, person, policy } from '../../support/org-builder';

const matrix = compileMatrix(matrixFile);

/**
 * ana (owner) in Sales-Munich ⊂ Sales-DACH ⊂ Sales ⊂ All; bea in Sales-DACH; cem in Sales;
 * dan in Board; eli and fay in Loop-A ⇄ Loop-B (a cycle); 25 extra people in All.
 */
function world() {
  const extras = Array.from({ length: 25 }, (_, i) => person(`x${String(i).padStart(2, '0')}@example.com`, `Extra ${String(i).padStart(2, '0')}`));
  const data = directory(
    [person('ana@example.com', 'Ana'), person('bea@example.com', 'Bea'), person('cem@example.com', 'Cem'), person('dan@example.com', 'Dan'), person('eli@example.com', 'Eli'), person('fay@example.com', 'Fay'), ...extras],
    [
      group('All', extras.map((p) => p.id), ['Sales', 'Board']),
      group('Sales', ['cem@example.com'], ['Sales-DACH']),
      group('Sales-DACH', ['bea@example.com'], ['Sales-Munich']),
      group('Sales-Munich', ['ana@example.com']),
      group('Board', ['dan@example.com']),
      group('Loop-A', ['eli@example.com'], ['Loop-B']),
      group('Loop-B', ['fay@example.com', 'ana@example.com'], ['Loop-A']),
    ],
  );
  const admin = policy({
    global: 'public',
    externalDefault: 'blocked',
    domains: { 'partner.example': 'business' },
    grants: [
      grant('group:Sales', 'group:Sales', 'team'),
      grant('all', 'group:Board', 'business'),
      grant('group:Loop-A', 'group:Loop-A', 'personal'),
    ],
  });
  const userGrants = [
    grant('user:ana@example.com', 'user:dan@example.com', 'blocked', 'user'),
    grant('user:ana@example.com', 'user:x03@example.com', 'team', 'user'),
    grant('user:ana@example.com', 'external:sam@supplier.example', 'team', 'user', 'Sam'),
    grant('user:ana@example.com', 'external:eve@partner.example', 'personal', 'user', 'Eve Evans'),
  ];
  const dir = new DirectoryIndex(data);
  return { dir, index: new PermissionIndex(dir, admin, userGrants), ana: dir.indexOf('ana@example.com') as number };
}

describe('directory index', () => {
  it('resolves nested groups transitively, four deep', () => {
    const { dir, ana } = world();
    const names = Array.from(dir.groupsOf(ana)).map((g) => dir.groups[g]?.name).sort();
    expect(names).toEqual(['All', 'Loop-A', 'Loop-B', 'Sales', 'Sales-DACH', 'Sales-Munich']);
  });

  it('handles a membership cycle: both groups have all members, and building terminates', () => {
    const { dir } = world();
    const members = (name: string) => Array.from(dir.membersOf(dir.groupIndexesNamed(name)[0] as number)).map((i) => dir.person(i).id).sort();
    expect(members('Loop-A')).toEqual(['ana@example.com', 'eli@example.com', 'fay@example.com']);
    expect(members('Loop-B')).toEqual(members('Loop-A'));
  });

  it('sorts people alphabetically so that member lists are alphabetical', () => {
    const { dir } = world();
    expect(dir.people.slice(0, 3).map((p) => p.displayName)).toEqual(['Ana', 'Bea', 'Cem']);
  });

  it('finds people by mail, full name, prefix and with a typo', () => {
    const { dir } = world();
    const found = (q: string) => {
      const m = dir.searchPeople(q);
      return m.kind === 'unique' ? dir.person(m.index).id : m.kind;
    };
    expect(found('BEA@example.com')).toBe('bea@example.com');
    expect(found('Extra 07')).toBe('x07@example.com');
    expect(found('Extr')).toBe('ambiguous');
    expect(found('nobody')).toBe('none');
    expect(found('Cme')).toBe('none');
    expect(found('Extra')).toBe('ambiguous');
  });
});

describe('who can see', () => {
  it('everyone when the global level reaches the row', () => {
    const { index, ana } = world();
    const answer = whoCanSee(index, matrix, ana, 'presence');
    expect(answer.colleagues).toMatchObject({ governed: true, total: 30, everyone: [{ kind: 'global', level: 'public' }] });
  });

  it('groups colleagues by their strongest reason, nested groups and cycles included', () => {
    const { index, ana, dir } = world();
    const answer = whoCanSee(index, matrix, ana, 'setPresence');
    if (!answer.colleagues.governed) throw new Error('governed expected');
    const groups = answer.colleagues.groups.map((g) => ({
      level: g.reason.level,
      via: g.reason.kind === 'grant' ? `${JSON.stringify(g.reason.grant.owner)}→${JSON.stringify(g.reason.grant.viewer)}` : g.reason.kind,
      people: g.people.map((p) => dir.person(p).displayName),
      count: g.count,
    }));
    expect(groups).toEqual([
      { level: 'personal', via: '{"kind":"group","name":"Loop-A"}→{"kind":"group","name":"Loop-A"}', people: ['Eli', 'Fay'], count: 2 },
      { level: 'team', via: '{"kind":"group","name":"Sales"}→{"kind":"group","name":"Sales"}', people: ['Bea', 'Cem'], count: 2 },
      { level: 'team', via: '{"kind":"user","id":"ana@example.com"}→{"kind":"user","id":"x03@example.com"}', people: ['Extra 03'], count: 1 },
    ]);
    expect(answer.colleagues.total).toBe(5);
  });

  it('pages through the names without losing counts', () => {
    const { index, ana } = world();
    const page = whoCanSee(index, matrix, ana, 'setPresence', { offset: 2, limit: 2 });
    if (!page.colleagues.governed) throw new Error('governed expected');
    expect(page.colleagues.groups.map((g) => g.people.length)).toEqual([0, 2, 0]);
    expect(page.colleagues.groups.map((g) => g.count)).toEqual([2, 2, 1]);
  });

  it('counts each reason once: own grants of one level to single people are one reason, with every such person', () => {
    const { dir, ana } = world();
    const admin = policy({ global: 'public', grants: [grant('group:Sales', 'group:Sales', 'team')] });
    const own = (viewer: string, level: 'team' | 'personal') => grant('user:ana@example.com', viewer, level, 'user');
    // Given in an order that is neither alphabetical nor grouped by level.
    const index = new PermissionIndex(dir, admin, [own('user:x05@example.com', 'team'), own('user:x03@example.com', 'personal'), own('user:x01@example.com', 'team'), own('group:Board', 'team')]);
    const answer = whoCanSee(index, matrix, ana, 'setPresence');
    if (!answer.colleagues.governed) throw new Error('governed expected');
    const groups = answer.colleagues.groups.map((g) => ({ level: g.reason.level, tier: g.reason.kind === 'grant' ? g.reason.tier : g.reason.kind, count: g.count, people: g.people.map((p) => dir.person(p).displayName) }));
    expect(groups).toEqual([
      { level: 'personal', tier: 'user', count: 1, people: ['Extra 03'] },
      { level: 'team', tier: 'group', count: 2, people: ['Bea', 'Cem'] },
      { level: 'team', tier: 'user', count: 2, people: ['Extra 01', 'Extra 05'] },
      { level: 'team', tier: 'user', count: 1, people: ['Dan'] },
    ]);
    expect(answer.colleagues.total).toBe(6);
  });

  it('names people under every reason on an inline page, each reason up to the limit', () => {
    const { dir, ana } = world();
    const admin = policy({ global: 'public', grants: [grant('group:All', 'group:All', 'team')] });
    const index = new PermissionIndex(dir, admin, [grant('user:ana@example.com', 'user:bea@example.com', 'personal', 'user'), grant('user:ana@example.com', 'group:Board', 'personal', 'user')]);
    const inline = whoCanSee(index, matrix, ana, 'setPresence', { offset: 0, limit: 3, perReason: true });
    if (!inline.colleagues.governed) throw new Error('governed expected');
    expect(inline.colleagues.groups.map((g) => [g.count, g.skipped, g.people.map((p) => dir.person(p).displayName)])).toEqual([
      [1, 0, ['Bea']],
      [1, 0, ['Dan']],
      [26, 0, ['Cem', 'Extra 00', 'Extra 01']],
    ]);
    // The whole list, paged: the same people in the same order, each once, counts kept.
    const listed: string[] = [];
    for (let offset = 0; offset < 28; offset += 4) {
      const page = whoCanSee(index, matrix, ana, 'setPresence', { offset, limit: 4 });
      if (!page.colleagues.governed) throw new Error('governed expected');
      expect(page.colleagues.groups.map((g) => g.count)).toEqual([1, 1, 26]);
      let before = 0;
      for (const g of page.colleagues.groups) {
        expect(g.skipped).toBe(Math.max(0, Math.min(g.count, offset - before)));
        before += g.count;
        listed.push(...g.people.map((p) => dir.person(p).displayName));
      }
    }
    expect(listed).toEqual(['Bea', 'Dan', 'Cem', ...Array.from({ length: 25 }, (_, i) => `Extra ${String(i).padStart(2, '0')}`)]);
  });

  it('says when the directory holds none of a detail it keeps for the owner', () => {
    const { dir, index, ana } = world();
    expect(whoCanSee(index, matrix, ana, 'mobile').notInDirectory).toBe(true);
    expect(whoCanSee(index, matrix, ana, 'privatePhone').notInDirectory).toBe(true);
    // The display name and the mail address are part of every entry; presence is no directory detail.
    expect(whoCanSee(index, matrix, ana, 'displayName').notInDirectory).toBeUndefined();
    expect(whoCanSee(index, matrix, ana, 'email').notInDirectory).toBeUndefined();
    expect(whoCanSee(index, matrix, ana, 'presence').notInDirectory).toBeUndefined();
    const withPhones = new DirectoryIndex(directory(dir.people.map((p) => (p.id === 'ana@example.com' ? { ...p, attributes: { 'F.13.3.1': ['+49 170 1'], 'F.13.5': ['+49 30 1'] } } : p))));
    const again = new PermissionIndex(withPhones, policy({ global: 'public' }), []);
    const ana2 = withPhones.indexOf('ana@example.com') as number;
    expect(whoCanSee(again, matrix, ana2, 'mobile').notInDirectory).toBeUndefined();
    expect(whoCanSee(again, matrix, ana2, 'privatePhone').notInDirectory).toBeUndefined();
    expect(missingFromDirectory(withPhones.person(ana2), ['F.13.3.4'])).toBe(true);
    expect(missingFromDirectory(withPhones.person(ana2), ['F.7', 'F.8.1'])).toBe(false);
  });

  it('says a detail is not governed by levels on a side whose table lacks it', () => {
    const { index, ana } = world();
    const answer = whoCanSee(index, matrix, ana, 'mobile');
    expect(answer.colleagues.governed).toBe(false);
    expect(answer.externals.governed).toBe(true);
    expect(whoCanSee(index, matrix, ana, 'line1Pickup').externals.governed).toBe(false);
  });

  it('caps external contacts by their domain and names who is held back', () => {
    const { index, ana } = world();
    const answer = whoCanSee(index, matrix, ana, 'mobile');
    if (!answer.externals.governed) throw new Error('governed expected');
    expect(answer.externals.reaching.map((e) => e.contact.address)).toEqual(['sam@supplier.example']);
    expect(answer.externals.capped).toMatchObject([{ contact: { address: 'eve@partner.example', name: 'Eve Evans' }, cappedBelow: { domain: 'partner.example', level: 'business' } }]);
    expect(answer.externals.defaultReaches).toBe(false);
  });
});

describe('what can X see, and why', () => {
  it('gives the effective level and every row', () => {
    const { index, ana, dir } = world();
    const bea = dir.indexOf('bea@example.com') as number;
    const answer = whatCanSee(index, matrix, ana, { kind: 'person', index: bea });
    expect(answer.effective.level).toBe('team');
    expect(answer.rows.find((r) => r.row.id === 'line2Pickup')?.allowed).toBe(false);
    expect(answer.rows.find((r) => r.row.id === 'setPresence')?.allowed).toBe(true);
    expect(answer.notGoverned.map((f) => f.id)).toContain('mobile');
  });

  it('explains a lower own grant as overruled by a higher tier (additive)', () => {
    const { index, ana, dir } = world();
    const dan = dir.indexOf('dan@example.com') as number;
    const answer = whyCanSee(index, matrix, ana, { kind: 'person', index: dan }, 'publicAppointments');
    expect(answer.effective.level).toBe('business');
    expect(answer.field).toMatchObject({ allowed: true });
    expect(answer.ownGrantOverruled).toMatchObject({ kind: 'grant', level: 'blocked' });
    expect(answer.reasons.map((r) => [r.reason.level, r.ownerCanChange])).toEqual([
      ['business', false],
      ['public', false],
      ['blocked', true],
    ]);
  });

  it('applies the domain cap to an external viewer and says so', () => {
    const { index, ana } = world();
    const answer = whatCanSee(index, matrix, ana, { kind: 'external', address: 'eve@partner.example' });
    expect(answer.side).toBe('external');
    expect(answer.effective).toMatchObject({ level: 'business', cap: { domain: 'partner.example', level: 'business', uncapped: 'personal' } });
  });
});
