import { CronExpressionParser } from 'cron-parser';

/** When something recurring is due: a cron expression read in the organisation's time zone. */
export interface Schedule {
  readonly expression: string;
  readonly timeZone: string;
  /** The last moment due at or before `at`. */
  previous(at: Date): Date;
  /** The first moment due after `at`. */
  next(at: Date): Date;
}

/**
 * A five-field cron expression (`minute hour day-of-month month day-of-week`, as crontab) in an IANA
 * time zone: `0 8 * * 1` is Mondays 08:00 local time, in winter and in summer. A local time that does
 * not exist on the day clocks go forward (02:30 in Central Europe) is skipped that day, as cron does.
 * Throws on an expression cron-parser refuses (see {@link cronProblem}).
 */
export function cronSchedule(expression: string, timeZone: string): Schedule {
  const problem = cronProblem(expression);
  if (problem !== undefined) throw new Error(problem);
  const parse = (at: Date) => CronExpressionParser.parse(expression, { currentDate: at, tz: timeZone });
  return {
    expression,
    timeZone,
    previous(at) {
      // cron-parser counts whole seconds and excludes the moment it starts from: start a second
      // later so that a moment exactly due counts, and step back once if that overshot.
      let due = parse(new Date(at.getTime() + 1000)).prev().toDate();
      if (due.getTime() > at.getTime()) due = parse(due).prev().toDate();
      return due;
    },
    next(at) {
      return parse(at).next().toDate();
    },
  };
}

/** Why an expression is no five-field cron expression; undefined when it is one. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return `expected five fields (minute hour day-of-month month day-of-week), such as "0 8 * * 1" (got ${fields.length})`;
  try {
    CronExpressionParser.parse(expression, { strict: false });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
