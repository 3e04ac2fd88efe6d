// A receipt (收款收据): everything the printed page and the PDF show, and who may see it.

import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { Role } from '../db/generated/enums';
import { AppError, notFound } from '../errors';
import { can } from '../shared/permissions';
import { fromDateColumn } from '../shared/calendar';
import { fenToYuanString } from '../shared/money';
import { addMonths, monthsInCycle } from '../shared/calendar';
import { toChineseCapital } from './capital-numerals';
import { formatReceiptNo } from './ledger';
import { memberNames, payerInfos, payerKey, unknownPayer, type PayerInfo } from './payers';
import { ZReceipt } from '../shared/schemas/payments';
import { serverTranslator } from '../i18n/translator';
import { companyDetails, type CompanyDetails } from '../tenancy/receipt-details';

export type Viewer = { userId: string; role: Role };

export type ReceiptItem = {
  billId: string;
  /** the fee item's name, else the bill's description, else its kind in words */
  name: string;
  description: string;
  /** the bill's billed object when it is not the payer itself (a parking space tied to the unit) */
  object: string;
  period: string;
  /** "2026-04" or, for a quarterly or yearly item, "2026-04 至 2026-06" */
  periodLabel: string;
  billAmountFen: number;
  /** paid on this receipt */
  amountFen: number;
};

export type ReceiptData = {
  id: string;
  companyName: string;
  /** the company's address, phone and seal (a data: URL), printed under its name (#17) */
  company: CompanyDetails;
  currency: string;
  /** the company's language: the receipt's labels (server.json receipt.*, pdf.*) */
  locale: string;
  receiptNo: string;
  receiptYear: number;
  receiptNumber: number;
  payer: PayerInfo;
  items: ReceiptItem[];
  /** Σ items = totalFen + creditUsedFen − creditAddedFen */
  itemsTotalFen: number;
  creditUsedFen: number;
  creditAddedFen: number;
  /** the money received (for a CREDIT receipt: the credit applied) */
  totalFen: number;
  totalYuan: string;
  totalCapital: string;
  method: string;
  receivedOn: string;
  countedOn: string;
  /** local time of entry, 'YYYY-MM-DD HH:mm' in the company's time zone */
  enteredAt: string;
  cashier: string;
  invoiceNo: string | null;
  note: string;
  /** 红冲: the reversal, if any */
  reversed: { id: string; on: string; at: string; by: string; reason: string } | null;
  /** partial 红冲 of an online payment: its refunds Stripe confirmed, oldest first (on: the day refunded) */
  refunds: { id: string; amountFen: number; on: string; countedOn: string; reason: string }[];
  refundedFen: number;
  /** totalFen − refundedFen */
  remainingFen: number;
};

const BILL_KINDS = ['REGULAR', 'CORRECTION', 'LATE_FEE', 'ONE_OFF'] as const;
const isBillKind = (k: string): k is (typeof BILL_KINDS)[number] => (BILL_KINDS as readonly string[]).includes(k);

/** Fee readers (admins, cashiers, executives) see every receipt; a resident only their unit's. */
export const seesAllReceipts = (role: Role) => can(role, 'payments.record') || can(role, 'fees.read');

function localDateTime(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * The receipt of payment `id`. Access: roles with payments.record or fees.read see any of the
 * company's receipts; a RESIDENT sees the receipts whose payer is a unit they are a current
 * resident of, and gets NOT_FOUND for any other (as if it did not exist); other roles are
 * FORBIDDEN. Refunds and reversals have no receipt of their own (NOT_FOUND).
 */
export async function getReceipt(
  { db, tenantId, actorId, timeZone, currency, companyName, locale }: Scope,
  { id }: z.output<typeof ZReceipt>,
  role: Role,
): Promise<ReceiptData> {
  const viewer: Viewer = { userId: actorId, role };
  if (!seesAllReceipts(viewer.role) && viewer.role !== 'RESIDENT') {
    throw new AppError('FORBIDDEN', 'forbidden');
  }
  const p = await db.payment.findUnique({
    where: { tenantId_id: { tenantId, id } },
    include: {
      allocations: {
        where: { amountFen: { gt: 0 } },
        orderBy: { createdAt: 'asc' },
        include: {
          bill: {
            select: {
              kind: true,
              objectKind: true,
              objectId: true,
              period: true,
              description: true,
              amountFen: true,
              feeItem: { select: { name: true, cycle: true } },
              parkingSpace: { select: { number: true } },
            },
          },
        },
      },
      credit: { select: { amountFen: true } },
      reversedBy: { select: { id: true, countedOn: true, enteredAt: true, enteredById: true, note: true } },
      onlineRefunds: {
        where: { status: 'SUCCEEDED' },
        orderBy: [{ confirmedAt: 'asc' }, { id: 'asc' }],
        select: { id: true, amountFen: true, reason: true, refundPaymentId: true },
      },
    },
  });
  if (!p || p.kind !== 'PAYMENT' || p.receiptYear == null || p.receiptNo == null) throw notFound('receipt');
  if (!seesAllReceipts(viewer.role)) {
    const own = p.payerKind === 'UNIT' && (await db.resident.count({ where: { tenantId, unitId: p.payerId, userId: viewer.userId, archivedAt: null } })) > 0;
    if (!own) throw notFound('receipt');
  }

  const rev = p.reversedBy[0];
  const payers = await payerInfos(db, tenantId, [{ kind: p.payerKind, id: p.payerId }]);
  const names = await memberNames(db, tenantId, [p.enteredById, ...(rev ? [rev.enteredById] : [])], locale);
  const payer = payers.get(payerKey(p.payerKind, p.payerId)) ?? unknownPayer(p.payerKind, p.payerId);

  const t = serverTranslator(locale);
  const items: ReceiptItem[] = p.allocations.map((a) => {
    const b = a.bill;
    const months = b.feeItem ? monthsInCycle(b.feeItem.cycle) : 1;
    return {
      billId: a.billId,
      name: b.feeItem?.name || b.description || (isBillKind(b.kind) ? t(`receipt.kinds.${b.kind}`) : b.kind),
      description: b.description,
      object:
        b.objectKind === 'PARKING' && !(p.payerKind === 'PARKING' && p.payerId === b.objectId)
          ? t('receipt.space', { number: b.parkingSpace?.number ?? '' })
          : '',
      period: b.period,
      periodLabel: months > 1 ? t('receipt.periodRange', { from: b.period, to: addMonths(b.period, months - 1) }) : b.period,
      billAmountFen: b.amountFen,
      amountFen: a.amountFen,
    };
  });
  const refundMoney = new Map(
    (
      await db.payment.findMany({
        where: { tenantId, id: { in: p.onlineRefunds.flatMap((r) => (r.refundPaymentId ? [r.refundPaymentId] : [])) } },
        select: { id: true, receivedOn: true, countedOn: true },
      })
    ).map((m) => [m.id, m]),
  );
  const refunds = p.onlineRefunds.map((r) => {
    const m = r.refundPaymentId ? refundMoney.get(r.refundPaymentId) : undefined;
    return { id: r.id, amountFen: r.amountFen, on: m ? fromDateColumn(m.receivedOn) : '', countedOn: m ? fromDateColumn(m.countedOn) : '', reason: r.reason };
  });
  const refundedFen = refunds.reduce((s, r) => s + r.amountFen, 0);
  const creditUsedFen = -p.credit.filter((c) => c.amountFen < 0).reduce((s, c) => s + c.amountFen, 0);
  const creditAddedFen = p.credit.filter((c) => c.amountFen > 0).reduce((s, c) => s + c.amountFen, 0);
  return {
    id: p.id,
    companyName,
    company: await companyDetails({ db, tenantId }),
    currency,
    locale,
    receiptNo: formatReceiptNo(p.receiptYear, p.receiptNo)!,
    receiptYear: p.receiptYear,
    receiptNumber: p.receiptNo,
    payer,
    items,
    itemsTotalFen: items.reduce((s, i) => s + i.amountFen, 0),
    // A CREDIT receipt is itself the use of credit: its total is the credit applied.
    creditUsedFen: p.method === 'CREDIT' ? 0 : creditUsedFen,
    creditAddedFen,
    totalFen: p.amountFen,
    totalYuan: fenToYuanString(p.amountFen),
    totalCapital: toChineseCapital(p.amountFen),
    method: p.method,
    receivedOn: fromDateColumn(p.receivedOn),
    countedOn: fromDateColumn(p.countedOn),
    enteredAt: localDateTime(p.enteredAt, timeZone),
    cashier: names.get(p.enteredById) ?? '',
    invoiceNo: p.invoiceNo,
    note: p.note,
    reversed: rev
      ? { id: rev.id, on: fromDateColumn(rev.countedOn), at: localDateTime(rev.enteredAt, timeZone), by: names.get(rev.enteredById) ?? '', reason: rev.note }
      : null,
    refunds,
    refundedFen,
    remainingFen: p.amountFen - refundedFen,
  };
}
