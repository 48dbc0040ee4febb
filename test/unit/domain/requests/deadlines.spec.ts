import fc from 'fast-check';
import {
  REMINDERS,
  type Reminder,
  addDays,
  addMonths,
  daysBetween,
  daysLeft,
  dueDateOf,
  isTimeZone,
  localDate,
  reminderDue,
  remindersBefore,
  startOfDay,
} from '../../../../src/domain/requests/deadlines';

/**
 * Art. 12(3) GDPR deadlines: one calendar month from receipt (Regulation 1182/71 Art. 3(2)(c),
 * clamped to the last day of a shorter month), extendable by two months, counted in local days.
 */

// ---------------------------------------------------------------------------------------------
// Independent oracles (no Date arithmetic), so the properties do not repeat the implementation.

const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
function daysIn(year: number, month: number): number {
  const length = MONTH_LENGTHS[month - 1];
  if (length === undefined) throw new RangeError(`month ${month}`);
  return month === 2 && isLeap(year) ? 29 : length;
}
const iso = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
function split(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`not a date in the test: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
/** The next calendar day, counted by hand. */
function nextDay(date: string): string {
  const [year, month, day] = split(date);
  if (day < daysIn(year, month)) return iso(year, month, day + 1);
  return month < 12 ? iso(year, month + 1, 1) : iso(year + 1, 1, 1);
}
function previousDay(date: string): string {
  const [year, month, day] = split(date);
  if (day > 1) return iso(year, month, day - 1);
  return month > 1 ? iso(year, month - 1, daysIn(year, month - 1)) : iso(year - 1, 12, 31);
}

/** A valid calendar date between the given years. */
const calendarDate = (minYear: number, maxYear: number): fc.Arbitrary<string> =>
  fc
    .record({ year: fc.integer({ min: minYear, max: maxYear }), month: fc.integer({ min: 1, max: 12 }) })
    .chain(({ year, month }) => fc.integer({ min: 1, max: daysIn(year, month) }).map((day) => iso(year, month, day)));

/** The wall-clock time of an instant in a zone, `HH:MM`. */
const wallTimeFormats = new Map<string, Intl.DateTimeFormat>();
function wallTime(instant: Date, timeZone: string): string {
  let format = wallTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
    wallTimeFormats.set(timeZone, format);
  }
  return format.format(instant);
}

const ZONES = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'UTC'] as const;
/** Zones with odd offsets or with daylight-saving changes at midnight, where mistakes show. */
const AWKWARD_ZONES = [
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Africa/Cairo',
  'America/Asuncion',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Europe/London',
] as const;

// ---------------------------------------------------------------------------------------------

describe('addMonths (calendar months, clamped to the end of a shorter month)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-02-28', 1, '2026-03-28'],
    ['2026-01-10', 0, '2026-01-10'],
    ['2026-01-31', 0, '2026-01-31'],
  ])('%s + %i month(s) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  describe('three months (one month plus the two-month extension)', () => {
    it.each([
      ['2026-01-31', '2026-04-30'],
      ['2026-11-30', '2027-02-28'],
      ['2027-11-29', '2028-02-29'],
      ['2027-11-30', '2028-02-29'],
      ['2026-10-31', '2027-01-31'],
      ['2026-12-31', '2027-03-31'],
      ['2026-05-31', '2026-08-31'],
      ['2026-06-30', '2026-09-30'],
    ])('%s + 3 months = %s', (date, expected) => {
      expect(addMonths(date, 3)).toBe(expected);
    });

    it('clamps from the day of receipt, not from the clamped first month (31 Jan → 30 Apr, not 28 Apr)', () => {
      expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
      expect(addMonths(addMonths('2026-01-31', 1), 2)).toBe('2026-04-28');
    });

    it('two months: 2026-01-31 → 2026-03-31, 2025-12-31 → 2026-02-28', () => {
      expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
      expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    });
  });

  it('rejects text that is not a YYYY-MM-DD date', () => {
    expect(() => addMonths('2026-1-31', 1)).toThrow(RangeError);
    expect(() => addMonths('31.01.2026', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-01-31T00:00:00Z', 1)).toThrow(RangeError);
  });

  it('property: for months 0..3 the day never grows and the month index advances by exactly `months`', () => {
    fc.assert(
      fc.property(calendarDate(1, 9990), fc.integer({ min: 0, max: 3 }), (date, months) => {
        const [year, month, day] = split(date);
        const [resultYear, resultMonth, resultDay] = split(addMonths(date, months));
        expect(resultDay).toBeLessThanOrEqual(day);
        expect(resultYear * 12 + (resultMonth - 1) - (year * 12 + (month - 1))).toBe(months);
        // Exactly the same day, or the target month's last day when it is shorter.
        expect(resultDay).toBe(Math.min(day, daysIn(resultYear, resultMonth)));
      }),
      { numRuns: 2000 },
    );
  }, 30_000);
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-02-28', 10, '2026-03-10'],
    ['2026-12-25', 10, '2027-01-04'],
    ['2026-01-10', 0, '2026-01-10'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 366, '2029-01-01'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['0099-12-31', 1, '0100-01-01'],
    ['0050-02-28', 1, '0050-03-01'],
  ])('%s plus %i day(s) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['2026-01-31', '2026-03-01', 29],
    ['2028-01-31', '2028-03-01', 30],
    ['2026-12-20', '2027-01-10', 21],
    ['2027-01-10', '2026-12-20', -21],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-05-05', '2026-05-05', 0],
    ['0099-12-31', '0100-01-01', 1],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('property: addDays agrees with counting day by day, and daysBetween undoes it', () => {
    // From year 3: 400 days back stays within year 1, the first the calendar functions take.
    fc.assert(
      fc.property(calendarDate(3, 9990), fc.integer({ min: -400, max: 400 }), (date, days) => {
        let expected = date;
        for (let i = 0; i < Math.abs(days); i++) expected = days > 0 ? nextDay(expected) : previousDay(expected);
        const moved = addDays(date, days);
        expect(moved).toBe(expected);
        expect(daysBetween(date, moved)).toBe(days);
        expect(daysBetween(moved, date)).toBe(0 - days);
        expect(addDays(moved, 0 - days)).toBe(date);
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});

describe('isTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    for (const zone of [...ZONES, ...AWKWARD_ZONES]) expect(isTimeZone(zone)).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('Berlin')).toBe(false);
  });
});

describe('localDate', () => {
  const lateJan31 = new Date('2026-01-31T23:30:00Z');

  it.each([
    ['UTC', '2026-01-31'],
    ['Europe/Berlin', '2026-02-01'],
    ['America/New_York', '2026-01-31'],
    ['Pacific/Auckland', '2026-02-01'],
  ])('23:30 UTC on 31 Jan is %s → %s', (zone, expected) => {
    expect(localDate(lateJan31, zone)).toBe(expected);
  });

  it.each([
    ['2026-01-31T22:59:59Z', 'Europe/Berlin', '2026-01-31'],
    ['2026-01-31T23:00:00Z', 'Europe/Berlin', '2026-02-01'],
    ['2026-07-31T21:59:59Z', 'Europe/Berlin', '2026-07-31'],
    ['2026-07-31T22:00:00Z', 'Europe/Berlin', '2026-08-01'],
    ['2026-02-01T04:59:59Z', 'America/New_York', '2026-01-31'],
    ['2026-02-01T05:00:00Z', 'America/New_York', '2026-02-01'],
    ['2026-01-31T10:59:59Z', 'Pacific/Auckland', '2026-01-31'],
    ['2026-01-31T11:00:00Z', 'Pacific/Auckland', '2026-02-01'],
    ['2026-12-31T23:59:59Z', 'UTC', '2026-12-31'],
    ['2026-12-31T23:00:00Z', 'Europe/Berlin', '2027-01-01'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(localDate(new Date(instant), zone)).toBe(expected);
  });
});

describe('startOfDay', () => {
  it.each([
    ['2026-01-15', 'Europe/Berlin', '2026-01-14T23:00:00.000Z'],
    ['2026-07-01', 'Europe/Berlin', '2026-06-30T22:00:00.000Z'],
    // Daylight saving starts at 02:00 (midnight still at +01:00) and ends at 03:00 (midnight still at +02:00).
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    ['2026-01-31', 'Pacific/Auckland', '2026-01-30T11:00:00.000Z'],
    ['2026-04-05', 'Pacific/Auckland', '2026-04-04T11:00:00.000Z'],
    ['2026-04-06', 'Pacific/Auckland', '2026-04-05T12:00:00.000Z'],
    ['2026-09-27', 'Pacific/Auckland', '2026-09-26T12:00:00.000Z'],
    ['2026-09-28', 'Pacific/Auckland', '2026-09-27T11:00:00.000Z'],
    ['2026-01-31', 'UTC', '2026-01-31T00:00:00.000Z'],
    ['2028-02-29', 'UTC', '2028-02-29T00:00:00.000Z'],
  ])('%s in %s begins at %s', (date, zone, expected) => {
    expect(startOfDay(date, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['2026-03-29', 'Europe/Berlin'],
    ['2026-10-25', 'Europe/Berlin'],
    ['2026-03-08', 'America/New_York'],
    ['2026-11-01', 'America/New_York'],
    ['2026-04-05', 'Pacific/Auckland'],
    ['2026-09-27', 'Pacific/Auckland'],
  ])('on the DST change day %s in %s it is local midnight and maps back to the date', (date, zone) => {
    const start = startOfDay(date, zone);
    expect(wallTime(start, zone)).toBe('00:00');
    expect(localDate(start, zone)).toBe(date);
    expect(localDate(new Date(start.getTime() - 1), zone)).toBe(previousDay(date));
  });

  it('a Berlin DST day is 23 or 25 hours long', () => {
    const hours = (date: string): number => (startOfDay(nextDay(date), 'Europe/Berlin').getTime() - startOfDay(date, 'Europe/Berlin').getTime()) / 3_600_000;
    expect(hours('2026-03-29')).toBe(23);
    expect(hours('2026-10-25')).toBe(25);
    expect(hours('2026-06-15')).toBe(24);
  });

  it('every day of 2026 and 2027, in every zone, starts at its first instant', () => {
    const wrong: string[] = [];
    for (const zone of [...ZONES, ...AWKWARD_ZONES]) {
      for (let date = '2026-01-01'; date < '2028-01-01'; date = nextDay(date)) {
        const start = startOfDay(date, zone);
        if (localDate(start, zone) !== date || localDate(new Date(start.getTime() - 1), zone) !== previousDay(date)) wrong.push(`${zone} ${date} → ${start.toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 30_000);

  it('property: localDate(startOfDay(d, tz), tz) === d, and the instant before is the previous day', () => {
    fc.assert(
      fc.property(calendarDate(2000, 2100), fc.constantFrom(...ZONES, ...AWKWARD_ZONES), (date, zone) => {
        const start = startOfDay(date, zone);
        expect(localDate(start, zone)).toBe(date);
        expect(localDate(new Date(start.getTime() - 1), zone)).toBe(previousDay(date));
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('property (Berlin, the DST days of many years): the day starts at 00:00 local time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1997, max: 2100 }), fc.constantFrom(3, 10), (year, month) => {
        // The EU changes on the last Sunday of March and October.
        let day = daysIn(year, month);
        while (new Date(Date.UTC(year, month - 1, day)).getUTCDay() !== 0) day--;
        const date = iso(year, month, day);
        const start = startOfDay(date, 'Europe/Berlin');
        expect(wallTime(start, 'Europe/Berlin')).toBe('00:00');
        expect(localDate(start, 'Europe/Berlin')).toBe(date);
      }),
    );
  });

  it('where clocks jump over midnight (Santiago, Havana), the day begins where the gap ends, not the evening before', () => {
    for (const zone of ['America/Santiago', 'America/Havana', 'America/Asuncion']) {
      let gapDays = 0;
      const wrong: string[] = [];
      for (let date = '2020-01-01'; date < '2028-01-01'; date = nextDay(date)) {
        const start = startOfDay(date, zone);
        if (localDate(start, zone) !== date) wrong.push(`${zone} ${date} → ${start.toISOString()}`);
        else if (wallTime(start, zone) !== '00:00') {
          gapDays++;
          // The first minute after the gap, and the instant before it still the previous day.
          if (wallTime(start, zone) !== '01:00' || localDate(new Date(start.getTime() - 1), zone) !== previousDay(date)) wrong.push(`${zone} ${date} → ${start.toISOString()}`);
        }
      }
      expect(wrong).toEqual([]);
      // The test only means something if the zone has such days in the period.
      expect([zone, gapDays > 0]).toEqual([zone, true]);
    }
  }, 30_000);

  it('rejects text that is not a date', () => {
    expect(() => startOfDay('2026-02-1', 'UTC')).toThrow(RangeError);
  });
});

describe('dueDateOf', () => {
  it.each([
    ['2026-01-31T10:00:00Z', '2026-02-28'],
    ['2028-01-31T10:00:00Z', '2028-02-29'],
    ['2026-03-31T10:00:00Z', '2026-04-30'],
    ['2026-12-15T10:00:00Z', '2027-01-15'],
    ['2026-01-10T09:00:00Z', '2026-02-10'],
  ])('received %s (Berlin) → due %s', (receivedAt, expected) => {
    expect(dueDateOf({ receivedAt }, 'Europe/Berlin')).toBe(expected);
  });

  it.each([
    ['UTC', '2026-02-28'],
    ['Europe/Berlin', '2026-03-01'],
    ['America/New_York', '2026-02-28'],
    ['Pacific/Auckland', '2026-03-01'],
  ])('received 23:30 UTC on 31 Jan: in %s due %s (the local day of receipt counts)', (zone, expected) => {
    expect(dueDateOf({ receivedAt: '2026-01-31T23:30:00Z' }, zone)).toBe(expected);
  });

  it('adds the extension months to the month of receipt, clamped once', () => {
    const receivedAt = '2026-01-31T10:00:00Z';
    expect(dueDateOf({ receivedAt, extensionMonths: 0 }, 'Europe/Berlin')).toBe('2026-02-28');
    expect(dueDateOf({ receivedAt, extensionMonths: 1 }, 'Europe/Berlin')).toBe('2026-03-31');
    expect(dueDateOf({ receivedAt, extensionMonths: 2 }, 'Europe/Berlin')).toBe('2026-04-30');
    expect(dueDateOf({ receivedAt: '2027-11-30T10:00:00Z', extensionMonths: 2 }, 'Europe/Berlin')).toBe('2028-02-29');
  });

  it('adds paused days after the months', () => {
    const receivedAt = '2026-01-31T10:00:00Z';
    expect(dueDateOf({ receivedAt, pausedDays: 10 }, 'Europe/Berlin')).toBe('2026-03-10');
    expect(dueDateOf({ receivedAt, pausedDays: 0 }, 'Europe/Berlin')).toBe('2026-02-28');
    expect(dueDateOf({ receivedAt, extensionMonths: 2, pausedDays: 10 }, 'Europe/Berlin')).toBe('2026-05-10');
    expect(dueDateOf({ receivedAt: '2026-12-15T10:00:00Z', pausedDays: 20 }, 'Europe/Berlin')).toBe('2027-02-04');
  });
});

describe('daysLeft', () => {
  it('counts local days to the due date: positive before, 0 on it, negative after', () => {
    expect(daysLeft(new Date('2026-02-20T12:00:00Z'), '2026-02-28', 'Europe/Berlin')).toBe(8);
    expect(daysLeft(new Date('2026-02-28T12:00:00Z'), '2026-02-28', 'Europe/Berlin')).toBe(0);
    expect(daysLeft(new Date('2026-03-05T12:00:00Z'), '2026-02-28', 'Europe/Berlin')).toBe(-5);
    expect(daysLeft(new Date('2026-12-31T12:00:00Z'), '2027-01-15', 'Europe/Berlin')).toBe(15);
  });

  it('depends on the zone near midnight', () => {
    const now = new Date('2026-02-27T23:30:00Z');
    expect(daysLeft(now, '2026-02-28', 'UTC')).toBe(1);
    expect(daysLeft(now, '2026-02-28', 'Europe/Berlin')).toBe(0);
    expect(daysLeft(now, '2026-02-28', 'America/New_York')).toBe(1);
    expect(daysLeft(now, '2026-02-28', 'Pacific/Auckland')).toBe(0);
  });

  it('is whole days across a DST change (no 23/25-hour rounding slip)', () => {
    expect(daysLeft(new Date('2026-03-28T12:00:00Z'), '2026-03-30', 'Europe/Berlin')).toBe(2);
    expect(daysLeft(new Date('2026-10-24T12:00:00Z'), '2026-10-26', 'Europe/Berlin')).toBe(2);
  });
});

describe('reminders', () => {
  it.each<[number, Reminder | undefined]>([
    [30, undefined],
    [8, undefined],
    [7, 'dueIn7Days'],
    [5, 'dueIn7Days'],
    [2, 'dueIn7Days'],
    [1, 'dueIn1Day'],
    [0, 'dueToday'],
    [-1, 'dueToday'],
    [-5, 'dueToday'],
  ])('reminderDue(%i) is %s', (left, expected) => {
    expect(reminderDue(left)).toBe(expected);
  });

  it('property: fewer days left never means a less urgent reminder', () => {
    const urgency = (reminder: Reminder | undefined): number => (reminder === undefined ? -1 : REMINDERS.indexOf(reminder));
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 60 }), fc.integer({ min: 0, max: 60 }), (left, fewer) => {
        expect(urgency(reminderDue(left - fewer))).toBeGreaterThanOrEqual(urgency(reminderDue(left)));
      }),
    );
  });

  it.each<[Reminder, Reminder[]]>([
    ['dueIn7Days', []],
    ['dueIn1Day', ['dueIn7Days']],
    ['dueToday', ['dueIn7Days', 'dueIn1Day']],
  ])('remindersBefore(%s) is %j', (reminder, expected) => {
    expect(remindersBefore(reminder)).toEqual(expected);
  });

  it('lists the reminders from least to most urgent', () => {
    expect(REMINDERS).toEqual(['dueIn7Days', 'dueIn1Day', 'dueToday']);
  });
});
