import 'server-only';
import type { TenantDb } from '../db/tenant';
import { fromDateColumn } from '../shared/calendar';
import { formatReceiptNo } from '../payments/ledger';
import { payerInfos, payerKey } from '../payments/payers';

// The audit log names each object by its label, as the rest of the app does (a unit as
// "翠竹园 1号楼 1单元-101", a bill by its unit, fee item and period, a payment by its receipt
// number), with a link to where it is shown. One query per object type on the page's rows;
// an object gone from the register (or of a type with no page) keeps no label.

export interface AuditObject {
  label: string;
  /** path under the company, e.g. "/units/<id>"; null when the object has no page of its own */
  href: string | null;
}

type Ref = { entity: string; entityId: string | null };

export async function auditObjects(db: TenantDb, tenantId: string, rows: readonly Ref[]): Promise<Map<string, AuditObject>> {
  const ids = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && r.entityId).map((r) => r.entityId!))];
  const out = new Map<string, AuditObject>();
  const put = (entity: string, id: string, o: AuditObject) => out.set(`${entity}:${id}`, o);
  // One query at a time: a transaction is one connection.

  // bills, also those of the adjustments on the page, labelled by their object
  const adjustmentIds = ids('Adjustment');
  const adjustments = adjustmentIds.length
    ? await db.adjustment.findMany({ where: { tenantId, id: { in: adjustmentIds } }, select: { id: true, billId: true } })
    : [];
  const billIds = [...new Set([...ids('Bill'), ...adjustments.map((a) => a.billId)])];
  const bills = billIds.length
    ? await db.bill.findMany({
        where: { tenantId, id: { in: billIds } },
        select: { id: true, objectKind: true, objectId: true, period: true, description: true, feeItem: { select: { name: true } } },
      })
    : [];
  const payments = ids('Payment').length
    ? await db.payment.findMany({
        where: { tenantId, id: { in: ids('Payment') } },
        select: { id: true, kind: true, payerKind: true, payerId: true, receiptYear: true, receiptNo: true },
      })
    : [];
  const onlineRefunds = ids('OnlineRefund').length
    ? await db.onlineRefund.findMany({
        where: { tenantId, id: { in: ids('OnlineRefund') } },
        select: { id: true, paymentId: true, payment: { select: { payerKind: true, payerId: true, receiptYear: true, receiptNo: true } } },
      })
    : [];
  const residents = ids('Resident').length
    ? await db.resident.findMany({ where: { tenantId, id: { in: ids('Resident') } }, select: { id: true, name: true, unitId: true } })
    : [];
  const objects = await payerInfos(db, tenantId, [
    ...ids('Unit').map((id) => ({ kind: 'UNIT' as const, id })),
    ...ids('ParkingSpace').map((id) => ({ kind: 'PARKING' as const, id })),
    ...bills.map((b) => ({ kind: b.objectKind, id: b.objectId })),
    ...payments.map((p) => ({ kind: p.payerKind, id: p.payerId })),
    ...onlineRefunds.map((r) => ({ kind: r.payment.payerKind, id: r.payment.payerId })),
    ...residents.map((r) => ({ kind: 'UNIT' as const, id: r.unitId })),
  ]);
  const objectLabel = (kind: 'UNIT' | 'PARKING', id: string) => objects.get(payerKey(kind, id))?.label ?? '';

  for (const id of ids('Unit')) if (objects.has(payerKey('UNIT', id))) put('Unit', id, { label: objectLabel('UNIT', id), href: `/units/${id}` });
  for (const id of ids('ParkingSpace'))
    if (objects.has(payerKey('PARKING', id))) put('ParkingSpace', id, { label: objectLabel('PARKING', id), href: '/parking' });
  const billLabel = new Map(
    bills.map((b) => [b.id, [objectLabel(b.objectKind, b.objectId), b.feeItem?.name ?? b.description, b.period].filter(Boolean).join(' · ')]),
  );
  for (const b of bills) put('Bill', b.id, { label: billLabel.get(b.id)!, href: `/bills/${b.id}` });
  for (const a of adjustments) if (billLabel.has(a.billId)) put('Adjustment', a.id, { label: billLabel.get(a.billId)!, href: `/bills/${a.billId}` });
  for (const p of payments) {
    const receipt = formatReceiptNo(p.receiptYear, p.receiptNo);
    const who = objectLabel(p.payerKind, p.payerId);
    put('Payment', p.id, {
      label: [receipt, who].filter(Boolean).join(' · '),
      href: receipt ? `/receipts/${p.id}` : p.kind === 'REFUND' ? '/refunds' : '/payments',
    });
  }
  for (const r of onlineRefunds) {
    const receipt = formatReceiptNo(r.payment.receiptYear, r.payment.receiptNo);
    put('OnlineRefund', r.id, {
      label: [receipt, objectLabel(r.payment.payerKind, r.payment.payerId)].filter(Boolean).join(' · '),
      href: `/receipts/${r.paymentId}`,
    });
  }
  for (const r of residents) put('Resident', r.id, { label: [r.name, objectLabel('UNIT', r.unitId)].filter(Boolean).join(' · '), href: `/units/${r.unitId}` });

  if (ids('Community').length) {
    for (const c of await db.community.findMany({ where: { tenantId, id: { in: ids('Community') } }, select: { id: true, name: true } })) {
      put('Community', c.id, { label: c.name, href: `/communities/${c.id}` });
    }
  }
  if (ids('Building').length) {
    const buildings = await db.building.findMany({
      where: { tenantId, id: { in: ids('Building') } },
      select: { id: true, name: true, communityId: true, community: { select: { name: true } } },
    });
    for (const b of buildings) put('Building', b.id, { label: `${b.community.name} ${b.name}`, href: `/communities/${b.communityId}` });
  }
  if (ids('FeeItem').length) {
    for (const f of await db.feeItem.findMany({ where: { tenantId, id: { in: ids('FeeItem') } }, select: { id: true, name: true } })) {
      put('FeeItem', f.id, { label: f.name, href: `/fee-items/${f.id}` });
    }
  }
  if (ids('PeriodClose').length) {
    for (const c of await db.periodClose.findMany({ where: { tenantId, id: { in: ids('PeriodClose') } }, select: { id: true, period: true } })) {
      put('PeriodClose', c.id, { label: c.period, href: `/collection?period=${c.period}` });
    }
  }
  if (ids('DayClose').length) {
    for (const d of await db.dayClose.findMany({ where: { tenantId, id: { in: ids('DayClose') } }, select: { id: true, day: true } })) {
      put('DayClose', d.id, { label: fromDateColumn(d.day), href: '/day-close' });
    }
  }
  if (ids('BillingRun').length) {
    for (const r of await db.billingRun.findMany({ where: { tenantId, id: { in: ids('BillingRun') } }, select: { id: true, period: true } })) {
      put('BillingRun', r.id, { label: r.period, href: '/billing' });
    }
  }
  if (ids('Membership').length) {
    const members = await db.membership.findMany({
      where: { tenantId, id: { in: ids('Membership') } },
      select: { id: true, user: { select: { name: true } } },
    });
    for (const m of members) put('Membership', m.id, { label: m.user.name, href: '/members' });
  }
  if (ids('ServiceStation').length) {
    for (const s of await db.serviceStation.findMany({ where: { tenantId, id: { in: ids('ServiceStation') } }, select: { id: true, name: true } })) {
      put('ServiceStation', s.id, { label: s.name, href: '/stations' });
    }
  }
  if (ids('Announcement').length) {
    for (const a of await db.announcement.findMany({ where: { tenantId, id: { in: ids('Announcement') } }, select: { id: true, title: true } })) {
      put('Announcement', a.id, { label: a.title, href: '/announcements' });
    }
  }
  return out;
}
