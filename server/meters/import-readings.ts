import 'server-only';
import { z } from 'zod';
import { DATE_BOUNDS_MESSAGE, PERIOD_BOUNDS_MESSAGE, periodInBounds, zName, zText } from '../shared/validation';
import type { Scope } from '../db/scope';
import { AppError, issueMessageOf } from '../errors';
import { keyedReason, keyMessage } from '../shared/error-key';
import { MAX_PROBLEMS, readCsvRecords, type ImportProblem } from '../uploads/csv-table';
import { recordAudit } from '../tenancy/audit';
import { isUniqueViolation } from '../billing/common';
import { checkReading } from './meters';
import { localDateToDayNumber, parsePeriod } from '../shared/calendar';
import { parseReading } from '../shared/tiers';

// Meter readings CSV import, like the units import: all or nothing. Every row is checked first
// (its unit, fee item, period, reading against the meter's previous one or the file's earlier
// row for that meter); a file with any bad row writes nothing and returns every problem with its
// line and column. A good file is written with a few set-based statements and audited once.
// A unit without a meter for the item gets one (the file is the meter register's source).

export const READINGS_MAX_ROWS = 50_000;

export const READING_COLUMNS = {
  community: ['community', '小区'],
  building: ['building', '楼栋'],
  entrance: ['entrance', '单元'],
  number: ['unit', 'number', 'unit number', '房号'],
  feeItem: ['fee item', 'fee_item', 'item', '收费项目', '项目'],
  period: ['period', '账期', '期间', '月份'],
  reading: ['reading', '读数', '本期读数'],
  readOn: ['read date', 'read_date', 'read on', 'readon', 'date', '抄表日期', '日期'],
  oldFinal: ['replacement old final', 'old final', 'old_final', '旧表止码'],
  newStart: ['replacement new start', 'new start', 'new_start', '新表起码'],
} as const;
type Column = keyof typeof READING_COLUMNS;
const REQUIRED: Column[] = ['community', 'building', 'number', 'feeItem', 'period', 'reading', 'readOn'];

const checked =
  <T>(parse: (s: string) => T) =>
  (s: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: issueMessageOf(e) });
      return z.NEVER;
    }
  };
const optionalReading = z
  .string()
  .trim()
  .default('')
  .transform((s, ctx) => (s === '' ? null : checked((v) => parseReading(v))(s, ctx)));

const ZRow = z
  .object({
    community: zName({ max: 100, required: 'importRequired' }),
    building: zName({ max: 50, required: 'importRequired' }),
    entrance: zText({ max: 20 }).default(''),
    number: zName({ max: 20, required: 'importRequired' }),
    feeItem: zName({ max: 100, required: 'importRequired' }),
    period: z
      .string()
      .trim()
      .transform(checked((s) => (parsePeriod(s), s)))
      .refine(periodInBounds, PERIOD_BOUNDS_MESSAGE),
    reading: z
      .string()
      .trim()
      .transform(checked((s) => parseReading(s))),
    readOn: z
      .string()
      .trim()
      .transform(checked((s) => (localDateToDayNumber(s), s)))
      .refine(periodInBounds, DATE_BOUNDS_MESSAGE),
    oldFinal: optionalReading,
    newStart: optionalReading,
  })
  .superRefine((r, ctx) => {
    if ((r.oldFinal === null) !== (r.newStart === null)) {
      ctx.addIssue({ code: 'custom', path: [r.oldFinal === null ? 'oldFinal' : 'newStart'], message: keyMessage('replacementNeedsBoth') });
    }
  });
type Row = z.output<typeof ZRow> & { line: number };

export type { ImportProblem };
export type ReadingsImportResult =
  { ok: false; rows: number; problems: ImportProblem[] } | { ok: true; rows: number; readingsCreated: number; metersCreated: number };

export function parseReadingsCsv(csv: string): { rows: Row[]; problems: ImportProblem[] } {
  const { rows, problems } = readCsvRecords(csv, { columns: READING_COLUMNS, required: REQUIRED, maxRows: READINGS_MAX_ROWS, schema: ZRow });
  return { rows, problems: problems.slice(0, MAX_PROBLEMS) };
}

export async function importReadings({ db, tenantId, actorId }: Scope, input: { csv: string; fileName?: string | undefined }): Promise<ReadingsImportResult> {
  const { rows, problems } = parseReadingsCsv(input.csv);
  const fail = () => ({ ok: false as const, rows: rows.length, problems: problems.slice(0, MAX_PROBLEMS) });
  if (problems.length) return fail();

  // Units by (community, building, entrance, number) and metered items by name, in two queries.
  const keys = [...new Map(rows.map((r) => [[r.community, r.building, r.entrance, r.number].join('\u0000'), r])).values()];
  const found = await db.$queryRaw<{ c: string; b: string; e: string; n: string; unit_id: string | null }[]>`
    select t.c, t.b, t.e, t.n, u."id" as unit_id
    from unnest(${keys.map((r) => r.community)}::text[], ${keys.map((r) => r.building)}::text[],
                ${keys.map((r) => r.entrance)}::text[], ${keys.map((r) => r.number)}::text[]) as t(c, b, e, n)
    left join "Community" co on co."tenantId" = ${tenantId} and co."name" = t.c and co."archivedAt" is null
    left join "Building" bu on bu."tenantId" = ${tenantId} and bu."communityId" = co."id" and bu."name" = t.b
    left join "Unit" u on u."tenantId" = ${tenantId} and u."buildingId" = bu."id" and u."entrance" = t.e and u."number" = t.n and u."archivedAt" is null`;
  const unitOf = new Map(found.map((f) => [[f.c, f.b, f.e, f.n].join('\u0000'), f.unit_id]));
  const items = await db.feeItem.findMany({
    where: { tenantId, name: { in: [...new Set(rows.map((r) => r.feeItem))] } },
    select: { id: true, name: true, calc: true, archivedAt: true },
  });
  const itemOf = new Map(items.map((i) => [i.name, i]));

  type Resolved = Row & { unitId: string; feeItemId: string };
  const resolved: Resolved[] = [];
  for (const r of rows) {
    const unitId = unitOf.get([r.community, r.building, r.entrance, r.number].join('\u0000'));
    const item = itemOf.get(r.feeItem);
    if (!unitId)
      problems.push({
        line: r.line,
        column: 'number',
        ...keyedReason('noActiveUnit', { label: [r.community, r.building, r.entrance, r.number].filter(Boolean).join(' ') }),
      });
    if (!item) problems.push({ line: r.line, column: 'feeItem', ...keyedReason('noFeeItemNamed', { name: r.feeItem }) });
    else if (item.calc !== 'METERED') problems.push({ line: r.line, column: 'feeItem', ...keyedReason('notMetered', { name: item.name }) });
    else if (item.archivedAt) problems.push({ line: r.line, column: 'feeItem', ...keyedReason('feeItemArchivedNamed', { name: item.name }) });
    if (unitId && item && item.calc === 'METERED' && !item.archivedAt) resolved.push({ ...r, unitId, feeItemId: item.id });
  }
  // (Rows that did not resolve are already reported; the rest are still checked, so one pass
  // over the file reports every problem.)

  // Existing meters, locked so no one records a reading for them while the file is checked.
  const pairs = [...new Map(resolved.map((r) => [`${r.unitId}\u0000${r.feeItemId}`, r])).values()];
  const meters = await db.$queryRaw<{ id: string; unitId: string; feeItemId: string; archived: boolean }[]>`
    select m."id", m."unitId", m."feeItemId", m."archivedAt" is not null as archived
    from "Meter" m join unnest(${pairs.map((p) => p.unitId)}::text[], ${pairs.map((p) => p.feeItemId)}::text[]) as t(u, f)
      on m."unitId" = t.u and m."feeItemId" = t.f
    where m."tenantId" = ${tenantId}
    order by m."id"
    for update of m`;
  const meterOf = new Map(meters.map((m) => [`${m.unitId}\u0000${m.feeItemId}`, m]));
  const latest = await db.$queryRaw<{ meterId: string; period: string; reading: bigint }[]>`
    select distinct on ("meterId") "meterId", "period", "reading" from "MeterReading"
    where "tenantId" = ${tenantId} and "meterId" = any(${meters.map((m) => m.id)}::text[])
    order by "meterId", "period" desc`;
  const latestOf = new Map(latest.map((l) => [l.meterId, { period: l.period, reading: Number(l.reading) }]));

  // Each meter's rows in period order, against the stored reading and then each other.
  const byPair = new Map<string, Resolved[]>();
  for (const r of resolved) {
    const k = `${r.unitId}\u0000${r.feeItemId}`;
    byPair.set(k, [...(byPair.get(k) ?? []), r]);
  }
  for (const [k, list] of byPair) {
    const meter = meterOf.get(k);
    if (meter?.archived) {
      for (const r of list) problems.push({ line: r.line, column: 'number', ...keyedReason('meterArchived') });
      continue;
    }
    list.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.line - b.line));
    let prev = meter ? (latestOf.get(meter.id) ?? null) : null;
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if (i > 0 && list[i - 1]!.period === r.period) {
        problems.push({ line: r.line, column: 'period', ...keyedReason('repeatsLine', { line: list[i - 1]!.line }) });
        continue;
      }
      if (prev && prev.period >= r.period) {
        problems.push({
          line: r.line,
          column: 'period',
          ...(prev.period === r.period ? keyedReason('readingExists', { period: r.period }) : keyedReason('readingOrder', { period: prev.period })),
        });
        continue;
      }
      try {
        checkReading(prev?.reading ?? null, r.reading, r.oldFinal !== null && r.newStart !== null ? { oldFinal: r.oldFinal, newStart: r.newStart } : undefined);
      } catch (e) {
        problems.push({ line: r.line, column: 'reading', ...(e instanceof AppError ? keyedReason(e.key, e.params) : keyedReason('notValid')) });
      }
      prev = { period: r.period, reading: r.reading };
    }
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length) return fail();

  const missing = pairs.filter((p) => !meterOf.has(`${p.unitId}\u0000${p.feeItemId}`));
  const created = missing.length
    ? await db.$queryRaw<{ id: string; unitId: string; feeItemId: string }[]>`
        insert into "Meter" ("tenantId", "id", "unitId", "feeItemId", "serial", "createdAt")
        select ${tenantId}, gen_random_uuid()::text, t.u, t.f, '', now()
        from unnest(${missing.map((p) => p.unitId)}::text[], ${missing.map((p) => p.feeItemId)}::text[]) as t(u, f)
        returning "id", "unitId", "feeItemId"`
    : [];
  const meterId = new Map<string, string>([
    ...meters.map((m) => [`${m.unitId}\u0000${m.feeItemId}`, m.id] as const),
    ...created.map((m) => [`${m.unitId}\u0000${m.feeItemId}`, m.id] as const),
  ]);

  let readingsCreated: number;
  try {
    readingsCreated = await db.$executeRaw`
      insert into "MeterReading" ("tenantId", "id", "meterId", "period", "reading", "replacedOld", "replacedNew", "readOn", "enteredById", "createdAt")
      select ${tenantId}, gen_random_uuid()::text, t.m, t.p, t.r, t.o, t.n, t.d::date, ${actorId}, now()
      from unnest(${resolved.map((r) => meterId.get(`${r.unitId}\u0000${r.feeItemId}`)!)}::text[], ${resolved.map((r) => r.period)}::text[],
                  ${resolved.map((r) => String(r.reading))}::bigint[], ${resolved.map((r) => (r.oldFinal === null ? null : String(r.oldFinal)))}::bigint[],
                  ${resolved.map((r) => (r.newStart === null ? null : String(r.newStart)))}::bigint[], ${resolved.map((r) => r.readOn)}::text[]) as t(m, p, r, o, n, d)`;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'readingsRace');
    throw e;
  }
  const result = { ok: true as const, rows: rows.length, readingsCreated, metersCreated: created.length };
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'import.readings',
    entity: 'MeterReading',
    after: { fileName: input.fileName ?? null, ...result, periods: [...new Set(resolved.map((r) => r.period))].sort() },
  });
  return result;
}
