import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import { AppError, notFound } from '../errors';
import { recordAudit } from '../tenancy/audit';
import { normalizePhone, maskPhone } from '../shared/phone';
import type { ZAddHouseholdMember, ZRemoveHouseholdMember } from '../shared/schemas/my-household';

// A resident's household (issue #14): the units the signed-in resident lives in, with the
// people on each. The OWNER of a unit links household members to it: an OCCUPANT resident
// record with a name and phone, who can then sign in by phone (server/auth/phone-sign-in.ts
// links their account on first sign-in). Only the owner's own units in this company: any
// other unit (another owner's, another company's) is NOT_FOUND.

/** The units where the user is the (not archived) OWNER, with the unit row. */
async function ownedUnit({ db, tenantId, actorId }: Scope, unitId: string) {
  const mine = await db.resident.findFirst({
    where: { tenantId, unitId, userId: actorId, kind: 'OWNER', archivedAt: null, unit: { archivedAt: null } },
    select: { unitId: true },
  });
  if (!mine) throw notFound('unit');
  return mine.unitId;
}

export async function myHousehold({ db, tenantId, actorId }: Scope) {
  const mine = await db.resident.findMany({
    where: { tenantId, userId: actorId, archivedAt: null, unit: { archivedAt: null } },
    include: {
      unit: {
        include: {
          community: { select: { name: true } },
          building: { select: { name: true } },
          residents: { where: { archivedAt: null }, orderBy: { createdAt: 'asc' } },
        },
      },
    },
    orderBy: { createdAt: 'asc' },
  });
  return mine.map((r) => ({
    unitId: r.unitId,
    community: r.unit.community.name,
    building: r.unit.building.name,
    entrance: r.unit.entrance,
    number: r.unit.number,
    /** the signed-in user is this unit's owner: may add and remove household members */
    canManage: r.kind === 'OWNER',
    members: r.unit.residents.map((m) => ({
      id: m.id,
      name: m.name,
      kind: m.kind,
      // The whole number for the owner (they entered it), masked for everyone else.
      phone: r.kind === 'OWNER' ? m.phone : m.phone ? maskPhone(m.phone) : '',
      signedIn: m.userId !== null,
      me: m.userId === actorId,
    })),
  }));
}

export async function addHouseholdMember(scope: Scope, input: z.output<typeof ZAddHouseholdMember>) {
  const { db, tenantId, actorId } = scope;
  const unitId = await ownedUnit(scope, input.unitId);
  const others = await db.resident.findMany({ where: { tenantId, unitId, archivedAt: null }, select: { phone: true } });
  if (others.some((o) => normalizePhone(o.phone) === input.phone)) {
    throw new AppError('CONFLICT', 'householdPhoneExists', undefined, { field: 'phone' });
  }
  const member = await db.resident.create({
    data: { tenantId, unitId, name: input.name, phone: input.phone, kind: 'OCCUPANT' },
    select: { id: true, name: true, phone: true, kind: true },
  });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'household.add',
    entity: 'Resident',
    entityId: member.id,
    after: { unitId, name: member.name, phone: member.phone, kind: member.kind },
  });
  return member;
}

/** The owner takes a household member (an occupant, never an owner) off the unit: archived. */
export async function removeHouseholdMember(scope: Scope, input: z.output<typeof ZRemoveHouseholdMember>) {
  const { db, tenantId, actorId } = scope;
  const member = await db.resident.findUnique({ where: { tenantId_id: { tenantId, id: input.id } } });
  if (!member || member.archivedAt || member.kind !== 'OCCUPANT') throw notFound('resident');
  await ownedUnit(scope, member.unitId).catch(() => {
    throw notFound('resident');
  });
  await db.resident.update({ where: { tenantId_id: { tenantId, id: member.id } }, data: { archivedAt: new Date() } });
  await recordAudit(db, {
    tenantId,
    actorId,
    action: 'household.remove',
    entity: 'Resident',
    entityId: member.id,
    before: { name: member.name, phone: member.phone },
  });
  return { ok: true as const };
}
