import 'server-only';
import { pageWindow } from '../shared/paging';
import { outstandingFen } from '../billing/bill-status';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { Prisma } from '../db/generated/client';
import type { ApprovalStatus, PaymentKind, PaymentMethod } from '../db/generated/enums';
import { notFound } from '../errors';
import { dateColumn, fromDateColumn } from '../shared/calendar';
import { formatReceiptNo, paymentHead } from './ledger';
import { memberNames, payerInfos, payerKey, unknownPayer, type PayerInfo } from './payers';
import { paymentPayerWhere } from './payer-search';
import { ZGetPayment, ZListPayments } from '../shared/schemas/payments';

/**
 * Payments, refunds and reversals, newest first, filtered by the business day they count in
 * (`day`, or `from`–`to`), method, kind, status, cashier and payer.
 */
export async function listPayments({ db, tenantId, locale }: Scope, q: z.output<typeof ZListPayments>) {
  const countedOn: Prisma.DateTimeFilter | undefined = q.day
    ? { equals: dateColumn(q.day) }
    : q.from || q.to
      ? { ...(q.from ? { gte: dateColumn(q.from) } : {}), ...(q.to ? { lte: dateColumn(q.to) } : {}) }
      : undefined;
  const where: Prisma.PaymentWhereInput = {
    tenantId,
    ...(countedOn ? { countedOn } : {}),
    ...(q.method ? { method: q.method } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.cashierId ? { enteredById: q.cashierId } : {}),
    ...(q.payer ? { payerKind: q.payer.kind, payerId: q.payer.id } : {}),
    ...((await paymentPayerWhere(db, tenantId, q.q)) ?? {}),
  };
  const total = await db.payment.count({ where });
  const rows = await db.payment.findMany({
    where,
    orderBy: [{ enteredAt: 'desc' }, { id: 'desc' }],
    ...pageWindow(q),
    include: { reversedBy: { select: { id: true, countedOn: true } }, onlineRefunds: { where: { status: 'SUCCEEDED' }, select: { amountFen: true } } },
  });
  const payers = await payerInfos(
    db,
    tenantId,
    rows.map((r) => ({ kind: r.payerKind, id: r.payerId })),
  );
  const names = await memberNames(
    db,
    tenantId,
    rows.flatMap((r) => [r.enteredById, ...(r.approvedById ? [r.approvedById] : [])]),
    locale,
  );
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((p) => ({
      ...paymentView(p, names, payers),
      reversesId: p.reversesId,
      reversed: p.reversedBy[0] ? { id: p.reversedBy[0].id, countedOn: fromDateColumn(p.reversedBy[0].countedOn) } : null,
      /** an online payment's refunds confirmed so far (partial 红冲) */
      refundedFen: p.onlineRefunds.reduce((s, r) => s + r.amountFen, 0),
      invoiceNo: p.invoiceNo,
      note: p.note,
    })),
  };
}

/** One payment with its allocations (bills), credit movements, and reversal either way. */
export async function getPayment({ db, tenantId, locale }: Scope, { id }: z.output<typeof ZGetPayment>) {
  const p = await db.payment.findUnique({
    where: { tenantId_id: { tenantId, id } },
    include: {
      allocations: {
        orderBy: { createdAt: 'asc' },
        include: {
          bill: {
            select: {
              id: true,
              kind: true,
              period: true,
              description: true,
              amountFen: true,
              paidFen: true,
              adjustedFen: true,
              voidedAt: true,
              dueDate: true,
              feeItem: { select: { name: true } },
            },
          },
        },
      },
      credit: { select: { id: true, amountFen: true, note: true, createdAt: true } },
      reversedBy: { select: { id: true, countedOn: true, enteredAt: true, enteredById: true, note: true } },
      reverses: { select: { id: true, receiptYear: true, receiptNo: true } },
      onlineRefunds: { where: { status: 'SUCCEEDED' }, select: { amountFen: true } },
    },
  });
  if (!p) throw notFound('payment');
  const payers = await payerInfos(db, tenantId, [{ kind: p.payerKind, id: p.payerId }]);
  const names = await memberNames(
    db,
    tenantId,
    [p.enteredById, ...(p.approvedById ? [p.approvedById] : []), ...p.reversedBy.map((r) => r.enteredById)],
    locale,
  );
  const rev = p.reversedBy[0];
  return {
    ...paymentView(p, names, payers),
    invoiceNo: p.invoiceNo,
    note: p.note,
    allocations: p.allocations.map((a) => ({
      billId: a.billId,
      amountFen: a.amountFen,
      bill: {
        kind: a.bill.kind,
        name: a.bill.feeItem?.name ?? a.bill.description,
        description: a.bill.description,
        period: a.bill.period,
        dueDate: fromDateColumn(a.bill.dueDate),
        amountFen: a.bill.amountFen,
        outstandingFen: outstandingFen(a.bill),
        void: !!a.bill.voidedAt,
      },
    })),
    credit: p.credit,
    refundedFen: p.onlineRefunds.reduce((s, r) => s + r.amountFen, 0),
    reverses: p.reverses ? { id: p.reverses.id, receiptNo: formatReceiptNo(p.reverses.receiptYear, p.reverses.receiptNo) } : null,
    reversed: rev
      ? { id: rev.id, countedOn: fromDateColumn(rev.countedOn), enteredAt: rev.enteredAt, by: names.get(rev.enteredById) ?? '', reason: rev.note }
      : null,
  };
}

type PaymentRow = {
  id: string;
  kind: PaymentKind;
  method: PaymentMethod;
  status: ApprovalStatus;
  amountFen: number;
  receivedOn: Date;
  countedOn: Date;
  enteredAt: Date;
  enteredById: string;
  approvedById: string | null;
  payerKind: 'UNIT' | 'PARKING';
  payerId: string;
  receiptYear: number | null;
  receiptNo: number | null;
};

/** What the payments list and a payment's page both show of it. */
function paymentView(p: PaymentRow, names: Map<string, string>, payers: Map<string, PayerInfo>) {
  return {
    ...paymentHead(p),
    countedOn: fromDateColumn(p.countedOn),
    enteredAt: p.enteredAt,
    cashier: { id: p.enteredById, name: names.get(p.enteredById) ?? '' },
    approvedBy: p.approvedById ? { id: p.approvedById, name: names.get(p.approvedById) ?? '' } : null,
    payer: payers.get(payerKey(p.payerKind, p.payerId)) ?? unknownPayer(p.payerKind, p.payerId),
    receiptNo: formatReceiptNo(p.receiptYear, p.receiptNo),
  };
}
