// Who a payment is from, as printed on receipts and lists: a unit's household or the renter of
// a parking space rented alone.

import { spaceLabel, unitLabel, unitNumberLabel } from '../shared/labels';
import 'server-only';
import type { TenantDb } from '../db/tenant';
import { serverTranslator } from '../i18n/translator';
import { ONLINE_ACTOR_ID } from '../shared/system-actors';

export type PayerInfo = {
  kind: 'UNIT' | 'PARKING';
  id: string;
  community: string;
  /** UNIT: the building; PARKING: "" */
  building: string;
  /** UNIT: "1单元-1502" (entrance and number); PARKING: the space number */
  unit: string;
  /** PARKING only: the space number */
  parkingSpace: string | null;
  /** who pays: the unit's current residents (owners first), or the space's renter */
  name: string;
  /** one line, e.g. "翠竹园 3号楼 1单元-1502" or "翠竹园 车位 B-017" */
  label: string;
};

export const payerKey = (kind: string, id: string) => `${kind}:${id}`;

/** A payer whose object is gone from the register (never expected: objects are archived, not deleted). */
export const unknownPayer = (kind: 'UNIT' | 'PARKING', id: string): PayerInfo => ({
  kind,
  id,
  community: '',
  building: '',
  unit: '',
  parkingSpace: null,
  name: '',
  label: id,
});

/** Labels for many payers in two queries. Unknown ids are left out of the map. */
export async function payerInfos(db: TenantDb, tenantId: string, payers: readonly { kind: 'UNIT' | 'PARKING'; id: string }[]): Promise<Map<string, PayerInfo>> {
  const unitIds = [...new Set(payers.filter((p) => p.kind === 'UNIT').map((p) => p.id))];
  const spaceIds = [...new Set(payers.filter((p) => p.kind === 'PARKING').map((p) => p.id))];
  // One query at a time: a transaction is one connection.
  const units = unitIds.length
    ? await db.unit.findMany({
        where: { tenantId, id: { in: unitIds } },
        select: {
          id: true,
          entrance: true,
          number: true,
          community: { select: { name: true } },
          building: { select: { name: true } },
          residents: { where: { archivedAt: null }, select: { name: true, kind: true }, orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }] },
        },
      })
    : [];
  const spaces = spaceIds.length
    ? await db.parkingSpace.findMany({
        where: { tenantId, id: { in: spaceIds } },
        select: { id: true, number: true, renterName: true, community: { select: { name: true } } },
      })
    : [];
  const out = new Map<string, PayerInfo>();
  for (const u of units) {
    const unit = unitNumberLabel(u);
    out.set(payerKey('UNIT', u.id), {
      kind: 'UNIT',
      id: u.id,
      community: u.community.name,
      building: u.building.name,
      unit,
      parkingSpace: null,
      name: u.residents.map((r) => r.name).join('、'),
      label: unitLabel({ community: u.community.name, building: u.building.name, entrance: u.entrance, number: u.number }),
    });
  }
  for (const s of spaces) {
    out.set(payerKey('PARKING', s.id), {
      kind: 'PARKING',
      id: s.id,
      community: s.community.name,
      building: '',
      unit: s.number,
      parkingSpace: s.number,
      name: s.renterName,
      label: spaceLabel(s.number, s.community.name),
    });
  }
  return out;
}

/**
 * Display names of the company's members (cashiers, approvers) by user id, and of the system
 * actors (shared/system-actors.ts: online payments show as 在线支付) in the company's locale.
 */
export async function memberNames(db: TenantDb, tenantId: string, userIds: readonly string[], locale?: string): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return new Map();
  const rows = await db.membership.findMany({ where: { tenantId, userId: { in: ids } }, select: { userId: true, user: { select: { name: true } } } });
  const names = new Map(rows.map((r) => [r.userId, r.user.name]));
  if (ids.includes(ONLINE_ACTOR_ID)) names.set(ONLINE_ACTOR_ID, serverTranslator(locale)('payments.onlineActor'));
  return names;
}
