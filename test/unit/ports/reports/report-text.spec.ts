import { showDay, showTime, showValue } from '../../../../src/ports/reports/report-text';

describe('times and values as the report’s reader reads them', () => {
  it('shows an instant in the organisation’s time zone, in German and in English', () => {
    expect(showTime('2026-11-30T08:15:00Z', 'de', 'Europe/Berlin')).toBe('30. November 2026 um 09:15');
    expect(showTime('2026-11-30T08:15:00Z', 'en', 'Europe/Berlin')).toBe('30 November 2026 at 09:15');
    // Summer time.
    expect(showTime('2026-06-02T21:00:00.000Z', 'de', 'Europe/Berlin')).toBe('2. Juni 2026 um 23:00');
    expect(showDay('2026-12-05T23:30:00Z', 'de', 'Europe/Berlin')).toBe('6. Dezember 2026');
  });

  it('shows a stored ISO date and time as a time, and every other value as stored', () => {
    expect(showValue('2026-06-02T21:00:00.000Z', 'de', 'Europe/Berlin')).toBe('2. Juni 2026 um 23:00');
    expect(showValue('2026-06-02 21:00:00+00', 'en', 'Europe/Berlin')).toBe('2 June 2026 at 23:00');
    expect(showValue('2026-06-02T23:00+02:00', 'en', 'Europe/Berlin')).toBe('2 June 2026 at 23:00');
    for (const value of ['+49 30 12345678', '2026-06-02', '23:00', '765', 'Meeting 2026-06-02T21:00:00Z', '2026-13-45T99:99:00Z']) expect(showValue(value, 'de', 'Europe/Berlin')).toBe(value);
  });
});
