import { type SourceAbilities, planFor } from '../../../../src/domain/execution/plan';

const can = (...ops: SourceAbilities['can'] extends ReadonlySet<infer T> ? T[] : never): SourceAbilities['can'] => new Set(ops);
/** The demo's sources: the directory (read only), a writable journal and chat, read-only tasks and favourites, logs. */
const SOURCES: SourceAbilities[] = [
  { id: 'directory', category: 'F', can: can('find', 'export') },
  { id: 'journal', category: 'H', can: can('find', 'export', 'erase', 'restrict', 'purgeByAge') },
  { id: 'chat', category: 'C', can: can('find', 'export', 'erase', 'pseudonymise', 'purgeByAge') },
  { id: 'tasks', category: 'T', can: can('find', 'export') },
  { id: 'logs', category: 'L', can: can('find', 'export') },
  { id: 'favourites', category: 'F', can: can('find', 'export'), owner: 'uc-admins@example.com' },
];

const brief = (steps: ReturnType<typeof planFor>): string[] => steps.map((s) => `${s.id} ${s.by}${s.assignee ? ` ${s.assignee}` : ''}${s.reason ? ` ${s.reason}` : ''}`);

describe('the plan that carries out an approved request', () => {
  it('access: every source exported, then the report, then the requester told', () => {
    expect(brief(planFor('access', SOURCES))).toEqual([
      'export:directory bot',
      'export:journal bot',
      'export:chat bot',
      'export:tasks bot',
      'export:logs bot',
      'export:favourites bot',
      'report bot',
      'deliver bot',
      'notify bot',
    ]);
  });

  it('erasure: deleted where the source can, its owner’s task where it cannot; tasks and logs explained; then checked', () => {
    expect(brief(planFor('erasure', SOURCES))).toEqual([
      'erase:directory person',
      'erase:journal bot',
      'erase:chat bot',
      'explain:tasks bot tasksCannotBeDeleted',
      'explain:logs bot logsAgeOut',
      'erase:favourites person uc-admins@example.com',
      'confirmGone bot',
      'notify bot',
    ]);
    // Pseudonymised instead where asked and where the source can; deleted elsewhere.
    expect(brief(planFor('erasure', SOURCES, { pseudonymise: true })).slice(1, 3)).toEqual(['erase:journal bot', 'pseudonymise:chat bot']);
  });

  it('rectification: the directory and other favourites-kind sources, where details are kept and copied from', () => {
    expect(brief(planFor('rectification', SOURCES))).toEqual(['rectify:directory person', 'rectify:favourites person uc-admins@example.com', 'notify bot']);
  });

  it('restriction: marked in every source that can, a task elsewhere; logs age out', () => {
    expect(brief(planFor('restriction', SOURCES))).toEqual([
      'restrict:directory person',
      'restrict:journal bot',
      'restrict:chat person',
      'restrict:tasks person',
      'explain:logs bot logsAgeOut',
      'restrict:favourites person uc-admins@example.com',
      'notify bot',
    ]);
  });

  it('objection: as the DPO decided; nothing before the decision', () => {
    expect(planFor('objection', SOURCES)).toEqual([]);
    expect(planFor('objection', SOURCES, { objectionBecomes: 'restriction' })).toEqual(planFor('restriction', SOURCES));
    expect(planFor('objection', SOURCES, { objectionBecomes: 'erasure' })).toEqual(planFor('erasure', SOURCES));
  });

  it('gives every step an id unique within the plan (a step done is never done again)', () => {
    for (const type of ['access', 'rectification', 'erasure', 'restriction'] as const) {
      const ids = planFor(type, SOURCES).map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('the item a rectification names', () => {
  it('reads an id, a label with an id, a detail in either language, an item label; refuses what names no single item', () => {
    const { rectificationItem } = jest.requireActual<typeof import('../../../../src/domain/execution/rectification')>('../../../../src/domain/execution/rectification');
    expect(rectificationItem('F.13.3.1')).toBe('F.13.3.1');
    expect(rectificationItem('Foto (F.14)')).toBe('F.14');
    expect(rectificationItem('Mobile number')).toBe('F.13.3.1');
    expect(rectificationItem('mobilnummer')).toBe('F.13.3.1');
    expect(rectificationItem('Stellenbezeichnung')).toBe('F.3');
    expect(rectificationItem('Business address')).toBeUndefined();
    expect(rectificationItem('F.99')).toBeUndefined();
    expect(rectificationItem('my shoe size')).toBeUndefined();
  });
});
