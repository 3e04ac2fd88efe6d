import 'server-only';
import { z } from 'zod';
import { zName, zText } from '../shared/validation';
import { keyedReason, keyMessage } from '../shared/error-key';
import { MAX_PROBLEMS, readCsvRecords, type ImportProblem } from '../uploads/csv-table';
import { recordAudit } from '../tenancy/audit';
import type { Scope } from '../db/scope';
import { ZArea, ZBillingStart, ZFloor, ZOptionalEmail, ZPhone } from '../shared/schemas/property';

// Units-and-residents CSV import. All or nothing: every row is checked first; a file with
// any bad row writes nothing and returns every problem (line, column, reason). A good file
// is written with a handful of set-based statements, whatever its size, and audited as one
// entry. Re-importing a file updates the units it names instead of duplicating them.

export const IMPORT_MAX_ROWS = 50_000;

/** Accepted headers: English or Chinese, case-insensitive. */
export const IMPORT_COLUMNS = {
  community: ['community', '小区'],
  building: ['building', '楼栋'],
  entrance: ['entrance', '单元'],
  number: ['unit', 'number', '房号'],
  floor: ['floor', '楼层'],
  area: ['area', '建筑面积', '面积'],
  status: ['status', '状态'],
  residentName: ['resident', 'resident_name', 'name', '姓名', '住户', '业主'],
  phone: ['phone', '电话', '手机'],
  email: ['email', 'e-mail', '邮箱'],
  kind: ['kind', 'type', '身份', '类型'],
  billingStart: ['billing start', 'billing_start', 'billingstart', '计费起始日', '起始计费日', '计费开始日期'],
} as const;
export type Column = keyof typeof IMPORT_COLUMNS;
export const IMPORT_REQUIRED: Column[] = ['community', 'building', 'number', 'floor', 'area'];

const STATUS: Record<string, 'OCCUPIED' | 'VACANT' | 'RENOVATION'> = {
  '': 'OCCUPIED',
  occupied: 'OCCUPIED',
  已入住: 'OCCUPIED',
  入住: 'OCCUPIED',
  自住: 'OCCUPIED',
  vacant: 'VACANT',
  空置: 'VACANT',
  renovation: 'RENOVATION',
  'under renovation': 'RENOVATION',
  装修: 'RENOVATION',
  装修中: 'RENOVATION',
};
const KIND: Record<string, 'OWNER' | 'OCCUPANT'> = {
  '': 'OWNER',
  owner: 'OWNER',
  业主: 'OWNER',
  occupant: 'OCCUPANT',
  tenant: 'OCCUPANT',
  租户: 'OCCUPANT',
  住户: 'OCCUPANT',
};

const ZRow = z.object({
  community: zName({ max: 100, required: 'importRequired' }),
  building: zName({ max: 50, required: 'importRequired' }),
  entrance: zText({ max: 20 }).default(''),
  number: zName({ max: 20, required: 'importRequired' }),
  floor: ZFloor,
  area: ZArea,
  status: z
    .string()
    .trim()
    .default('')
    .transform((s) => s.toLowerCase())
    .refine((s) => s in STATUS, keyMessage('statusValues'))
    .transform((s) => STATUS[s]!),
  residentName: zText({ max: 100 }).default(''),
  phone: ZPhone.default(''),
  email: ZOptionalEmail.default(''),
  kind: z
    .string()
    .trim()
    .default('')
    .transform((s) => s.toLowerCase())
    .refine((s) => s in KIND, keyMessage('kindValues'))
    .transform((s) => KIND[s]!),
  // 计费起始日 (optional column): YYYY-MM-DD, also 2026/5/17 as spreadsheets write it. An empty
  // cell (or no column) leaves an existing unit's date as it is; the unit form clears it.
  billingStart: z
    .string()
    .trim()
    .default('')
    .transform((s) => {
      const m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s);
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
    })
    .transform((s, ctx): string | null => {
      const r = ZBillingStart.safeParse(s);
      if (r.success) return r.data;
      ctx.addIssue({ code: 'custom', message: r.error.issues[0]?.message ?? keyMessage('dateFormat') });
      return z.NEVER;
    }),
});
type Row = z.output<typeof ZRow>;

export type { ImportProblem };
export type ImportResult =
  | { ok: false; rows: number; problems: ImportProblem[] }
  | {
      ok: true;
      rows: number;
      buildingsCreated: number;
      unitsCreated: number;
      unitsUpdated: number;
      residentsCreated: number;
      residentsUpdated: number;
    };

export function parseUnitsCsv(csv: string): { rows: (Row & { line: number })[]; problems: ImportProblem[] } {
  const { rows, problems } = readCsvRecords(csv, { columns: IMPORT_COLUMNS, required: IMPORT_REQUIRED, maxRows: IMPORT_MAX_ROWS, schema: ZRow });
  // One unit may appear on several lines (one per resident); its own fields must agree.
  const seen = new Map<string, Row & { line: number }>();
  for (const r of rows) {
    const key = [r.community, r.building, r.entrance, r.number].join('\u0000');
    const first = seen.get(key);
    if (!first) seen.set(key, r);
    else {
      for (const col of ['floor', 'area', 'status', 'billingStart'] as const) {
        if (String(first[col]) !== String(r[col])) {
          problems.push({ line: r.line, column: col, ...keyedReason('differsFromLine', { line: first.line }) });
        }
      }
    }
    if (!r.residentName && (r.phone || r.email)) {
      problems.push({ line: r.line, column: 'residentName', ...keyedReason('nameNeededForContact') });
    }
  }
  return { rows, problems: problems.slice(0, MAX_PROBLEMS) };
}

export async function importUnits({ db, tenantId, actorId }: Scope, input: { csv: string; fileName?: string }): Promise<ImportResult> {
  const { rows, problems } = parseUnitsCsv(input.csv);
  if (problems.length) return { ok: false, rows: rows.length, problems };

  const communities = await db.community.findMany({ where: { tenantId, archivedAt: null }, select: { id: true, name: true } });
  const communityId = new Map(communities.map((c) => [c.name, c.id]));
  for (const r of rows) {
    if (!communityId.has(r.community)) {
      problems.push({ line: r.line, column: 'community', ...keyedReason('noCommunity', { name: r.community }) });
      if (problems.length >= MAX_PROBLEMS) break;
    }
  }
  if (problems.length) return { ok: false, rows: rows.length, problems };

  // Buildings: create the missing ones.
  const bKeys = [...new Map(rows.map((r) => [`${r.community}\u0000${r.building}`, r])).values()];
  const bCommunity = bKeys.map((r) => communityId.get(r.community)!);
  const bName = bKeys.map((r) => r.building);
  const createdBuildings = await db.$queryRaw<{ n: bigint }[]>`
    with ins as (
      insert into "Building" ("tenantId", "id", "communityId", "name", "createdAt", "updatedAt")
      select ${tenantId}, gen_random_uuid()::text, c, n, now(), now()
      from unnest(${bCommunity}::text[], ${bName}::text[]) as t(c, n)
      on conflict ("tenantId", "communityId", "name") do nothing
      returning 1)
    select count(*) as n from ins`;
  const buildings = await db.building.findMany({
    where: { tenantId, communityId: { in: [...new Set(bCommunity)] }, name: { in: [...new Set(bName)] } },
    select: { id: true, communityId: true, name: true, archivedAt: true },
  });
  const buildingId = new Map(buildings.map((b) => [`${b.communityId}\u0000${b.name}`, b.id]));

  // Units: insert, or update the floor, area and status of the ones that exist.
  const units = [...new Map(rows.map((r) => [[r.community, r.building, r.entrance, r.number].join('\u0000'), r])).values()];
  const u = {
    community: units.map((r) => communityId.get(r.community)!),
    building: units.map((r) => buildingId.get(`${communityId.get(r.community)}\u0000${r.building}`)!),
    entrance: units.map((r) => r.entrance),
    number: units.map((r) => r.number),
    floor: units.map((r) => r.floor),
    area: units.map((r) => r.area),
    status: units.map((r) => r.status),
    billingStart: units.map((r) => r.billingStart),
  };
  const unitRows = await db.$queryRaw<{ id: string; buildingId: string; entrance: string; number: string; inserted: boolean }[]>`
    insert into "Unit" ("tenantId", "id", "communityId", "buildingId", "entrance", "number", "floor", "area", "status", "billingStart", "createdAt", "updatedAt")
    select ${tenantId}, gen_random_uuid()::text, c, b, e, n, f, a::numeric(10,2), s::"UnitStatus", bs::date, now(), now()
    from unnest(${u.community}::text[], ${u.building}::text[], ${u.entrance}::text[], ${u.number}::text[],
                ${u.floor}::int[], ${u.area}::text[], ${u.status}::text[], ${u.billingStart}::text[]) as t(c, b, e, n, f, a, s, bs)
    on conflict ("tenantId", "buildingId", "entrance", "number") do update
      set "floor" = excluded."floor", "area" = excluded."area", "status" = excluded."status",
          "billingStart" = coalesce(excluded."billingStart", "Unit"."billingStart"), "updatedAt" = now()
    returning "id", "buildingId", "entrance", "number", (xmax = 0) as inserted`;
  const unitId = new Map(unitRows.map((x) => [`${x.buildingId}\u0000${x.entrance}\u0000${x.number}`, x.id]));
  const unitsCreated = unitRows.filter((x) => x.inserted).length;

  // Residents: a unit's active resident with the same name is updated, others are added.
  const people = rows.filter((r) => r.residentName);
  const uniquePeople = [
    ...new Map(
      people.map((r) => {
        const uid = unitId.get(`${buildingId.get(`${communityId.get(r.community)}\u0000${r.building}`)}\u0000${r.entrance}\u0000${r.number}`)!;
        return [`${uid}\u0000${r.residentName}`, { ...r, unitId: uid }];
      }),
    ).values(),
  ];
  const p = {
    unit: uniquePeople.map((r) => r.unitId),
    name: uniquePeople.map((r) => r.residentName),
    phone: uniquePeople.map((r) => r.phone),
    email: uniquePeople.map((r) => r.email),
    kind: uniquePeople.map((r) => r.kind),
  };
  const updated = await db.$executeRaw`
    update "Resident" r set "phone" = t.ph, "email" = t.em, "kind" = t.k::"ResidentKind", "updatedAt" = now()
    from unnest(${p.unit}::text[], ${p.name}::text[], ${p.phone}::text[], ${p.email}::text[], ${p.kind}::text[]) as t(u, n, ph, em, k)
    where r."tenantId" = ${tenantId} and r."unitId" = t.u and r."name" = t.n and r."archivedAt" is null`;
  const created = await db.$executeRaw`
    insert into "Resident" ("tenantId", "id", "unitId", "name", "phone", "email", "kind", "createdAt", "updatedAt")
    select ${tenantId}, gen_random_uuid()::text, t.u, t.n, t.ph, t.em, t.k::"ResidentKind", now(), now()
    from unnest(${p.unit}::text[], ${p.name}::text[], ${p.phone}::text[], ${p.email}::text[], ${p.kind}::text[]) as t(u, n, ph, em, k)
    where not exists (select 1 from "Resident" r
                      where r."tenantId" = ${tenantId} and r."unitId" = t.u and r."name" = t.n and r."archivedAt" is null)`;

  const result = {
    ok: true as const,
    rows: rows.length,
    buildingsCreated: Number(createdBuildings[0]?.n ?? 0),
    unitsCreated,
    unitsUpdated: unitRows.length - unitsCreated,
    residentsCreated: created,
    residentsUpdated: updated,
  };
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'import.units',
    entity: 'Unit',
    after: { fileName: input.fileName ?? null, ...result },
  });
  return result;
}
