import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsToDay,
  addMonthsToMonth,
  clampToRange,
  dayName,
  endOfWeek,
  firstDayOfWeek,
  inRange,
  isCanonical,
  monthGrid,
  monthNames,
  monthTitle,
  parseDateText,
  startOfWeek,
  weekdayNames,
  yearTitle,
} from '@/server/shared/date-input';

// #17 point 8: the app's own date field (components/ui/date-input.tsx) — what typed text means,
// when a controlled field may pass a value on, and the calendar's pages in the UI's language.

describe('parseDateText: a day', () => {
  it.each([
    ['2026-12-05', '2026-12-05'],
    ['2026-12-5', '2026-12-05'],
    ['2026/12/5', '2026-12-05'],
    ['2026.1.9', '2026-01-09'],
    ['2026 12 05', '2026-12-05'],
    ['2026年12月5日', '2026-12-05'],
    ['2026 年 12 月 5 日', '2026-12-05'],
    ['2026年12月5号', '2026-12-05'],
    ['2026年12月5', '2026-12-05'],
    ['20261205', '2026-12-05'],
    ['２０２６／１２／０５', '2026-12-05'], // full-width, as a Chinese IME may type
    ['  2026-12-05  ', '2026-12-05'],
    ['2028-02-29', '2028-02-29'],
  ])('%j → %s', (text, iso) => expect(parseDateText(text, 'date')).toBe(iso));

  it('an empty field is the empty value', () => {
    expect(parseDateText('', 'date')).toBe('');
    expect(parseDateText('   ', 'date')).toBe('');
  });

  it.each([
    '2026-12', // a month, not a day
    '2026-13-01',
    '2026-02-29', // not a leap year
    '2026-04-31',
    '2026-12-00',
    '12/05/2026', // month or day first? refused rather than guessed
    '05.12.2026',
    '2026-12/05', // mixed separators
    '0999-01-01',
    '2026-12-05x',
    'tomorrow',
    '2026年13月1日',
  ])('%j is no day', (text) => expect(parseDateText(text, 'date')).toBeNull());
});

describe('parseDateText: a month', () => {
  it.each([
    ['2026-12', '2026-12'],
    ['2026-1', '2026-01'],
    ['2026/3', '2026-03'],
    ['2026.03', '2026-03'],
    ['2026年3月', '2026-03'],
    ['2026年3', '2026-03'],
    ['202603', '2026-03'],
  ])('%j → %s', (text, iso) => expect(parseDateText(text, 'month')).toBe(iso));

  it.each(['2026-13', '2026-00', '2026-12-05', '03/2026', '2026', '26-03'])('%j is no month', (text) => expect(parseDateText(text, 'month')).toBeNull());
});

describe('isCanonical: only a complete ISO value is passed on while typing', () => {
  it('a day', () => {
    expect(isCanonical('2026-12-15', 'date')).toBe(true);
    for (const partial of ['2', '2026', '2026-1', '2026-12', '2026-12-1', '2026/12/15', '20261215', '2026-02-30'])
      expect(isCanonical(partial, 'date')).toBe(false);
  });
  it('a month', () => {
    expect(isCanonical('2026-01', 'month')).toBe(true);
    for (const partial of ['2026-1', '2026-', '2026-13', '2026-01-01', '202601']) expect(isCanonical(partial, 'month')).toBe(false);
  });
});

describe('calendar arithmetic', () => {
  it('days and months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonthsToDay('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDay('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonthsToDay('2026-12-05', 1)).toBe('2027-01-05');
    expect(addMonthsToDay('2026-12-05', -12)).toBe('2025-12-05');
    expect(addMonthsToMonth('2026-11', 3)).toBe('2027-02');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
  });

  it('weeks start on the given day', () => {
    // 2026-12-05 is a Saturday.
    expect(startOfWeek('2026-12-05', 1)).toBe('2026-11-30');
    expect(endOfWeek('2026-12-05', 1)).toBe('2026-12-06');
    expect(startOfWeek('2026-12-05', 0)).toBe('2026-11-29');
    expect(endOfWeek('2026-12-05', 0)).toBe('2026-12-05');
  });

  it('a month page: weeks of seven, blanks outside the month, every day once', () => {
    // December 2026 begins on a Tuesday.
    const monday = monthGrid('2026-12', 1);
    expect(monday[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(monday.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(monday).toHaveLength(5);
    const sunday = monthGrid('2026-12', 0);
    expect(sunday[0]).toEqual([null, null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    for (const grid of [monday, sunday, monthGrid('2028-02', 1), monthGrid('2026-02', 0)]) {
      expect(grid.every((w) => w.length === 7)).toBe(true);
    }
    expect(monthGrid('2028-02', 1).flat().filter(Boolean)).toHaveLength(29);
    // February 2026 begins on a Sunday: exactly four weeks when weeks start on Sunday.
    expect(monthGrid('2026-02', 0)).toHaveLength(4);
    expect(monthGrid('2026-02', 1)).toHaveLength(5);
  });

  it('min and max', () => {
    expect(inRange('2026-12-05', '2026-12-01', '2026-12-31')).toBe(true);
    expect(inRange('2026-11-30', '2026-12-01', '2026-12-31')).toBe(false);
    expect(inRange('2027-01-01', undefined, '2026-12-31')).toBe(false);
    expect(inRange('2027-01-01', '', '')).toBe(true);
    expect(clampToRange('2027-01-01', '2026-12-01', '2026-12-31')).toBe('2026-12-31');
    expect(clampToRange('2026-01-01', '2026-12-01')).toBe('2026-12-01');
    expect(clampToRange('2026-12-10', '2026-12-01', '2026-12-31')).toBe('2026-12-10');
  });
});

describe('names in the UI language', () => {
  it('Chinese: weeks from Monday, 周一 … 周日, 2026年12月', () => {
    expect(firstDayOfWeek('zh-CN')).toBe(1);
    const names = weekdayNames('zh-CN', firstDayOfWeek('zh-CN'));
    expect(names.map((n) => n.short)).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日']);
    expect(names[0]?.long).toBe('星期一');
    expect(monthTitle('zh-CN', '2026-12')).toBe('2026年12月');
    expect(yearTitle('zh-CN', 2026)).toBe('2026年');
    expect(dayName('zh-CN', '2026-12-05')).toBe('2026年12月5日星期六');
    expect(monthNames('zh-CN')[0]).toBe('1月');
    expect(monthNames('zh-CN')).toHaveLength(12);
  });

  it('English: weeks from Sunday, Sun … Sat, December 2026', () => {
    expect(firstDayOfWeek('en')).toBe(0);
    expect(weekdayNames('en', firstDayOfWeek('en')).map((n) => n.short)).toEqual(['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']);
    expect(monthTitle('en', '2026-12')).toBe('December 2026');
    expect(yearTitle('en', 2026)).toBe('2026');
    expect(dayName('en', '2026-12-05')).toBe('Saturday, December 5, 2026');
    expect(monthNames('en')[11]).toBe('Dec');
  });
});
