import { closeSync, openSync, writeSync } from 'node:fs';
import type { Person } from '../src/domain/directory/person';
import { generateOrganisation, mulberry32, type OrganisationSizes } from './generate-organisation';

/**
 * The benchmark organisation as an LDIF file for OpenLDAP: the people and nested groups of
 * `generateOrganisation` (same sizes and seed → same people, names, titles, offices and phone
 * numbers as `bench:lookup` uses) as inetOrgPerson entries and groupOfNames groups. Values that
 * are not RFC 2849 SAFE-STRINGs (umlauts, a leading blank or colon, …) are written base64-encoded.
 * The file is written in chunks, never held whole in memory.
 *
 * People and groups carry a history, as in a directory that has been in use for a while:
 * `createTimestamp`, `modifyTimestamp` and `entryCSN` spread over the two years before 1 June 2024
 * (deterministic in the seed). Without it (`pastTimestamps: false`) slapadd stamps every entry with
 * the time of the load, as after a bulk import.
 *
 * Also a command of its own, so that a benchmark can generate in a child process and keep its own
 * resident memory clean: `node dist/bench/generate-ldif.js --out FILE --people N --groups N --seed S`
 * prints one JSON object (`LdifSummary`) to stdout.
 */

export const LDIF_SUFFIX = 'dc=contoso,dc=example';
export const PEOPLE_OU = `ou=people,${LDIF_SUFFIX}`;
export const GROUPS_OU = `ou=groups,${LDIF_SUFFIX}`;

export interface LdifSizes {
  people: number;
  groups: number;
}

export interface LdifOptions {
  /** Write past create/modify timestamps (default) or leave them to slapadd (the time of the load). */
  pastTimestamps?: boolean;
}

/** The newest timestamp of the generated history (exclusive). */
const HISTORY_END_MS = Date.UTC(2024, 5, 1);
const HISTORY_SPAN_MS = 2 * 365 * 24 * 3600 * 1000;

export interface LdifSummary {
  file: string;
  bytes: number;
  people: number;
  groups: number;
  groupLevels: [number, number, number, number];
  /** Member values of all groups (people and groups). */
  memberValues: number;
  /** Values written base64-encoded (not RFC 2849 SAFE-STRINGs). */
  base64Values: number;
  generateMs: number;
  peakRssMb: number;
}

/** The organisation's sizes for a directory only: no grants, no external contacts. */
export function directorySizes(sizes: LdifSizes): OrganisationSizes {
  return { people: sizes.people, groups: sizes.groups, userGrants: 0, externals: 0, externalDomains: 0, cappedDomains: 0, groupGrants: 0 };
}

/** The DN of a generated person: `uid=<local part of the mail address>,ou=people,…`. */
export function personDn(person: Pick<Person, 'mail' | 'id'>): string {
  return `uid=${uidOf(person)},${PEOPLE_OU}`;
}

const uidOf = (person: Pick<Person, 'mail' | 'id'>): string => (person.mail ?? person.id).split('@')[0] as string;

/**
 * RFC 2849 SAFE-STRING: SAFE-CHARs (ASCII 1–127 without LF and CR) not starting with a blank, a
 * colon or "<". A trailing blank is encoded too: many readers strip it.
 */
function isSafeString(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 10 || c === 13 || c > 127) return false;
  }
  const first = value.charCodeAt(0);
  return value.length === 0 || (first !== 32 && first !== 58 && first !== 60 && !value.endsWith(' '));
}

/** GeneralizedTime `YYYYMMDDHHMMSSZ` of a time in milliseconds. */
const generalizedTime = (msSinceEpoch: number): string => new Date(msSinceEpoch).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

/** Chunked writer: lines are joined into ~1 MB chunks and written synchronously. */
class ChunkedFile {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;
  base64Values = 0;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  attribute(name: string, value: string): void {
    if (isSafeString(value)) this.line(`${name}: ${value}`);
    else {
      this.base64Values++;
      this.line(`${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`);
    }
  }

  line(text: string): void {
    this.parts.push(text, '\n');
    this.pending += text.length + 1;
    if (this.pending >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const chunk = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, chunk);
    this.bytes += chunk.length;
    this.parts = [];
    this.pending = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes the LDIF (suffix, two OUs, people, then groups roots first) and returns what it wrote. */
export function writeDirectoryLdif(file: string, sizes: LdifSizes, seed: number, options: LdifOptions = {}): LdifSummary {
  const started = process.hrtime.bigint();
  const org = generateOrganisation(directorySizes(sizes), seed);
  const { people, groups } = org.directory;
  const out = new ChunkedFile(file);
  // A PRNG of its own: the organisation stays exactly what bench:lookup generates.
  const clock = mulberry32(seed ^ 0x7153_7a3d);
  const history = (): void => {
    if (options.pastTimestamps === false) return;
    const created = HISTORY_END_MS - 1000 - Math.floor(clock() * HISTORY_SPAN_MS);
    const modified = created + Math.floor(clock() * (HISTORY_END_MS - 1000 - created));
    const stamp = generalizedTime(modified);
    out.line(`createTimestamp: ${generalizedTime(created)}`);
    out.line(`modifyTimestamp: ${stamp}`);
    out.line(`entryCSN: ${stamp.slice(0, 14)}.000000Z#000000#000#000000`);
  };

  out.line(`dn: ${LDIF_SUFFIX}`);
  out.line('objectClass: top');
  out.line('objectClass: dcObject');
  out.line('objectClass: organization');
  out.line('dc: contoso');
  out.line('o: Contoso');
  out.line('');
  for (const ou of ['people', 'groups']) {
    out.line(`dn: ou=${ou},${LDIF_SUFFIX}`);
    out.line('objectClass: top');
    out.line('objectClass: organizationalUnit');
    out.line(`ou: ${ou}`);
    out.line('');
  }

  // Each person's organisational unit: the first team (leaf group) they are a member of.
  const leaves = new Set(org.groupLevels[3]);
  const unitOf = new Map<string, string>();
  for (const group of groups) {
    if (!leaves.has(group.id)) continue;
    for (const id of group.memberPeople) if (!unitOf.has(id)) unitOf.set(id, group.name);
  }

  const dnOf = new Map<string, string>();
  people.forEach((person, i) => {
    const dn = personDn(person);
    dnOf.set(person.id, dn);
    out.line(`dn: ${dn}`);
    out.line('objectClass: top');
    out.line('objectClass: person');
    out.line('objectClass: organizationalPerson');
    out.line('objectClass: inetOrgPerson');
    out.attribute('uid', uidOf(person));
    out.attribute('cn', person.displayName);
    out.attribute('sn', person.surname ?? person.displayName);
    if (person.givenName) out.attribute('givenName', person.givenName);
    out.attribute('displayName', person.displayName);
    out.attribute('mail', person.mail ?? person.id);
    out.attribute('employeeNumber', String(100000 + i));
    out.attribute('o', 'Contoso');
    const unit = unitOf.get(person.id);
    if (unit) out.attribute('ou', unit);
    const attributes = person.attributes;
    for (const value of attributes['F.3'] ?? []) out.attribute('title', value);
    for (const value of attributes['F.6'] ?? []) out.attribute('physicalDeliveryOfficeName', value);
    for (const value of attributes['F.13.1'] ?? []) out.attribute('telephoneNumber', value);
    for (const value of attributes['F.13.3.1'] ?? []) out.attribute('mobile', value);
    if (person.preferredLanguage) out.attribute('preferredLanguage', person.preferredLanguage);
    history();
    out.line('');
  });
  unitOf.clear();

  // Groups, roots first: parents before their member groups (slapadd does not need it, readers of the file may).
  let memberValues = 0;
  groups.forEach((group, g) => {
    out.line(`dn: ${group.id}`);
    out.line('objectClass: top');
    out.line('objectClass: groupOfNames');
    out.attribute('cn', group.name);
    const members = [...group.memberGroups, ...group.memberPeople.map((id) => dnOf.get(id) as string)];
    // groupOfNames requires a member: a team left without people (tiny runs) gets the person of its number.
    if (members.length === 0) members.push(personDn(people[g % people.length] as Person));
    for (const member of members) out.attribute('member', member);
    memberValues += members.length;
    history();
    out.line('');
  });
  out.close();

  return {
    file,
    bytes: out.bytes,
    people: people.length,
    groups: groups.length,
    groupLevels: org.counts.groupLevels,
    memberValues,
    base64Values: out.base64Values,
    generateMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
    peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
  };
}

function parseArguments(argv: readonly string[]): { out: string; sizes: LdifSizes; seed: number; options: LdifOptions } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i] as string;
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) throw new Error(`usage: generate-ldif --out FILE --people N --groups N [--seed S] [--past-timestamps 0|1], got "${name}"`);
    values.set(name.slice(2), value);
  }
  const whole = (name: string, fallback?: number): number => {
    const raw = values.get(name);
    const value = raw === undefined ? fallback : Number(raw.replace(/_/g, ''));
    if (value === undefined || !Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number ≥ 0, got ${raw}`);
    return value;
  };
  const out = values.get('out');
  if (!out) throw new Error('--out FILE is required');
  return { out, sizes: { people: whole('people'), groups: whole('groups') }, seed: whole('seed', 20240607), options: { pastTimestamps: whole('past-timestamps', 1) !== 0 } };
}

if (require.main === module) {
  try {
    const { out, sizes, seed, options } = parseArguments(process.argv.slice(2));
    process.stdout.write(`${JSON.stringify(writeDirectoryLdif(out, sizes, seed, options))}\n`);
  } catch (error: unknown) {
    process.stderr.write(`generate-ldif failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
}
