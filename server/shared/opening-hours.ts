import { z } from 'zod';
import { keyMessage } from './error-key';
import { addDays, localDateToDayNumber } from './calendar';

// A station's opening hours: a weekly schedule per ISO weekday (1 = Monday … 7 = Sunday), each
// day several intervals "HH:MM"–"HH:MM" (end "24:00" = midnight), plus exceptions by date (a
// holiday closed, or other hours that day) which replace that day's weekday entirely. All in the
// company's time zone; a day's intervals never cross midnight (open late = "20:00–24:00" and the
// next day "00:00–02:00"). Pure: the station forms and pages use it as the server does.

export type Interval = [string, string];
export type Weekday = '1' | '2' | '3' | '4' | '5' | '6' | '7';
export const WEEKDAYS: readonly Weekday[] = ['1', '2', '3', '4', '5', '6', '7'];
export type WeeklyHours = Partial<Record<Weekday, Interval[]>>;
export interface HoursException {
  /** local date YYYY-MM-DD */
  date: string;
  /** empty: closed that day */
  hours: Interval[];
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
/** "HH:MM" → minutes after midnight. */
export const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
export const MAX_INTERVALS = 6;
export const MAX_EXCEPTIONS = 366;

const ZTime = z.string().trim().regex(TIME, keyMessage('hoursTimeFormat'));
const ZInterval = z.tuple([ZTime, ZTime]).refine(([a, b]) => minutesOf(a) < minutesOf(b), keyMessage('hoursIntervalOrder'));
/** A day's intervals: each start before its end, not overlapping, sorted on the way in. */
export const ZDayHours = z
  .array(ZInterval)
  .max(MAX_INTERVALS, keyMessage('hoursTooMany', { max: MAX_INTERVALS }))
  .transform((a) => [...a].sort((x, y) => minutesOf(x[0]) - minutesOf(y[0])) as Interval[])
  .refine((a) => a.every((iv, i) => i === 0 || minutesOf(a[i - 1]![1]) <= minutesOf(iv[0])), keyMessage('hoursOverlap'));

export const ZWeeklyHours = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZDayHours.default([])])) as Record<Weekday, z.ZodDefault<typeof ZDayHours>>)
  .strict();

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => {
  if (!DATE.test(s)) return false;
  try {
    return addDays(s, 0) === s && localDateToDayNumber(s) >= localDateToDayNumber('2000-01-01') && s <= '2100-12-31';
  } catch {
    return false;
  }
};
export const ZHoursException = z.object({ date: z.string().trim().refine(validDate, keyMessage('dateFormat')), hours: ZDayHours });
export const ZExceptions = z
  .array(ZHoursException)
  .max(MAX_EXCEPTIONS, keyMessage('tooMany', { max: MAX_EXCEPTIONS }))
  .refine((a) => new Set(a.map((e) => e.date)).size === a.length, keyMessage('hoursExceptionTwice'))
  .transform((a) => [...a].sort((x, y) => (x.date < y.date ? -1 : 1)));

// ── local time ────────────────────────────────────────────────────────────────
const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, f);
  }
  return f;
}

/** The local date, ISO weekday and minute of the day of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): { date: string; weekday: Weekday; minutes: number } {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  const date = `${p.year}-${p.month}-${p.day}`;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return { date, weekday: String(dow === 0 ? 7 : dow) as Weekday, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** The UTC offset (ms) of a zone at an instant. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant of a local date and minute of the day in a zone. A time skipped by a DST jump
 * is taken as the first instant after it; a repeated one as its first occurrence.
 */
export function instantOf(date: string, minutes: number, timeZone: string): Date {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const t1 = naive - offsetMs(new Date(naive), timeZone);
  const t2 = naive - offsetMs(new Date(t1), timeZone);
  const key = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return `${p.date} ${String(p.minutes).padStart(4, '0')}`;
  };
  const want = `${date} ${String(minutes).padStart(4, '0')}`;
  if (key(t2) === want) return new Date(t2);
  if (key(t1) === want) return new Date(t1);
  // in a DST gap: the first minute whose local time is past the wanted one
  let lo = Math.min(t1, t2) - 3 * 3_600_000;
  let hi = Math.max(t1, t2) + 3 * 3_600_000;
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
    if (key(mid) >= want) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

// ── open or closed ───────────────────────────────────────────────────────────────
const dowOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return String(d === 0 ? 7 : d) as Weekday;
};

/** The intervals of a local date: its exception's if it has one, else its weekday's. */
export function hoursOn(date: string, hours: WeeklyHours, exceptions: readonly HoursException[]): Interval[] {
  const ex = exceptions.find((e) => e.date === date);
  return ex ? ex.hours : (hours[dowOf(date)] ?? []);
}

export function isOpenAt(hours: WeeklyHours, exceptions: readonly HoursException[], instant: Date, timeZone: string): boolean {
  const { date, minutes } = localParts(instant, timeZone);
  return hoursOn(date, hours, exceptions).some(([a, b]) => minutesOf(a) <= minutes && minutes < minutesOf(b));
}

/** How far ahead nextChange looks (a station closed longer has no next change). */
export const LOOKAHEAD_DAYS = 60;

/**
 * Whether it is open at `instant`, and when that next changes: the closing instant when open,
 * the next opening when closed (null when nothing changes within LOOKAHEAD_DAYS). Adjacent
 * intervals ("08:00–12:00", "12:00–14:00", or a day ending 24:00 and the next starting 00:00)
 * count as one opening.
 */
export function nextChange(hours: WeeklyHours, exceptions: readonly HoursException[], instant: Date, timeZone: string): { open: boolean; at: Date | null } {
  const open = isOpenAt(hours, exceptions, instant, timeZone);
  const start = localParts(instant, timeZone);
  // the boundaries of open stretches as local (date, minute) pairs, in order
  for (let d = 0; d <= LOOKAHEAD_DAYS; d++) {
    const date = addDays(start.date, d);
    for (const [a, b] of hoursOn(date, hours, exceptions)) {
      for (const edge of [minutesOf(a), minutesOf(b)]) {
        if (d === 0 && edge <= start.minutes) continue;
        const at = edge === 1440 ? instantOf(addDays(date, 1), 0, timeZone) : instantOf(date, edge, timeZone);
        if (at.getTime() <= instant.getTime()) continue;
        const before = isOpenAt(hours, exceptions, new Date(at.getTime() - 1), timeZone);
        const after = isOpenAt(hours, exceptions, at, timeZone);
        if (before !== after && after !== open) return { open, at };
      }
    }
  }
  return { open, at: null };
}

/** "08:00–12:00, 14:00–20:00" for a day's intervals. */
export const formatDayHours = (intervals: readonly Interval[]) => intervals.map(([a, b]) => `${a}–${b}`).join(', ');

/**
 * A typed day "08:00-12:00, 14:00–20:00" (also "8:00~12:00", "，", full-width colons) → intervals.
 * Returns null when it cannot read it; an empty text is an empty day (closed).
 */
export function parseDayHours(text: string): Interval[] | null {
  const s = text
    .replace(/：/g, ':')
    .replace(/[，、;；]/g, ',')
    .trim();
  if (s === '') return [];
  const out: Interval[] = [];
  for (const part of s.split(',')) {
    const m = /^\s*(\d{1,2}):(\d{2})\s*[-–—~～至到]\s*(\d{1,2}):(\d{2})\s*$/.exec(part);
    if (!m) return null;
    out.push([`${m[1]!.padStart(2, '0')}:${m[2]}`, `${m[3]!.padStart(2, '0')}:${m[4]}`]);
  }
  return out;
}
