// The one payer search: what a cashier typed (server/shared/payer-query.ts) as SQL over units and
// parking spaces. The cashier desk lists its matches (searchPayers); the bills and payments lists
// filter by it (billPayerSql, paymentPayerWhere). Text columns it reads with ILIKE have pg_trgm
// GIN indexes (migration payer_search_trgm).

import 'server-only';
import type { TenantDb } from '../db/tenant';
import type { Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { parsePayerQuery, type PayerQuery } from '../shared/payer-query';

const like = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const contains = (s: string) => `%${like(s)}%`;
const BUILDING_SUFFIX = '(号楼|号|栋|幢|座|#楼?|楼)$';

const buildingIs = (b: string) => Prisma.sql`(lower(bu."name") = lower(${b}) or lower(regexp_replace(bu."name", ${BUILDING_SUFFIX}, '')) = lower(${b}))`;
const entranceIs = (e: string) => Prisma.sql`(lower(u."entrance") = lower(${e}) or lower(regexp_replace(u."entrance", '单元$', '')) = lower(${e}))`;
const paidByReceipt = (q: PayerQuery, kind: 'UNIT' | 'PARKING', id: Prisma.Sql, tenantId: Prisma.Sql) =>
  Prisma.sql`exists (select 1 from "Payment" pm where pm."tenantId" = ${tenantId} and pm."payerKind"::text = ${kind} and pm."payerId" = ${id}
                      and pm."receiptYear" = ${q.receipt!.year} and pm."receiptNo" = ${q.receipt!.no})`;

/** A unit matches (aliases u "Unit", bu "Building", c "Community"). */
export function unitMatchSql(q: PayerQuery): Prisma.Sql {
  if (q.receipt) return paidByReceipt(q, 'UNIT', Prisma.sql`u."id"`, Prisma.sql`u."tenantId"`);
  const and: Prisma.Sql[] = [];
  if (q.community) and.push(Prisma.sql`c."name" ilike ${contains(q.community)}`);
  if (q.building && q.buildingOrEntrance) and.push(Prisma.sql`(${buildingIs(q.building)} or ${entranceIs(q.building)})`);
  else if (q.building) and.push(buildingIs(q.building));
  if (q.entrance) and.push(entranceIs(q.entrance));
  if (q.number) and.push(Prisma.sql`u."number" ilike ${contains(q.number)}`);
  const resident = (cond: Prisma.Sql) =>
    Prisma.sql`exists (select 1 from "Resident" r where r."tenantId" = u."tenantId" and r."unitId" = u."id" and r."archivedAt" is null and ${cond})`;
  if (q.phone) and.push(resident(Prisma.sql`r."phone" ilike ${contains(q.phone)}`));
  if (q.name) {
    const n = contains(q.name);
    and.push(
      q.community
        ? resident(Prisma.sql`r."name" ilike ${n}`)
        : Prisma.sql`(${resident(Prisma.sql`r."name" ilike ${n}`)} or c."name" ilike ${n} or bu."name" ilike ${n})`,
    );
  }
  return and.length ? Prisma.join(and, ' and ') : Prisma.sql`false`;
}

/** A parking space matches (aliases p "ParkingSpace", c "Community"): by its number, renter or community. */
export function parkingMatchSql(q: PayerQuery): Prisma.Sql {
  if (q.receipt) return paidByReceipt(q, 'PARKING', Prisma.sql`p."id"`, Prisma.sql`p."tenantId"`);
  const and: Prisma.Sql[] = [];
  if (q.community) and.push(Prisma.sql`c."name" ilike ${contains(q.community)}`);
  const number = q.number ? [q.building, q.entrance, q.number].filter(Boolean).join('-') : '';
  if (number)
    and.push(
      Prisma.sql`(p."number" ilike ${contains(number)} or regexp_replace(p."number", '[^0-9A-Za-z]', '', 'g') ilike ${contains(number.replace(/-/g, ''))})`,
    );
  if (q.phone) and.push(Prisma.sql`p."renterPhone" ilike ${contains(q.phone)}`);
  if (q.name) {
    const n = contains(q.name);
    and.push(q.community ? Prisma.sql`p."renterName" ilike ${n}` : Prisma.sql`(p."renterName" ilike ${n} or c."name" ilike ${n} or p."number" ilike ${n})`);
  }
  return and.length ? Prisma.join(and, ' and ') : Prisma.sql`false`;
}

/**
 * A bill's object matches (the bills list's joins: u, bu, p, c); a receipt matches the bills it paid.
 * Null for an empty search.
 */
export function billPayerSql(text: string | undefined): Prisma.Sql | null {
  const q = text ? parsePayerQuery(text) : null;
  if (!q) return null;
  if (q.receipt) {
    return Prisma.sql`exists (select 1 from "PaymentAllocation" pa join "Payment" pm on pm."tenantId" = pa."tenantId" and pm."id" = pa."paymentId"
                              where pa."tenantId" = b."tenantId" and pa."billId" = b."id" and pm."receiptYear" = ${q.receipt.year} and pm."receiptNo" = ${q.receipt.no})`;
  }
  return Prisma.sql`((b."unitId" is not null and ${unitMatchSql(q)}) or (b."parkingSpaceId" is not null and ${parkingMatchSql(q)}))`;
}

/** The payments list's filter for a search: a receipt number, or the payers it names. Null for an empty search. */
export async function paymentPayerWhere(db: TenantDb, tenantId: string, text: string | undefined): Promise<Prisma.PaymentWhereInput | null> {
  const q = text ? parsePayerQuery(text) : null;
  if (!q) return null;
  if (q.receipt) return { receiptYear: q.receipt.year, receiptNo: q.receipt.no };
  const ids = await db.$queryRaw<{ kind: 'UNIT' | 'PARKING'; id: string }[]>`
    select 'UNIT' as kind, u."id" from "Unit" u
      join "Building" bu on bu."tenantId" = u."tenantId" and bu."id" = u."buildingId"
      join "Community" c on c."tenantId" = u."tenantId" and c."id" = u."communityId"
     where u."tenantId" = ${tenantId} and ${unitMatchSql(q)}
    union all
    select 'PARKING', p."id" from "ParkingSpace" p
      join "Community" c on c."tenantId" = p."tenantId" and c."id" = p."communityId"
     where p."tenantId" = ${tenantId} and ${parkingMatchSql(q)}`;
  const of = (kind: 'UNIT' | 'PARKING') => ids.filter((r) => r.kind === kind).map((r) => r.id);
  return {
    OR: [
      { payerKind: 'UNIT', payerId: { in: of('UNIT') } },
      { payerKind: 'PARKING', payerId: { in: of('PARKING') } },
    ],
  };
}

export type PayerMatch = {
  /** Who pays: the unit, or the space rented alone (a space tied to a unit is paid by the unit). */
  payer: { kind: 'UNIT' | 'PARKING'; id: string };
  /** The matched object's id (the space, for a tied space). */
  key: string;
  kind: 'UNIT' | 'PARKING';
  /** "翠竹园 1号楼 1单元-101" or "翠竹园 车位 B-017" */
  label: string;
  /** The household (residents, owners first), or the renter; for a tied space, the unit's label. */
  name: string;
  tiedTo: string | null;
};

/**
 * The cashier desk's matches for what was typed, best first: exact unit numbers before the
 * ones that merely start with it. Units, or parking spaces (`kind`), current (not archived) only.
 */
export async function searchPayers({ db, tenantId }: Scope, input: { q: string; kind?: 'UNIT' | 'PARKING'; limit?: number }): Promise<PayerMatch[]> {
  const q = parsePayerQuery(input.q);
  if (!q) return [];
  const limit = input.limit ?? 10;
  if (input.kind === 'PARKING') {
    const rows = await db.$queryRaw<{ id: string; number: string; community: string; renter: string; unit_id: string | null; unit_label: string | null }[]>`
      select p."id", p."number", c."name" as community, p."renterName" as renter, p."unitId" as unit_id,
             concat_ws(' ', c."name", bu."name", case when u."entrance" = '' then u."number" else u."entrance" || '-' || u."number" end) as unit_label
        from "ParkingSpace" p
        join "Community" c on c."tenantId" = p."tenantId" and c."id" = p."communityId"
        left join "Unit" u on u."tenantId" = p."tenantId" and u."id" = p."unitId"
        left join "Building" bu on bu."tenantId" = u."tenantId" and bu."id" = u."buildingId"
       where p."tenantId" = ${tenantId} and p."archivedAt" is null and ${parkingMatchSql(q)}
       order by c."name", p."number" limit ${limit}`;
    return rows.map((r) => ({
      payer: r.unit_id ? { kind: 'UNIT' as const, id: r.unit_id } : { kind: 'PARKING' as const, id: r.id },
      key: r.id,
      kind: 'PARKING' as const,
      label: `${r.community} 车位 ${r.number}`,
      name: r.unit_id ? '' : r.renter,
      tiedTo: r.unit_id ? r.unit_label : null,
    }));
  }
  const rows = await db.$queryRaw<{ id: string; community: string; building: string; entrance: string; number: string; names: string | null }[]>`
    select u."id", c."name" as community, bu."name" as building, u."entrance", u."number",
           (select string_agg(r."name", '、' order by r."kind", r."createdAt") from "Resident" r
             where r."tenantId" = u."tenantId" and r."unitId" = u."id" and r."archivedAt" is null) as names
      from "Unit" u
      join "Building" bu on bu."tenantId" = u."tenantId" and bu."id" = u."buildingId"
      join "Community" c on c."tenantId" = u."tenantId" and c."id" = u."communityId"
     where u."tenantId" = ${tenantId} and u."archivedAt" is null and ${unitMatchSql(q)}
     order by (u."number" = ${q.number ?? ''}) desc, ${q.building ? Prisma.sql`${buildingIs(q.building)} desc,` : Prisma.empty} c."name", bu."name", u."entrance", u."number"
     limit ${limit}`;
  return rows.map((r) => {
    const unit = r.entrance ? `${r.entrance}-${r.number}` : r.number;
    return {
      payer: { kind: 'UNIT' as const, id: r.id },
      key: r.id,
      kind: 'UNIT' as const,
      label: `${r.community} ${r.building} ${unit}`,
      name: r.names ?? '',
      tiedTo: null,
    };
  });
}
