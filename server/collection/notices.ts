import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { Prisma } from '../db/generated/client';
import { AppError, notFound } from '../errors';
import { addMonths, fromDateColumn, localDate, monthsInCycle } from '../shared/calendar';
import { serverTranslator } from '../i18n/translator';
import { toChineseCapital } from '../payments/capital-numerals';
import { payerInfos, payerKey, unknownPayer } from '../payments/payers';
import { companyDetails, type CompanyDetails } from '../tenancy/receipt-details';
import { billStateCte, num, reportSettings } from './as-of';
import { checkScope } from './summary';
import type { ZNotices } from './schemas';

// 催缴通知单 (#17): for a selection of arrears, one notice per household in arrears as of today —
// the unit (or the space rented alone), who lives there, each overdue bill with its period, due
// date, days overdue and unpaid amount, the total in figures and in capitals — with the
// company's name, address, phone and seal. Amounts follow the arrears list (as of today, every
// money record written counted, as the reminders do). Rendered by notice-pdf.ts.

export const MAX_NOTICES = 2_000;

export type NoticeBill = {
  billId: string;
  name: string;
  /** "2026-04", or "2026-04 至 2026-06" for a quarterly item */
  periodLabel: string;
  dueDate: string;
  daysOverdue: number;
  unpaidFen: number;
};

export type Notice = {
  payerKind: 'UNIT' | 'PARKING';
  payerId: string;
  /** "翠竹园 1号楼 1单元-101" or "翠竹园 车位 B-017" */
  label: string;
  /** the household: current residents (owners first), or the renter */
  name: string;
  bills: NoticeBill[];
  totalFen: number;
  totalCapital: string;
};

export type NoticeBatch = {
  companyName: string;
  company: CompanyDetails;
  slug: string;
  locale: string;
  currency: string;
  /** the local date the notices are as of, and printed on */
  asOf: string;
  notices: Notice[];
};

const BILL_KINDS = ['REGULAR', 'CORRECTION', 'LATE_FEE', 'ONE_OFF'] as const;
const isBillKind = (k: string): k is (typeof BILL_KINDS)[number] => (BILL_KINDS as readonly string[]).includes(k);

export async function getNotices(scope: Scope, q: z.output<typeof ZNotices>): Promise<NoticeBatch> {
  const { db, tenantId, timeZone, locale } = scope;
  const unitIds = q.unitIds ? [...new Set(q.unitIds)] : undefined;
  if (q.communityId || q.buildingId) {
    await checkScope(db, tenantId, { ...(q.communityId ? { communityId: q.communityId } : {}), ...(q.buildingId ? { buildingId: q.buildingId } : {}) });
  }
  if (unitIds) {
    // Another company's unit is not found: nothing of it is printed, nor said to exist.
    const found = await db.unit.count({ where: { tenantId, id: { in: unitIds } } });
    if (found !== unitIds.length) throw notFound('unit');
  }
  const asOf = localDate(timeZone, scope.now ?? new Date());
  await reportSettings(db);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    ${billStateCte({
      tenantId,
      timeZone,
      asOf,
      billWhere: Prisma.sql`b."dueDate" < ${asOf}::date`,
      moneyAsOf: '9999-12-31',
      ...(q.communityId ? { communityId: q.communityId } : {}),
      ...(q.buildingId ? { buildingId: q.buildingId } : {}),
      ...(unitIds ? { unitPayerIds: unitIds } : {}),
    })},
    owed as (
      select bs."id", bs.payer_kind, bs.payer_id, bs.period, bs.kind, bs.due_date, (${asOf}::date - bs.due_date) as days, (bs.net - bs.paid) as unpaid,
             max(${asOf}::date - bs.due_date) over (partition by bs.payer_kind, bs.payer_id) as payer_days
      from bs where not bs.voided and bs.net - bs.paid > 0
    )
    select o.*, f."name" as fee_name, f."cycle"::text as cycle, b."description" as description, b."objectKind"::text as object_kind, s."number" as space_number
    from owed o
    join "Bill" b on b."tenantId" = ${tenantId} and b."id" = o."id"
    left join "FeeItem" f on f."tenantId" = ${tenantId} and f."id" = b."feeItemId"
    left join "ParkingSpace" s on b."objectKind" = 'PARKING' and b."payerKind" = 'UNIT' and s."tenantId" = ${tenantId} and s."id" = b."objectId"
    where o.payer_days >= ${q.minDaysOverdue}::int
    order by o.payer_kind desc, o.payer_id, o.due_date, o.period, o."id"`;

  const t = serverTranslator(locale);
  const byPayer = new Map<string, { kind: 'UNIT' | 'PARKING'; id: string; bills: NoticeBill[] }>();
  for (const r of rows) {
    const kind = r.payer_kind as 'UNIT' | 'PARKING';
    const id = r.payer_id as string;
    const key = payerKey(kind, id);
    if (!byPayer.has(key)) byPayer.set(key, { kind, id, bills: [] });
    const period = String(r.period);
    const months = r.cycle ? monthsInCycle(r.cycle as Parameters<typeof monthsInCycle>[0]) : 1;
    const kindName = String(r.kind);
    const base = (r.fee_name as string | null) || (r.description as string | null) || (isBillKind(kindName) ? t(`receipt.kinds.${kindName}`) : kindName);
    byPayer.get(key)!.bills.push({
      billId: r.id as string,
      name: r.space_number ? `${base} · ${t('notice.space', { number: String(r.space_number) })}` : base,
      periodLabel: months > 1 ? t('receipt.periodRange', { from: period, to: addMonths(period, months - 1) }) : period,
      dueDate: fromDateColumn(r.due_date as Date),
      daysOverdue: num(r.days),
      unpaidFen: num(r.unpaid),
    });
  }
  if (byPayer.size === 0) throw new AppError('BAD_REQUEST', 'noticesNone');
  if (byPayer.size > MAX_NOTICES) throw new AppError('BAD_REQUEST', 'noticesTooMany', { max: MAX_NOTICES });

  const payers = [...byPayer.values()];
  const infos = await payerInfos(db, tenantId, payers);
  const notices: Notice[] = payers.map((p) => {
    const info = infos.get(payerKey(p.kind, p.id)) ?? unknownPayer(p.kind, p.id);
    const totalFen = p.bills.reduce((s, b) => s + b.unpaidFen, 0);
    return { payerKind: p.kind, payerId: p.id, label: info.label, name: info.name, bills: p.bills, totalFen, totalCapital: toChineseCapital(totalFen) };
  });
  notices.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
  return {
    companyName: scope.companyName,
    company: await companyDetails({ db, tenantId }),
    slug: scope.slug,
    locale,
    currency: scope.currency,
    asOf,
    notices,
  };
}
