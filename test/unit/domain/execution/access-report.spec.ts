import { REDACTED, buildAccessReport, compareIds, type RecordIn, reportCounts } from '../../../../src/domain/execution/access-report';

const subject = { firstName: 'Jürgen', lastName: 'Müßig', phones: ['+49 89 1234567'], emails: ['juergen.muessig@example.com'], sipAddresses: ['juergen.muessig@example.com'] };
const issuedAt = new Date('2026-12-05T10:00:00Z');

const call = (key: string, items: RecordIn['items'], at = '2026-11-01T10:00:00Z', match: RecordIn['match'] = 'identifier'): RecordIn => ({ source: 'journal', category: 'H', key, at: new Date(at), match, items });

const build = (records: RecordIn[], include: string[] = []) =>
  buildAccessReport({ caseNumber: 'DSR-2026-0001', subjectName: 'Jürgen Müßig', subject, region: 'DE', records, includeNameOnly: new Set(include), retentionDays: { H: 90, C: 30 }, issuedAt });

describe('the access report (Art. 15, EDPB 01/2022)', () => {
  it('redacts the other party of a call, whichever side the person was on, and keeps what belongs to the call', () => {
    const report = build([
      call('1', { 'H.1': 'Jürgen Müßig', 'H.2': '089 1234567', 'H.3': 'Erika Muster', 'H.5': '+49 30 9876543', 'H.7': 120, 'H.4': 'Apollo' }),
      call('2', { 'H.1': 'Max Mustermann', 'H.2': '+49 40 555555', 'H.12': 'Hafenstr. 1, Hamburg', 'H.3': 'Juergen Muessig', 'H.5': '0049891234567' }, '2026-11-02T09:00:00Z'),
    ]);
    const [first, second] = report.categories[0]!.records;
    const value = (r: typeof first, id: string) => r!.items.find((i) => i.id === id);
    expect(value(first, 'H.2')).toMatchObject({ value: '089 1234567' });
    expect(value(first, 'H.3')).toMatchObject({ value: null, redacted: true });
    expect(value(first, 'H.5')).toMatchObject({ value: null, redacted: true });
    expect(value(first, 'H.7')).toMatchObject({ value: '120' });
    expect(value(first, 'H.4')).toMatchObject({ value: 'Apollo' });
    // The person was called: the caller's name, number and address are someone else's.
    expect(value(second, 'H.1')).toMatchObject({ redacted: true, value: null });
    expect(value(second, 'H.2')).toMatchObject({ redacted: true });
    expect(value(second, 'H.12')).toMatchObject({ redacted: true });
    expect(value(second, 'H.3')).toMatchObject({ value: 'Juergen Muessig' });
    expect(report.categories[0]!.redactedValues).toBe(5);
    expect(reportCounts(report)).toEqual({ recordsH: 2, redactedH: 5 });
  });

  it('confirms processing, dates the newest record, and gives Art. 15(1)(a)–(h) per category', () => {
    const report = build([call('1', { 'H.2': '089 1234567' }, '2026-10-01T00:00:00Z'), call('2', { 'H.2': '089 1234567' }, '2026-11-30T08:15:00Z')]);
    expect(report.processed).toBe(true);
    expect(report.issuedAt).toBe('2026-12-05T10:00:00.000Z');
    expect(report.newestRecordAt).toBe('2026-11-30T08:15:00.000Z');
    const journal = report.categories[0]!;
    expect(journal.purpose.en).toMatch(/call journal/);
    expect(journal.legalBasis.de).toMatch(/Art\. 28 DSGVO/);
    expect(journal.retention.en).toBe('90 days, then deleted (as configured here)');
    expect(journal.origin.de).toMatch(/Herkunft/);
    expect(journal.recipients.en).toMatch(/journal/);
    expect(report.rights.map((r) => r.en).join(' ')).toMatch(/rectification.*supervisory authority.*automated decision-making.*third country.*portability/s);
    expect(journal.records[0]!.items[0]!.label).toEqual({ de: 'Telefonnummer des Anrufers', en: "Caller's phone number" });
  });

  it('says so when nothing is processed', () => {
    const report = build([]);
    expect(report.processed).toBe(false);
    expect(report.categories).toEqual([]);
    expect(report.newestRecordAt).toBeUndefined();
  });

  it('leaves out name-only records unless the DPO included their source', () => {
    const nameOnly = { ...call('9', { 'H.1': 'Jürgen Müßig', 'H.2': '+49 711 000000' }), match: 'name' as const };
    expect(build([nameOnly]).processed).toBe(false);
    const included = build([nameOnly], ['journal']);
    expect(included.categories[0]!.records[0]).toMatchObject({ key: '9', nameOnly: true });
  });

  it('in chat keeps the messages and the person’s own address, and redacts the other party and other participants', () => {
    const report = build([
      { source: 'chat', category: 'C', key: 'm1', at: new Date('2026-11-03T12:00:00Z'), match: 'identifier', items: { 'C.1.1': 'sip:juergen.muessig@example.com; sip:erika@example.com', 'C.1.2': 'sip:juergen.muessig@example.com', 'C.1.3': 'sip:erika@example.com', 'C.1.4': 'Bis morgen!' } },
    ]);
    const items = Object.fromEntries(report.categories[0]!.records[0]!.items.map((i) => [i.id, i]));
    expect(items['C.1.4']).toMatchObject({ value: 'Bis morgen!' });
    expect(items['C.1.2']).toMatchObject({ value: 'sip:juergen.muessig@example.com' });
    expect(items['C.1.3']).toMatchObject({ value: null, redacted: true });
    expect(items['C.1.1']).toMatchObject({ value: `sip:juergen.muessig@example.com; ${REDACTED}`, redacted: true });
  });

  it('in log lines blacks out other numbers and addresses, never times or the person’s own number', () => {
    const report = build([{ source: 'logs', category: 'L', key: 'a.log:3', match: 'identifier', items: { 'L.2': '2026-11-01 10:00:01 call from 089 1234567 to +49 30 9876543 (sip:erika@example.com)' } }]);
    const line = report.categories[0]!.records[0]!.items[0]!;
    expect(line.value).toBe(`2026-11-01 10:00:01 call from 089 1234567 to ${REDACTED} (${REDACTED})`);
    expect(line.redacted).toBe(true);
  });

  it('orders catalogue ids numerically', () => {
    expect(['F.10', 'F.2', 'F.13.3.1', 'F.13.10'].sort(compareIds)).toEqual(['F.2', 'F.10', 'F.13.3.1', 'F.13.10']);
  });
});
