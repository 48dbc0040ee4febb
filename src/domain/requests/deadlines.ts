/**
 * Deadline arithmetic for Art. 12(3) GDPR: "within one month of receipt", extendable by two
 * further months. Months are calendar months counted as Regulation (EEC, Euratom) No 1182/71
 * Art. 3(2)(c) does: the period ends on the day of the later month with the same number as the day
 * of receipt, or on that month's last day when it has no such day (31 Jan → 28/29 Feb).
 * Days are the organisation's local days (`timeZone`, an IANA name); no I/O, only `Intl`.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY = 86_400_000;

function parts(date: IsoDate): { year: number; month: number; day: number } {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`not a date: ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const format = (year: number, month: number, day: number): IsoDate => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
/** `Date.UTC`, but without its mapping of the years 0–99 to 1900–1999. */
function utc(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}
const daysInMonth = (year: number, month: number): number => new Date(utc(year, month, 0)).getUTCDate();

/** Whether `name` is a time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The wall-clock time of an instant in a zone, as if it were UTC (milliseconds). */
function wallClock(instant: Date, timeZone: string): number {
  const values: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return utc(values.year ?? 1970, (values.month ?? 1) - 1, values.day ?? 1, values.hour ?? 0, values.minute ?? 0, values.second ?? 0);
}

/** The local calendar date of an instant. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const wall = new Date(wallClock(instant, timeZone));
  return format(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
}

/** The instant a local day begins (midnight, or the first valid minute on a DST gap day). */
export function startOfDay(date: IsoDate, timeZone: string): Date {
  const { year, month, day } = parts(date);
  const wanted = utc(year, month - 1, day);
  const wall = (instant: number): number => wallClock(new Date(instant), timeZone);
  // Local midnight under the offset in force a day before and a day after: at most one
  // daylight-saving change lies between, so one of them is right unless midnight is skipped.
  const candidates = [wanted - (wall(wanted - DAY) - (wanted - DAY)), wanted - (wall(wanted + DAY) - (wanted + DAY))];
  const midnights = candidates.filter((instant) => wall(instant) === wanted);
  // Clocks set back over midnight show it twice: the day begins at the first.
  if (midnights.length > 0) return new Date(Math.min(...midnights));
  // Clocks jump over midnight (Santiago, Havana): the day begins where the gap ends.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wall(middle) < wanted) before = middle;
    else after = middle;
  }
  return new Date(after);
}

/** `months` calendar months after `date`, clamped to the end of a shorter month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parts(date);
  const moved = new Date(utc(year, month - 1, day + days));
  return format(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = parts(from);
  const b = parts(to);
  return Math.round((utc(b.year, b.month - 1, b.day) - utc(a.year, a.month - 1, a.day)) / DAY);
}

export interface DeadlineInput {
  receivedAt: string;
  extensionMonths?: number;
  /** Days the clock stood still while the DPO waited for information. */
  pausedDays?: number;
}

/** The last day to answer: one month after receipt, plus an extension, plus paused days. */
export function dueDateOf(input: DeadlineInput, timeZone: string): IsoDate {
  const received = localDate(new Date(input.receivedAt), timeZone);
  return addDays(addMonths(received, 1 + (input.extensionMonths ?? 0)), input.pausedDays ?? 0);
}

/** Days left until the due date (0 on the due date, negative once overdue). */
export function daysLeft(now: Date, dueDate: IsoDate, timeZone: string): number {
  return daysBetween(localDate(now, timeZone), dueDate);
}

/** Reminders the DPO gets before a deadline and the escalation on the day (most urgent last). */
export const REMINDERS = ['dueIn7Days', 'dueIn1Day', 'dueToday'] as const;
export type Reminder = (typeof REMINDERS)[number];

const REMINDER_DAYS: Record<Reminder, number> = { dueIn7Days: 7, dueIn1Day: 1, dueToday: 0 };

/**
 * The most urgent reminder that is due for a case with `left` days to go, or undefined. A case
 * created with five days left gets the 7-day reminder at once; one that is already overdue gets
 * the escalation.
 */
export function reminderDue(left: number): Reminder | undefined {
  let due: Reminder | undefined;
  for (const reminder of REMINDERS) if (left <= REMINDER_DAYS[reminder]) due = reminder;
  return due;
}

/** Reminders less urgent than `reminder`: passed over once a more urgent one is sent. */
export const remindersBefore = (reminder: Reminder): Reminder[] => REMINDERS.slice(0, REMINDERS.indexOf(reminder));
