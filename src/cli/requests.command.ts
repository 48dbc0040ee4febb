import { loadConfig, processEnvironment } from '../config/config';
import { localDate } from '../domain/requests/deadlines';
import { ARTICLE, isOpen, type PrivacyRequest } from '../domain/requests/request';
import { CorruptRowError } from '../ports/store/sql/rows';
import { openExistingDatabase } from './audit.command';

interface RequestsOptions {
  json?: boolean;
  csv?: boolean;
  open?: boolean;
  database?: string;
}

/** The organisation's time zone when configuration names one, else the seed's (Germany). */

/** The columns of the accountability record (Art. 5(2) GDPR), in CSV order. */
export const RECORD_COLUMNS = [
  'number',
  'type',
  'article',
  'status',
  'channel',
  'receivedAt',
  'dueDate',
  'extendedMonths',
  'decidedBy',
  'decidedAt',
  'decision',
  'reason',
  'assignee',
  'requester',
  'subject',
  'closedAt',
  'overdue',
  'identityMethod',
  'mergedInto',
  'linked',
] as const;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];
export type RecordRow = Record<RecordColumn, string>;

/**
 * One case as a row of the record. `subject` is the employee's id or `outside` (an outside
 * person's search criteria stay out of the export); `reason` is the decision's reason; `closedAt`
 * is the time of the last event of a closed case; `overdue` compares the local date `today`
 * (YYYY-MM-DD) with the due date of an open case (not while the clock stands still);
 * `identityMethod` says how an outside person's identity was checked (the note stays out).
 */
export function recordRow(request: PrivacyRequest, today: string): RecordRow {
  const open = isOpen(request.status);
  return {
    number: request.number,
    type: request.type,
    article: String(ARTICLE[request.type]),
    status: request.status,
    channel: request.channel,
    receivedAt: request.receivedAt,
    dueDate: request.dueDate,
    extendedMonths: String(request.extension?.months ?? 0),
    decidedBy: request.decision?.by ?? '',
    decidedAt: request.decision?.at ?? '',
    decision: request.decision?.status ?? '',
    reason: request.decision?.reason ?? '',
    assignee: request.assignee ?? '',
    requester: request.requester,
    subject: request.subject.kind === 'employee' ? request.subject.id : 'outside',
    closedAt: open ? '' : (request.history.at(-1)?.at ?? ''),
    overdue: String(open && request.status !== 'moreInfoNeeded' && today > request.dueDate),
    identityMethod: request.identity?.method ?? '',
    mergedInto: request.mergedInto ?? '',
    linked: request.linked.join(' '),
  };
}

/** A spreadsheet must not run a cell as a formula (CSV injection): such cells get a leading `'`. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula guard, then RFC 4180 quoting (comma, quote, CR or LF; quotes doubled). */
export function csvField(value: string): string {
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** RFC 4180: a header line, CRLF after every record. */
export function toCsv(rows: readonly RecordRow[]): string {
  const line = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;
  return line(RECORD_COLUMNS) + rows.map((row) => line(RECORD_COLUMNS.map((c) => row[c]))).join('');
}

/** Control characters (line breaks, terminal escapes) never reach the terminal from a case. */
const printable = (text: string): string =>
  Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? ' ' : c;
  }).join('');

/** A readable, aligned table of the main columns. */
export function toTable(rows: readonly RecordRow[]): string {
  if (rows.length === 0) return 'no cases\n';
  const columns: [string, (row: RecordRow) => string][] = [
    ['number', (r) => r.number],
    ['type', (r) => `${r.type} (Art. ${r.article})`],
    ['status', (r) => r.status],
    ['received', (r) => r.receivedAt.slice(0, 10)],
    ['due', (r) => `${r.dueDate}${r.extendedMonths !== '0' ? ` (+${r.extendedMonths}m)` : ''}`],
    ['overdue', (r) => (r.overdue === 'true' ? 'OVERDUE' : '')],
    ['requester', (r) => r.requester],
    ['subject', (r) => r.subject],
    ['assignee', (r) => r.assignee],
  ];
  const cells = [columns.map(([title]) => title), ...rows.map((row) => columns.map(([, cell]) => printable(cell(row))))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  return cells.map((line) => line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

/** The configured time zone (`TIME_ZONE`): "overdue" is judged on the organisation's calendar. */
function timeZone(): string {
  return loadConfig(processEnvironment()).timeZone;
}

/**
 * `privacy-desk requests`: the cases as a record of processing for accountability (Art. 5(2)
 * GDPR) — a table, `--csv` (RFC 4180, formula-safe) or `--json` (the stored cases). Read-only;
 * exit code 2 when there is no database.
 */
export async function requestsCommand(options: RequestsOptions): Promise<void> {
  const stores = await openExistingDatabase(options.database, 'requests');
  if (!stores) return;
  let requests: PrivacyRequest[];
  try {
    requests = await stores.requests.listRequests(options.open ? { openOnly: true } : {});
  } catch (error) {
    // A case that does not read back is reported, not half-exported (its content stays out of the message).
    if (!(error instanceof CorruptRowError)) throw error;
    process.stderr.write(`privacy-desk: ${error instanceof CorruptRowError ? error.message : 'a row of requests is not valid JSON'}; nothing exported\n`);
    process.exitCode = 1;
    return;
  } finally {
    await stores.close();
  }
  if (options.json) {
    process.stdout.write(`${JSON.stringify(requests, null, 2)}\n`);
    return;
  }
  const today = localDate(new Date(), timeZone());
  const rows = requests.map((request) => recordRow(request, today));
  process.stdout.write(options.csv ? toCsv(rows) : toTable(rows));
}
