import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { CountryCode } from 'libphonenumber-js';
import { type MatchStrength, type Subject, foldName, fullNames, nameSpellings, phoneSpellings, subjectPhones } from '../../domain/sources/subject';
import type { ExportedRecord, PersonalDataSource, SourceFinding, SourceOperation, SourceStatistics } from './personal-data-source.port';

/** Log files under a folder (category L, seed 4.1.2): plain text or JSON lines, rotated and gzipped ones included. */
export interface LogSourceDefinition {
  id: string;
  folder: string;
  /** File names to read: `*` stands for any run of characters ("ucserver*.log*"). */
  files: string;
  /** Only files changed within this many days are read: a search stays bounded however old the logs. */
  windowDays: number;
  /** The configured size limit of the logs (seed 4.1.3: logs are bounded by size), in bytes. */
  limitBytes: number;
}

/** What one pass over the logs found for a subject. */
interface Hit {
  match: MatchStrength;
  file: string;
  line: number;
  at?: Date;
  text: string;
}

/**
 * Reads log files for a subject's identifiers (numbers in every spelling, mail and SIP addresses,
 * the whole name folded), within a bounded window of days, line by line — gzipped files streamed
 * through gunzip, nothing held in memory but the hits. Logs are never written here: rotation and the
 * size limit are the product's.
 */
export class LogSource implements PersonalDataSource {
  readonly category = 'L' as const;
  readonly capabilities: ReadonlySet<SourceOperation> = new Set<SourceOperation>(['find', 'export']);
  readonly id: string;
  private readonly pattern: RegExp;

  constructor(
    private readonly definition: LogSourceDefinition,
    private readonly region: CountryCode,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.id = definition.id;
    this.pattern = new RegExp(`^${definition.files.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  }

  async find(subject: Subject): Promise<SourceFinding[]> {
    const hits = await this.scan(subject);
    const findings: SourceFinding[] = [];
    for (const match of ['identifier', 'name'] as const) {
      const own = hits.filter((h) => h.match === match);
      if (own.length === 0) continue;
      const times = own.flatMap((h) => (h.at ? [h.at.getTime()] : [])).sort((a, b) => a - b);
      findings.push({
        source: this.id,
        category: 'L',
        match,
        count: own.length,
        ...(times.length > 0 ? { oldest: new Date(times[0] as number), newest: new Date(times[times.length - 1] as number) } : {}),
      });
    }
    return findings;
  }

  async export(subject: Subject): Promise<ExportedRecord[]> {
    return (await this.scan(subject)).map((hit) => ({
      source: this.id,
      category: 'L',
      key: `${hit.file}:${hit.line}`,
      ...(hit.at ? { at: hit.at } : {}),
      match: hit.match,
      // A log line holds fields of the directory (F) and of the journal (H): L.1 and L.2.
      items: { [hit.match === 'identifier' && /\d{5,}/.test(hit.text) ? 'L.2' : 'L.1']: hit.text },
    }));
  }

  /** The logs' files, their total size against the limit, and how old the oldest is. */
  async statistics(): Promise<SourceStatistics & { bytes: number; limitBytes: number }> {
    const files = this.files();
    const times = files.map((f) => f.modified.getTime()).sort((a, b) => a - b);
    return {
      source: this.id,
      category: 'L',
      count: files.length,
      bytes: files.reduce((sum, f) => sum + f.size, 0),
      limitBytes: this.definition.limitBytes,
      ...(times.length > 0 ? { oldest: new Date(times[0] as number), newest: new Date(times[times.length - 1] as number) } : {}),
    };
  }

  async close(): Promise<void> {
    // Nothing is held open between searches.
  }

  private files(): { path: string; name: string; size: number; modified: Date }[] {
    let names: string[];
    try {
      names = readdirSync(this.definition.folder);
    } catch {
      return [];
    }
    return names
      .filter((name) => this.pattern.test(name))
      .flatMap((name) => {
        const path = join(this.definition.folder, name);
        const stat = statSync(path, { throwIfNoEntry: false });
        return stat?.isFile() ? [{ path, name, size: stat.size, modified: stat.mtime }] : [];
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * One pass over the files in the window. Read in chunks of a megabyte: each chunk (whole lines)
   * searched as it is, one byte to a character (no decoding, no lower-casing: the expression ignores
   * case, and a needle's non-ASCII letters are spelt as the UTF-8 bytes of their upper and lower case),
   * with one expression for every identifier and for the subject's surname in the spellings a log may
   * hold it (as written, umlauts spelt out or dropped, folded); only a line found that way is decoded
   * and looked at on its own — an identifier in it, or the whole name folded. The expression may find
   * more than it should (it ignores case byte by byte), never less: the line decides.
   */
  private async scan(subject: Subject): Promise<Hit[]> {
    const identifiers = this.identifiersOf(subject);
    const names = fullNames(subject).map(foldName).filter((n) => n.includes(' '));
    if (identifiers.length === 0 && names.length === 0) return [];
    const surnames = fullNames(subject)
      .filter((n) => n.includes(' '))
      .flatMap((n) => nameSpellings(n.split(' ').at(-1) as string))
      .flatMap((n) => [n, foldName(n)]);
    const needles = [...new Set([...identifiers, ...surnames])].filter((n) => n.length >= 3);
    const search = new RegExp(needles.map(inBytes).join('|'), 'gi');
    const since = this.now().getTime() - this.definition.windowDays * 86_400_000;
    const hits: Hit[] = [];
    for (const file of this.files()) {
      if (file.modified.getTime() < since) continue;
      const input = createReadStream(file.path, { highWaterMark: 1 << 20 });
      const stream = file.name.endsWith('.gz') ? input.pipe(createGunzip({ chunkSize: 1 << 20 })) : input;
      let carry: Buffer = Buffer.alloc(0);
      let lineNumber = 0;
      const look = (body: Buffer): void => {
        lineNumber = this.searchChunk(body, lineNumber, search, identifiers, names, file, hits);
      };
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        const last = data.lastIndexOf(NEWLINE);
        if (last < 0) {
          carry = data;
          continue;
        }
        carry = data.subarray(last + 1);
        look(data.subarray(0, last + 1));
      }
      if (carry.length > 0) look(Buffer.concat([carry, Buffer.from('\n')]));
    }
    return hits;
  }

  /** Finds the subject's lines in a chunk of whole lines, numbered from `before` + 1; returns the last line's number. */
  private searchChunk(bytes: Buffer, before: number, search: RegExp, identifiers: readonly string[], names: readonly string[], file: { name: string; modified: Date }, hits: Hit[]): number {
    // One character per byte: positions in the text are positions in the bytes.
    const body = bytes.toString('latin1');
    let line = before;
    let counted = 0;
    let lastStart = -1;
    search.lastIndex = 0;
    for (let found = search.exec(body); found !== null; found = search.exec(body)) {
      const start = body.lastIndexOf('\n', found.index - 1) + 1;
      const end = body.indexOf('\n', found.index);
      search.lastIndex = end + 1;
      if (start === lastStart) continue;
      lastStart = start;
      for (let at = body.indexOf('\n', counted); at !== -1 && at < start; at = body.indexOf('\n', at + 1)) {
        line++;
        counted = at + 1;
      }
      this.consider(bytes.toString('utf8', start, end).replace(/\r$/, ''), line + 1, identifiers, names, file, hits);
    }
    for (let at = body.indexOf('\n', counted); at !== -1; at = body.indexOf('\n', at + 1)) line++;
    return line;
  }

  /** A line that may be the subject's: by an identifier, else by the whole name folded. */
  private consider(text: string, line: number, identifiers: readonly string[], names: readonly string[], file: { name: string; modified: Date }, hits: Hit[]): void {
    const lower = text.toLowerCase();
    const byIdentifier = identifiers.some((value) => lower.includes(value));
    const folded = !byIdentifier && names.length > 0 ? foldName(text) : '';
    const byName = folded !== '' && names.some((name) => folded.includes(name));
    if (!byIdentifier && !byName) return;
    hits.push({ match: byIdentifier ? 'identifier' : 'name', file: file.name, line, at: timeOf(text) ?? file.modified, text });
  }

  /** Lower-case strings that identify the subject in a line: numbers in their spellings, addresses. */
  private identifiersOf(subject: Subject): string[] {
    const phones = subjectPhones(subject, this.region).flatMap((p) => phoneSpellings(p, this.region)).filter((p) => p.replace(/\D/g, '').length >= 6);
    const addresses = [...(subject.emails ?? []), ...(subject.sipAddresses ?? [])].map((a) => a.trim().toLowerCase().replace(/^sip:/, '')).filter((a) => a.includes('@'));
    const ids = (subject.userIds ?? []).map((u) => u.trim().toLowerCase()).filter((u) => u.length >= 4);
    return [...new Set([...phones.map((p) => p.toLowerCase()), ...addresses, ...ids])];
  }
}

const NEWLINE = 0x0a;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A needle as an expression over a log's bytes read one to a character: ASCII as it is (the
 * expression ignores case), any other letter as the UTF-8 bytes of each of its cases (ß also as ẞ).
 */
function inBytes(needle: string): string {
  let out = '';
  for (const character of needle) {
    if (character.charCodeAt(0) < 0x80) {
      out += escapeRegExp(character);
      continue;
    }
    const forms = new Set([character, character.toLowerCase(), character.toUpperCase(), ...(character === 'ß' ? ['ẞ'] : [])]);
    out += `(?:${[...forms].map((form) => escapeRegExp(Buffer.from(form, 'utf8').toString('latin1'))).join('|')})`;
  }
  return out;
}

/** The time a log line was written: an ISO timestamp at its start, or a JSON line's `time`/`timestamp`. */
function timeOf(line: string): Date | undefined {
  const iso = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)/.exec(line)?.[1];
  if (iso) return validDate(iso.replace(' ', 'T'));
  if (line.startsWith('{')) {
    try {
      const json = JSON.parse(line) as { time?: unknown; timestamp?: unknown };
      const value = json.time ?? json.timestamp;
      if (typeof value === 'number') return new Date(value > 1e12 ? value : value * 1000);
      if (typeof value === 'string') return validDate(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function validDate(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
