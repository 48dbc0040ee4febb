import { existsSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DirectoryData, Person } from '../domain/directory/person';
import { mulberry32 } from '../domain/shared/random';
import { normalisePhone } from '../domain/sources/subject';

/**
 * Fictional personal data for the demo organisation, so that the embedded default shows real figures:
 * a call journal over two years (some calls private; Bob Brown's line 2 is excluded from journaling,
 * so it has no entries), chat messages and tasks, each in a SQLite file as the seed's product keeps
 * them, with the sources file that describes them. Deterministic: the same directory and the same
 * day give the same files, byte for byte in content.
 */

/** Outside callers: invented people and numbers (the +49 30 555 and +44 20 7946 ranges are fictional). */
const OUTSIDERS: readonly { name: string; number: string; company?: string }[] = [
  { name: 'Erika Musterfrau', number: '+4930555010001', company: 'Muster AG' },
  { name: 'Hans Meier', number: '+4930555010002', company: 'Meier Logistik' },
  { name: 'Jürgen Köhler', number: '+4930555010003' },
  { name: 'Claire Dubois', number: '+4930555010004', company: 'Dubois SARL' },
  { name: 'Oliver Bennett', number: '+442079460001', company: 'Bennett & Co' },
  { name: 'Sofia Rossi', number: '+4930555010005' },
  { name: 'Tomasz Wójcik', number: '+4930555010006', company: 'Wójcik Bau' },
  { name: 'Ingrid Larsen', number: '+4930555010007' },
  { name: 'Mehmet Kaya', number: '+4930555010008', company: 'Kaya Elektro' },
  { name: 'Grace Okafor', number: '+442079460002' },
];

const SUBJECTS = ['Rückruf wegen Angebot', 'Termin abstimmen', 'Rechnung prüfen', 'Projektstatus', 'Lieferung klären', 'Vertrag verlängern', 'Call back about the quote', 'Follow up on the meeting'];
const CHAT_LINES = ['Hast du kurz Zeit?', 'Passt 14 Uhr?', 'Ich rufe dich gleich an.', 'Danke!', 'Can you send me the file?', 'Running five minutes late.', 'Meeting moved to Thursday.', 'Sieht gut aus.'];

const sipOf = (person: Person): string => `sip:${(person.mail ?? person.id).toLowerCase()}`;
/** A colleague's business number as a journal keeps it: in E.164 (the directory writes it for people to read). */
const phoneOf = (person: Person): string | undefined => {
  const written = person.attributes['F.13.1']?.[0];
  return written ? (normalisePhone(written, 'DE') ?? written) : undefined;
};

/** The sources file for the demo files in `folder` (paths relative to it). */
export const DEMO_SOURCES = {
  sources: [
    {
      id: 'journal',
      category: 'H',
      connection: { sqlite: 'journal.sqlite' },
      table: 'journal',
      key: 'id',
      time: 'started_at',
      private: 'is_private',
      restricted: 'restricted',
      identifiers: { remote_number: 'phone', remote_name: 'name', user_sip: 'sip' },
      items: { remote_name: 'H.1', remote_number: 'H.2', project: 'H.4', started_at: 'H.6', duration: 'H.7', line: 'H.8', company: 'H.11' },
      writable: true,
    },
    {
      id: 'chat',
      category: 'C',
      connection: { sqlite: 'chat.sqlite' },
      table: 'chat_messages',
      key: 'id',
      time: 'sent_at',
      restricted: 'restricted',
      identifiers: { sender_sip: 'sip', recipient_sip: 'sip' },
      items: { sender_sip: 'C.1.2', recipient_sip: 'C.1.3', body: 'C.1.4' },
      writable: true,
    },
    {
      id: 'tasks',
      category: 'T',
      connection: { sqlite: 'tasks.sqlite' },
      table: 'tasks',
      key: 'id',
      time: 'created_at',
      identifiers: { contact_phone: 'phone', contact_name: 'name', owner_sip: 'sip', creator_sip: 'sip', completed_by_sip: 'sip' },
      items: { contact_phone: 'T.1', owner_sip: 'T.2', creator_sip: 'T.3', completed_by_sip: 'T.4', contact_name: 'T.5' },
      writable: false,
    },
    { id: 'logs', category: 'L', folder: 'logs', files: 'ucserver*.log*', windowDays: 30, limitMB: 64 },
    {
      id: 'favourites',
      category: 'F',
      connection: { sqlite: 'favourites.sqlite' },
      table: 'favourites',
      key: 'id',
      time: 'added_at',
      belongsTo: 'user_sip',
      identifiers: { display_name: 'name', phone: 'phone', email: 'email' },
      items: { display_name: 'F.1', email: 'F.2.1', phone: 'F.13.1', note: 'F.12' },
      writable: false,
      owner: 'uc-admins@example.com',
    },
  ],
  // A customer in a dispute: their calls are kept past the journal's period until the case is closed.
  legalHolds: [{ id: 'HOLD-2026-01', reason: 'Contract dispute with Meier Logistik (demo)', until: '2027-12-31', subject: { name: 'Hans Meier', phones: ['+4930555010002'] } }],
} as const;

/**
 * Writes the demo sources into `folder` (journal.sqlite, chat.sqlite, tasks.sqlite, logs/,
 * sources.json) for the two years up to `today`, unless another process got there first; returns the
 * sources file's path. Written into a temporary folder first and moved into place, so that a crash
 * leaves no half-written files behind.
 */
export function generateDemoSources(folder: string, directory: DirectoryData, today: Date): string {
  const people = directory.people.filter((p) => p.mail).slice().sort((a, b) => a.id.localeCompare(b.id));
  const staging = `${folder}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const start = end - 730 * 86_400_000;
  const next = mulberry32(20261205);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const at = (): string => new Date(start + Math.floor(next() * (end - start) / 60_000) * 60_000).toISOString();

  const journal = new Database(join(staging, 'journal.sqlite'));
  journal.exec(`CREATE TABLE journal (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, direction TEXT NOT NULL, line INTEGER NOT NULL,
    user_sip TEXT NOT NULL, remote_number TEXT, remote_name TEXT, company TEXT, project TEXT, duration INTEGER NOT NULL, is_private INTEGER NOT NULL DEFAULT 0, restricted INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX journal_remote_number ON journal (remote_number);
    CREATE INDEX journal_remote_name ON journal (lower(remote_name));
    CREATE INDEX journal_user_sip ON journal (lower(user_sip));
    CREATE INDEX journal_started_at ON journal (started_at);`);
  const call = journal.prepare('INSERT INTO journal (started_at, direction, line, user_sip, remote_number, remote_name, company, project, duration, is_private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const excluded = people.find((p) => p.displayName === 'Bob Brown');
  journal.transaction(() => {
    for (const person of people) {
      const calls = 150 + Math.floor(next() * 150);
      for (let i = 0; i < calls; i++) {
        const line = next() < 0.2 ? 2 : 1;
        // Bob Brown's second line is excluded from journaling (seed 4.3.2.1): none of its calls are kept.
        if (person === excluded && line === 2) continue;
        const outside = next() < 0.45;
        const colleague = pick(people);
        const other = outside ? pick(OUTSIDERS) : { name: colleague.displayName, number: phoneOf(colleague) ?? '', company: undefined };
        // The same number written the ways a journal ends up holding it.
        const number = outside && next() < 0.3 ? other.number.replace(/^\+49/, '0') : other.number;
        call.run(at(), next() < 0.5 ? 'in' : 'out', line, sipOf(person), number || null, other.name, other.company ?? null, next() < 0.2 ? pick(['Phoenix', 'Ember']) : null, 10 + Math.floor(next() * 1800), next() < 0.1 ? 1 : 0);
      }
    }
  })();
  journal.close();

  const chat = new Database(join(staging, 'chat.sqlite'));
  chat.exec(`CREATE TABLE chat_messages (id INTEGER PRIMARY KEY, sent_at TEXT NOT NULL, sender_sip TEXT NOT NULL, recipient_sip TEXT NOT NULL, body TEXT NOT NULL, restricted INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX chat_sender ON chat_messages (lower(sender_sip));
    CREATE INDEX chat_recipient ON chat_messages (lower(recipient_sip));
    CREATE INDEX chat_sent_at ON chat_messages (sent_at);`);
  const message = chat.prepare('INSERT INTO chat_messages (sent_at, sender_sip, recipient_sip, body) VALUES (?, ?, ?, ?)');
  chat.transaction(() => {
    for (let i = 0; i < people.length * 60; i++) {
      const [from, to] = [pick(people), pick(people)];
      if (from !== to) message.run(at(), sipOf(from), sipOf(to), pick(CHAT_LINES));
    }
  })();
  chat.close();

  const tasks = new Database(join(staging, 'tasks.sqlite'));
  tasks.exec(`CREATE TABLE tasks (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, title TEXT NOT NULL, contact_name TEXT, contact_phone TEXT,
    owner_sip TEXT, creator_sip TEXT, completed_by_sip TEXT);
    CREATE INDEX tasks_contact_phone ON tasks (contact_phone);
    CREATE INDEX tasks_contact_name ON tasks (lower(contact_name));
    CREATE INDEX tasks_owner ON tasks (lower(owner_sip));
    CREATE INDEX tasks_creator ON tasks (lower(creator_sip));
    CREATE INDEX tasks_completed_by ON tasks (lower(completed_by_sip));`);
  const task = tasks.prepare('INSERT INTO tasks (created_at, title, contact_name, contact_phone, owner_sip, creator_sip, completed_by_sip) VALUES (?, ?, ?, ?, ?, ?, ?)');
  tasks.transaction(() => {
    for (let i = 0; i < people.length * 4; i++) {
      const contact = pick(OUTSIDERS);
      const [owner, creator] = [pick(people), pick(people)];
      task.run(at(), pick(SUBJECTS), contact.name, contact.number, sipOf(owner), sipOf(creator), next() < 0.6 ? sipOf(owner) : null);
    }
  })();
  tasks.close();

  // Each colleague's favourites (federation contacts): outside contacts on their list. Two users who
  // have left the company (no longer in the directory) still have theirs: orphans.
  const favourites = new Database(join(staging, 'favourites.sqlite'));
  favourites.exec(`CREATE TABLE favourites (id INTEGER PRIMARY KEY, added_at TEXT NOT NULL, user_sip TEXT NOT NULL, display_name TEXT, phone TEXT, email TEXT, note TEXT);
    CREATE INDEX favourites_user ON favourites (lower(user_sip));
    CREATE INDEX favourites_phone ON favourites (phone);
    CREATE INDEX favourites_name ON favourites (lower(display_name));
    CREATE INDEX favourites_email ON favourites (lower(email));`);
  const favourite = favourites.prepare('INSERT INTO favourites (added_at, user_sip, display_name, phone, email, note) VALUES (?, ?, ?, ?, ?, ?)');
  const former = ['sip:tom.departed@example.com', 'sip:lena.left@example.com'];
  favourites.transaction(() => {
    for (const owner of [...people.map(sipOf), ...former]) {
      const listed = new Set<number>();
      for (let i = 0; i < 3 + Math.floor(next() * 4); i++) listed.add(Math.floor(next() * OUTSIDERS.length));
      for (const index of listed) {
        const contact = OUTSIDERS[index] as (typeof OUTSIDERS)[number];
        favourite.run(at(), owner, contact.name, contact.number, null, next() < 0.3 ? pick(['Key account', 'Supplier', 'Calls back mornings']) : null);
      }
    }
  })();
  favourites.close();

  // The server's logs of the last days: today's as text, older ones rotated, the oldest gzipped, and
  // the presence service's as JSON lines. Each file dated to the day it covers.
  const logs = join(staging, 'logs');
  mkdirSync(logs);
  const day = (back: number): number => end - back * 86_400_000;
  const logLines = (back: number, json: boolean): string => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      const when = new Date(day(back) + Math.floor(next() * 86_400_000)).toISOString();
      const person = pick(people);
      const outside = pick(OUTSIDERS);
      const event = pick(['call connected', 'call ended', 'presence changed', 'login', 'journal entry written']);
      lines.push(json ? JSON.stringify({ time: when, level: 'info', msg: event, user: sipOf(person) }) : `${when} INFO ${event} user=${sipOf(person)} remote=${event.startsWith('call') ? outside.number : '-'}`);
    }
    return `${lines.sort().join('\n')}\n`;
  };
  const logFiles: [string, number, string | Buffer][] = [
    ['ucserver.log', 0, logLines(0, false)],
    ['ucserver.log.1', 1, logLines(1, false)],
    ['ucserver.log.2.gz', 2, gzipSync(logLines(2, false))],
    ['ucserver-presence.log', 0, logLines(0, true)],
  ];
  for (const [name, back, content] of logFiles) {
    writeFileSync(join(logs, name), content);
    const at = new Date(day(back) + 86_399_000);
    utimesSync(join(logs, name), at, at);
  }

  writeFileSync(join(staging, 'sources.json'), `${JSON.stringify(DEMO_SOURCES, null, 2)}\n`);
  try {
    renameSync(staging, folder);
  } catch (error) {
    // Another process (a second instance starting beside this one) put its files there first: the
    // same files, so theirs are kept and ours go.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(folder, 'sources.json'))) throw error;
  }
  return join(folder, 'sources.json');
}

/** The demo sources in `folder`, generated when they are not there yet; returns the sources file's path. */
export function ensureDemoSources(folder: string, directory: DirectoryData, today: Date): string {
  const file = join(folder, 'sources.json');
  return existsSync(file) ? file : generateDemoSources(folder, directory, today);
}
