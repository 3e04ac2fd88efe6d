import { describe, expect, it } from 'vitest';
import {
  ZExceptions,
  ZWeeklyHours,
  instantOf,
  isOpenAt,
  nextChange,
  parseDayHours,
  type HoursException,
  type WeeklyHours,
} from '@/server/shared/opening-hours';

// A station open Mon–Fri 08:00–12:00 and 14:00–20:00, Saturday 09:00–17:00, closed Sunday.
const WEEK: WeeklyHours = {
  '1': [
    ['08:00', '12:00'],
    ['14:00', '20:00'],
  ],
  '2': [
    ['08:00', '12:00'],
    ['14:00', '20:00'],
  ],
  '3': [
    ['08:00', '12:00'],
    ['14:00', '20:00'],
  ],
  '4': [
    ['08:00', '12:00'],
    ['14:00', '20:00'],
  ],
  '5': [
    ['08:00', '12:00'],
    ['14:00', '20:00'],
  ],
  '6': [['09:00', '17:00']],
  '7': [],
};
const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('isOpenAt', () => {
  it('reads the instant in the company zone: 2026-12-07 01:00Z is Monday 09:00 in Shanghai (open) but Monday 01:00 in UTC (closed)', () => {
    expect(isOpenAt(WEEK, [], at('2026-12-07T01:00:00Z'), SH)).toBe(true);
    expect(isOpenAt(WEEK, [], at('2026-12-07T01:00:00Z'), 'UTC')).toBe(false);
  });
  it('across midnight: Sunday 23:30 UTC is already Monday 07:30 in Shanghai (closed, opens 08:00 local)', () => {
    const i = at('2026-12-06T23:30:00Z');
    expect(isOpenAt(WEEK, [], i, SH)).toBe(false);
    expect(nextChange(WEEK, [], i, SH)).toEqual({ open: false, at: at('2026-12-07T00:00:00Z') });
    // in UTC the same instant is Sunday night: next opening Monday 08:00 UTC
    expect(nextChange(WEEK, [], i, 'UTC')).toEqual({ open: false, at: at('2026-12-07T08:00:00Z') });
  });
  it('open at the start minute, closed at the end minute, closed in the lunch break', () => {
    expect(isOpenAt(WEEK, [], at('2026-12-07T00:00:00Z'), SH)).toBe(true); // 08:00
    expect(isOpenAt(WEEK, [], at('2026-12-07T04:00:00Z'), SH)).toBe(false); // 12:00
    expect(isOpenAt(WEEK, [], at('2026-12-07T05:00:00Z'), SH)).toBe(false); // 13:00
    expect(isOpenAt(WEEK, [], at('2026-12-07T11:59:00Z'), SH)).toBe(true); // 19:59
  });
  it('a holiday exception closes a normal day', () => {
    const ex: HoursException[] = [{ date: '2026-10-01', hours: [] }]; // a Thursday
    const noon10 = at('2026-10-01T02:00:00Z'); // 10:00 local
    expect(isOpenAt(WEEK, [], noon10, SH)).toBe(true);
    expect(isOpenAt(WEEK, ex, noon10, SH)).toBe(false);
    // next opening: Friday 08:00 local
    expect(nextChange(WEEK, ex, noon10, SH)).toEqual({ open: false, at: at('2026-10-02T00:00:00Z') });
  });
  it('an exception opens a normally closed day (a Sunday)', () => {
    const ex: HoursException[] = [{ date: '2026-12-06', hours: [['10:00', '16:00']] }];
    const sun11 = at('2026-12-06T03:00:00Z');
    expect(isOpenAt(WEEK, [], sun11, SH)).toBe(false);
    expect(isOpenAt(WEEK, ex, sun11, SH)).toBe(true);
    expect(nextChange(WEEK, ex, sun11, SH)).toEqual({ open: true, at: at('2026-12-06T08:00:00Z') });
  });
  it('different hours on an exception replace the weekday entirely', () => {
    const ex: HoursException[] = [{ date: '2026-12-07', hours: [['13:00', '15:00']] }];
    expect(isOpenAt(WEEK, ex, at('2026-12-07T01:00:00Z'), SH)).toBe(false); // 09:00: the morning is gone
    expect(isOpenAt(WEEK, ex, at('2026-12-07T05:30:00Z'), SH)).toBe(true); // 13:30: normally the lunch break
    expect(isOpenAt(WEEK, ex, at('2026-12-07T07:00:00Z'), SH)).toBe(false); // 15:00
  });
  it('closes at the last interval and reopens the next working day', () => {
    const fri19 = at('2026-12-11T11:00:00Z'); // Friday 19:00 local
    expect(nextChange(WEEK, [], fri19, SH)).toEqual({ open: true, at: at('2026-12-11T12:00:00Z') });
    const fri21 = at('2026-12-11T13:00:00Z');
    expect(nextChange(WEEK, [], fri21, SH)).toEqual({ open: false, at: at('2026-12-12T01:00:00Z') }); // Saturday 09:00
    const sat18 = at('2026-12-12T10:00:00Z');
    expect(nextChange(WEEK, [], sat18, SH)).toEqual({ open: false, at: at('2026-12-14T00:00:00Z') }); // Monday 08:00
  });
  it('adjacent intervals and a day ending 24:00 followed by 00:00 count as one opening', () => {
    const late: WeeklyHours = { '5': [['18:00', '24:00']], '6': [['00:00', '02:00']] };
    const fri23 = at('2026-12-11T15:00:00Z'); // Friday 23:00 local
    expect(isOpenAt(late, [], fri23, SH)).toBe(true);
    expect(nextChange(late, [], fri23, SH)).toEqual({ open: true, at: at('2026-12-11T18:00:00Z') }); // Saturday 02:00 local
  });
  it('nothing within the look-ahead: no next change', () => {
    expect(nextChange({}, [], at('2026-12-07T00:00:00Z'), SH)).toEqual({ open: false, at: null });
  });
});

describe('DST zone (America/New_York)', () => {
  const NY = 'America/New_York';
  const daily: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['08:00', '20:00']]]));
  it('08:00 local is 13:00Z in winter and 12:00Z in summer', () => {
    expect(isOpenAt(daily, [], at('2026-01-15T13:00:00Z'), NY)).toBe(true);
    expect(isOpenAt(daily, [], at('2026-01-15T12:30:00Z'), NY)).toBe(false);
    expect(isOpenAt(daily, [], at('2026-07-15T12:00:00Z'), NY)).toBe(true);
    expect(isOpenAt(daily, [], at('2026-07-15T11:30:00Z'), NY)).toBe(false);
  });
  it('the night the clocks go forward (2026-03-08) the next opening is 08:00 EDT = 12:00Z', () => {
    expect(nextChange(daily, [], at('2026-03-08T04:00:00Z'), NY)).toEqual({ open: false, at: at('2026-03-08T12:00:00Z') });
  });
  it('the night the clocks go back (2026-11-01) the next opening is 08:00 EST = 13:00Z', () => {
    expect(nextChange(daily, [], at('2026-11-01T05:00:00Z'), NY)).toEqual({ open: false, at: at('2026-11-01T13:00:00Z') });
  });
  it('a local time in the spring gap resolves to the first instant after it', () => {
    expect(instantOf('2026-03-08', 150, NY)).toEqual(at('2026-03-08T07:00:00Z')); // 02:30 does not exist → 03:00 EDT
  });
});

describe('schedule validation', () => {
  it('takes a valid week, sorts intervals, fills missing days', () => {
    const r = ZWeeklyHours.parse({
      '1': [
        ['14:00', '20:00'],
        ['08:00', '12:00'],
      ],
    });
    expect(r['1']).toEqual([
      ['08:00', '12:00'],
      ['14:00', '20:00'],
    ]);
    expect(r['7']).toEqual([]);
  });
  it.each([
    [{ '1': [['8:00', '12:00']] }, 'hoursTimeFormat'],
    [{ '1': [['12:00', '08:00']] }, 'hoursIntervalOrder'],
    [{ '1': [['24:30', '25:00']] }, 'hoursTimeFormat'],
    [
      {
        '1': [
          ['08:00', '12:00'],
          ['11:00', '13:00'],
        ],
      },
      'hoursOverlap',
    ],
  ])('refuses %j with %s', (week, key) => {
    const r = ZWeeklyHours.safeParse(week);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain(key);
  });
  it('refuses an unknown weekday and a date given twice', () => {
    expect(ZWeeklyHours.safeParse({ '8': [] }).success).toBe(false);
    const r = ZExceptions.safeParse([
      { date: '2026-10-01', hours: [] },
      { date: '2026-10-01', hours: [['09:00', '10:00']] },
    ]);
    expect(r.error?.issues[0]?.message).toContain('hoursExceptionTwice');
    expect(ZExceptions.safeParse([{ date: '2026-02-30', hours: [] }]).success).toBe(false);
  });
  it('reads typed hours', () => {
    expect(parseDayHours('8:00-12:00，14:00～20:00')).toEqual([
      ['08:00', '12:00'],
      ['14:00', '20:00'],
    ]);
    expect(parseDayHours('')).toEqual([]);
    expect(parseDayHours('nonsense')).toBeNull();
  });
});
