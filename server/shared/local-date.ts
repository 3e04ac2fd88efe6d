// Local calendar dates in a company's time zone ("days overdue", business days, periods).

/** The local date 'YYYY-MM-DD' in `timeZone` at instant `at`. */
export function localDate(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The local period 'YYYY-MM' in `timeZone` at instant `at`. */
export const localPeriod = (timeZone: string, at: Date = new Date()) => localDate(timeZone, at).slice(0, 7);

/** A 'YYYY-MM-DD' local date as the Date Prisma stores in a `@db.Date` column (UTC midnight). */
export const dateColumn = (ymd: string) => new Date(`${ymd}T00:00:00.000Z`);

/** A `@db.Date` value back to 'YYYY-MM-DD'. */
export const fromDateColumn = (d: Date) => d.toISOString().slice(0, 10);
