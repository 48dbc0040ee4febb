import { DirectoryIndex } from '../../../src/domain/directory/directory-index';
import type { Person } from '../../../src/domain/directory/person';

const person = (id: string, options: { manager?: string; department?: string } = {}): Person => ({
  id: `${id}@corp.example`,
  ref: `uid=${id},ou=People,dc=corp`,
  displayName: id[0]?.toUpperCase() + id.slice(1),
  attributes: options.department ? { 'F.5': [options.department] } : {},
  ...(options.manager ? { managerRef: options.manager } : {}),
});

describe('managers, reports and departments', () => {
  const index = new DirectoryIndex({
    groups: [],
    people: [
      person('anna'),
      // DNs compared as DNs: case and blanks around separators do not matter.
      person('bert', { manager: 'UID=anna, ou=people,DC=corp', department: 'Sales' }),
      person('cleo', { manager: 'uid=anna,ou=People,dc=corp', department: ' sales ' }),
      person('dora', { manager: 'uid=bert,ou=People,dc=corp', department: 'Legal' }),
      // A manager the directory does not have, and somebody named as their own manager.
      person('emil', { manager: 'uid=gone,ou=People,dc=corp', department: 'Sales' }),
      person('fred', { manager: 'uid=fred,ou=People,dc=corp' }),
      // A cycle: each the other's manager.
      person('gina', { manager: 'uid=hugo,ou=People,dc=corp' }),
      person('hugo', { manager: 'uid=gina,ou=People,dc=corp' }),
    ],
  });
  const at = (id: string): number => index.indexOf(`${id}@corp.example`) as number;
  const ids = (list: readonly number[]): string[] => list.map((i) => index.person(i).id.split('@')[0] as string);

  it('finds each person’s manager, and nobody for an unknown or self-named one', () => {
    expect(index.person(index.managerOf(at('bert')) as number).id).toBe('anna@corp.example');
    expect(index.person(index.managerOf(at('dora')) as number).id).toBe('bert@corp.example');
    expect(index.managerOf(at('anna'))).toBeUndefined();
    expect(index.managerOf(at('emil'))).toBeUndefined();
    expect(index.managerOf(at('fred'))).toBeUndefined();
  });

  it('lists direct reports in name order, cycles included', () => {
    expect(ids(index.reportsOf(at('anna')))).toEqual(['bert', 'cleo']);
    expect(ids(index.reportsOf(at('bert')))).toEqual(['dora']);
    expect(ids(index.reportsOf(at('gina')))).toEqual(['hugo']);
    expect(ids(index.reportsOf(at('hugo')))).toEqual(['gina']);
    expect(index.reportsOf(at('dora'))).toEqual([]);
  });

  it('lists the other people of the same department, compared without case and blanks', () => {
    expect(ids(index.departmentOf(at('bert')))).toEqual(['cleo', 'emil']);
    expect(ids(index.departmentOf(at('dora')))).toEqual([]);
    expect(index.departmentOf(at('anna'))).toEqual([]);
  });
});
