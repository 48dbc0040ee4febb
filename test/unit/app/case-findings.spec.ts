import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CaseFindingsLookup, subjectOf } from '../../../src/app/case-findings';
import { isLogDefinition, readSourcesFile } from '../../../src/config/sources-file';
import { shipped } from '../../../src/config/paths';
import { generateDemoSources } from '../../../src/demo/demo-sources';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { parseLdifDirectory } from '../../../src/ports/directory/ldif-directory.adapter';
import { DirectorySource } from '../../../src/ports/sources/directory-source.adapter';
import type { PersonalDataSource } from '../../../src/ports/sources/personal-data-source.port';
import { SqlSource } from '../../../src/ports/sources/sql-source.adapter';

/** Where a case's subject has data, looked up in the demo sources for the DPO's card. */
describe('the findings of a case', () => {
  const now = new Date('2026-12-05T10:00:00Z');
  const directory = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif')));
  const personOf = (id: string) => directory.people.find((p) => p.id === id);
  let dir: string;
  let sources: PersonalDataSource[];
  let asked: number;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-findings-'));
    const file = generateDemoSources(join(dir, 'demo'), directory, now);
    asked = 0;
    const counted = (source: PersonalDataSource): PersonalDataSource => {
      const find = source.find.bind(source);
      return Object.assign(Object.create(source) as PersonalDataSource, { find: (...args: Parameters<PersonalDataSource['find']>) => (asked++, find(...args)) });
    };
    sources = [new DirectorySource(() => directory.people, 'DE'), ...readSourcesFile(file, {}).filter((d) => !isLogDefinition(d)).map((d) => SqlSource.open(d as never, 'DE'))].map(counted);
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (subject: PrivacyRequest['subject'], version = 1): PrivacyRequest => ({ id: 'case-1', number: 'DSR-2026-0001', version, subject }) as unknown as PrivacyRequest;

  it('looks an employee up by everything the directory knows of them', () => {
    const alice = subjectOf(request({ kind: 'employee', id: 'alice@example.com', name: 'Alice Adams' }), personOf);
    expect(alice).toMatchObject({ name: 'Alice Adams', firstName: 'Alice', lastName: 'Adams', emails: ['alice@example.com'], userIds: ['alice@example.com'] });
    expect(alice?.phones).toEqual(expect.arrayContaining(['+49 89 1234567-101']));
    // Somebody who left the directory: by the name and id the case keeps.
    expect(subjectOf(request({ kind: 'employee', id: 'tom.departed@example.com', name: 'Tom Departed' }), personOf)).toEqual({ name: 'Tom Departed', userIds: ['tom.departed@example.com'], emails: ['tom.departed@example.com'] });
    expect(subjectOf(request({ kind: 'outside', criteria: {} }), personOf)).toBeUndefined();
  });

  it('finds an outside person by the request’s criteria, once per case version', async () => {
    const lookup = new CaseFindingsLookup(sources, personOf, () => now);
    const hans = request({ kind: 'outside', criteria: { firstName: 'Hans', lastName: 'Meier', phone: '030 555010002' } });
    const found = await lookup.of(hans);
    expect(found?.at).toEqual(now);
    expect(found?.failed).toEqual([]);
    expect(found?.findings.find((f) => f.source === 'journal' && f.match === 'identifier')?.count).toBeGreaterThan(0);
    expect(found?.findings.find((f) => f.source === 'favourites' && f.match === 'identifier')?.count).toBeGreaterThan(0);
    const before = asked;
    await lookup.of(hans);
    expect(asked).toBe(before);
    await lookup.of({ ...hans, version: 2 });
    expect(asked).toBeGreaterThan(before);
  });

  it('has nothing to say without sources', async () => {
    expect(await new CaseFindingsLookup([], personOf, () => now).of(request({ kind: 'employee', id: 'alice@example.com', name: 'Alice Adams' }))).toBeUndefined();
  });
});
