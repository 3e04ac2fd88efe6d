// The date field's pure part (components/ui/date-input.tsx): what a typed text means, and the
// calendar it shows. Values are the ISO strings the server's schemas take — a day 'YYYY-MM-DD',
// a month 'YYYY-MM' — whatever the UI language; names of months and weekdays come from
// Intl.DateTimeFormat in the UI's locale (never the browser's). Calendar arithmetic uses
// Date.UTC as a proleptic day counter, so no time zone is consulted.

export type DateKind = 'date' | 'month';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Days in `month` (1–12) of `year`. */
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The ISO value of year/month(/day), or null when it is no such day or month (years 1000–9999, as the server's periods). */
function iso(kind: DateKind, year: number, month: number, day?: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12) return null;
  if (kind === 'month') return `${year}-${pad(month)}`;
  if (day === undefined || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const CANONICAL: Record<DateKind, RegExp> = { date: /^(\d{4})-(\d{2})-(\d{2})$/, month: /^(\d{4})-(\d{2})$/ };

/**
 * True for a complete, valid ISO value ('2026-12-05', '2026-12'), the only typed text a
 * controlled field passes on at once: it cannot be the start of another value, so a filter never
 * queries a half-typed date ('2026-12-1' on the way to '2026-12-15').
 */
export function isCanonical(text: string, kind: DateKind): boolean {
  const m = CANONICAL[kind].exec(text);
  return !!m && iso(kind, Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])) === text;
}

// Year first only: '12/05/2026' means December in one country and May in another, so it is refused.
const DATE_FORMS = [
  /^(?<y>\d{4})(?<sep>[-/. ])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/, // 2026-12-5, 2026/12/5, 2026.12.05, 2026 12 5
  /^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*[日号]?$/, // 2026年12月5日
  /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/, // 20261205 (a phone's numeric keypad has no '-')
];
const MONTH_FORMS = [
  /^(?<y>\d{4})[-/. ](?<m>\d{1,2})$/, // 2026-12, 2026/1
  /^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*(?:月份?)?$/, // 2026年12月
  /^(?<y>\d{4})(?<m>\d{2})$/, // 202612
];

/**
 * What a typed text means: '' for an empty field, the ISO value for a day or month written year
 * first (full-width digits and separators too), null for anything else.
 */
export function parseDateText(text: string, kind: DateKind): string | null {
  const s = text.normalize('NFKC').trim();
  if (!s) return '';
  for (const re of kind === 'date' ? DATE_FORMS : MONTH_FORMS) {
    const g = re.exec(s)?.groups;
    if (g) return iso(kind, Number(g.y), Number(g.m), g.d === undefined ? undefined : Number(g.d));
  }
  return null;
}

/** An ISO day's or month's numbers (a month's day is 1). */
function parts(v: string): [number, number, number] {
  const [y = NaN, m = 1, d = 1] = v.split('-').map(Number);
  return [y, m, d];
}

/** The day `n` days after `day` (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The same day `n` months later, or that month's last day when it is shorter ('2026-01-31' + 1 → '2026-02-28'). */
export function addMonthsToDay(day: string, n: number): string {
  const [y, m, d] = parts(day);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const ny = first.getUTCFullYear();
  const nm = first.getUTCMonth() + 1;
  return `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, daysInMonth(ny, nm)))}`;
}

/** The month `n` months after `month` ('YYYY-MM'). */
export function addMonthsToMonth(month: string, n: number): string {
  return addMonthsToDay(`${month}-01`, n).slice(0, 7);
}

/** Day of the week of an ISO day: 0 Sunday … 6 Saturday. */
export const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The first day of the week holding `day`, weeks starting on `firstDay` (0 Sunday … 6 Saturday). */
export const startOfWeek = (day: string, firstDay: number) => addDays(day, -((weekday(day) - firstDay + 7) % 7));

/** The last day of the week holding `day`. */
export const endOfWeek = (day: string, firstDay: number) => addDays(startOfWeek(day, firstDay), 6);

/**
 * The weeks of `month` ('YYYY-MM') as rows of seven cells starting on `firstDay`, each the ISO
 * day or null for a cell outside the month.
 */
export function monthGrid(month: string, firstDay: number): (string | null)[][] {
  const [y, m] = parts(month);
  const lead = (weekday(`${month}-01`) - firstDay + 7) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= daysInMonth(y, m); d++) cells.push(`${month}-${pad(d)}`);
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** Whether `value` lies within min/max (ISO values of the same kind compare as strings; a bound may be absent or ''). */
export function inRange(value: string, min?: string, max?: string): boolean {
  return !(min && value < min) && !(max && value > max);
}

/** `value` moved into min/max. */
export function clampToRange(value: string, min?: string, max?: string): string {
  if (min && value < min) return min;
  if (max && value > max) return max;
  return value;
}

/**
 * The first day of the week in `locale` (0 Sunday … 6 Saturday): Monday in China, Sunday in
 * (American) English, from the locale's own week data where the engine has it (Monday, the ISO
 * week, otherwise).
 */
export function firstDayOfWeek(locale: string): number {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info) return info.firstDay % 7;
  } catch {
    // an engine without Intl.Locale: the ISO week
  }
  return 1;
}

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** The title of a month's page: '2026年12月', 'December 2026'. */
export const monthTitle = (locale: string, month: string) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(utc(`${month}-01`));

/** The title of a year's page of months: '2026年', '2026'. */
export const yearTitle = (locale: string, year: number) =>
  new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(utc(`${pad(year, 4)}-01-01`));

/** The weekdays in column order from `firstDay`: short ('周一', 'Mon') and long ('星期一', 'Monday') names. */
export function weekdayNames(locale: string, firstDay: number): { short: string; long: string }[] {
  const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = utc(addDays('2023-01-01', (firstDay + i) % 7));
    return { short: short.format(d), long: long.format(d) };
  });
}

/** A day's full name for its button: '2026年12月5日星期六', 'Saturday, December 5, 2026'. */
export const dayName = (locale: string, day: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(utc(day));

/** The short names of the twelve months: '1月' … '12月', 'Jan' … 'Dec'. */
export function monthNames(locale: string): string[] {
  const short = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => short.format(utc(`2023-${pad(i + 1)}-01`)));
}
