import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { buildAnswerLetter } from '../../../src/domain/execution/answer-letter';
import { record, startJob } from '../../../src/domain/execution/job';
import { planFor } from '../../../src/domain/execution/plan';
import type { PrivacyRequest } from '../../../src/domain/requests/request';
import { answerLettersZip } from '../../../src/ports/reports/answer-letter-pdf';
import { hasExecutable, requireService } from '../../support/services';

const available = requireService('pdftotext (poppler-utils)', hasExecutable('/usr/bin/pdftotext'), 'apt-get install poppler-utils');
const maybe = available ? describe : describe.skip;

const request = {
  id: 'c1',
  number: 'DSR-2026-0009',
  type: 'erasure',
  subject: { kind: 'outside', criteria: { firstName: 'Hans', lastName: 'Meier', street: 'Hafenstraße 1', postcodeCity: '20457 Hamburg' } },
  requester: 'dana.dpo@example.com',
  channel: 'letter',
  receivedAt: '2026-11-20T09:00:00.000Z',
  dueDate: '2026-12-20',
  status: 'inProgress',
  pausedDays: 0,
  linked: [],
  version: 4,
  history: [],
} as unknown as PrivacyRequest;

const T = '2026-12-05T10:00:00.000Z';
const sources = [
  { id: 'journal', category: 'H' as const, can: new Set(['find', 'export', 'erase'] as const) },
  { id: 'tasks', category: 'T' as const, can: new Set(['find', 'export'] as const) },
];

maybe('the answer letter to an outside person', () => {
  it('says in German and in English what was erased, what was kept and why, and the right to complain', async () => {
    let job = startJob('c1', planFor('erasure', sources, { outsideSubject: true }));
    expect(job.steps.map((s) => s.id)).toEqual(['erase:journal', 'explain:tasks', 'confirmGone', 'letter', 'notify']);
    job = record(record(job, 'erase:journal', { kind: 'started', at: T }), 'erase:journal', { kind: 'done', at: T, by: 'bot', counts: { deleted: 14, kept: 3 } });
    job = record(record(job, 'explain:tasks', { kind: 'started', at: T }), 'explain:tasks', { kind: 'done', at: T, by: 'bot' });
    const letter = buildAnswerLetter(request, job, new Date(T));
    expect(letter.to).toEqual(['Hans Meier', 'Hafenstraße 1', '20457 Hamburg']);
    const zip = new AdmZip(await answerLettersZip(letter, 'Europe/Berlin'));
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['DSR-2026-0009-letter-de.pdf', 'DSR-2026-0009-letter-en.pdf']);
    const dir = mkdtempSync(join(tmpdir(), 'letter-'));
    const read = (name: string): string => {
      writeFileSync(join(dir, name), zip.readFile(name) as Buffer);
      return execFileSync('/usr/bin/pdftotext', [join(dir, name), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const de = read('DSR-2026-0009-letter-de.pdf');
    expect(de).toContain('Hafenstraße 1');
    expect(de).toContain('5. Dezember 2026');
    expect(de).toContain('Ihr Antrag auf Löschung nach Art. 17 DSGVO – DSR-2026-0009');
    expect(de).toContain('Anrufjournal: 14 Einträge gelöscht; 3 wegen einer gesetzlichen Aufbewahrungspflicht aufbewahrt.');
    expect(de).toContain('Aufgaben können in unserer Kommunikationssoftware technisch nicht gelöscht werden');
    expect(de).toContain('Art. 77 DSGVO');
    const en = read('DSR-2026-0009-letter-en.pdf');
    expect(en).toContain('Your request for erasure under Art. 17 GDPR – DSR-2026-0009');
    expect(en).toContain('call journal: 14 records erased; 3 kept under a legal obligation to retain them.');
    expect(en).toContain('supervisory authority (Art. 77 GDPR)');
  });
});
