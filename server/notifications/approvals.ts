import 'server-only';
import type { Scope } from '../db/scope';
import type { AdjustmentKind } from '../db/generated/enums';
import { PERMISSIONS, type Permission } from '../shared/permissions';
import { formatFen } from '../shared/money';
import { serverTranslator, textLocale } from '../i18n/translator';
import { notifyUsers } from './outbox';
import { payerInfos, payerKey } from '../payments/payers';

// Who hears about an approval (减免/优惠, 退款), in the company's language (server.json `approvals`):
// - a new request: every active member whose role may decide it (the requester aside), with a
//   link to the queue;
// - a decision: the member who asked, with a link to the bill (or the queue).
// Written in the transaction of the request or decision, like every in-app notification.

export type ApprovalKind = AdjustmentKind | 'REFUND';

export interface ApprovalSubject {
  kind: ApprovalKind;
  amountFen: number;
  /** the unit or parking space, e.g. "翠竹园 1号楼 1单元-101" */
  object: string;
  /** the fee item and period of an adjustment's bill; empty for a refund of credit */
  bill: string;
  reason: string;
}

const QUEUE: Record<ApprovalKind, { path: string; permission: Permission }> = {
  WAIVER: { path: '/adjustments', permission: 'fees.manage' },
  DISCOUNT: { path: '/adjustments', permission: 'fees.manage' },
  REFUND: { path: '/refunds', permission: 'payments.approve' },
};

/** The user ids of the active members whose role may decide this kind of request, the actor aside. */
export async function approverIds({ db, tenantId, actorId }: Scope, kind: ApprovalKind): Promise<string[]> {
  const roles = [...PERMISSIONS[QUEUE[kind].permission]];
  const rows = await db.membership.findMany({ where: { tenantId, status: 'ACTIVE', role: { in: roles } }, select: { userId: true } });
  return rows.map((r) => r.userId).filter((id) => id !== actorId);
}

/** The label of a bill's object (unit or space) in one query. */
export async function objectLabel({ db, tenantId }: Scope, object: { kind: 'UNIT' | 'PARKING'; id: string }) {
  return (await payerInfos(db, tenantId, [object])).get(payerKey(object.kind, object.id))?.label ?? '';
}

function texts(scope: Scope, s: ApprovalSubject) {
  const t = serverTranslator(scope.locale);
  return {
    t,
    kind: t(`approvals.kind.${s.kind}`),
    amount: formatFen(s.amountFen, scope.currency, textLocale(scope.locale)),
    what: s.bill ? t('approvals.what', { object: s.object, bill: s.bill }) : s.object,
  };
}

/** "减免待审批：翠竹园 1号楼 1单元-101" to every approver. */
export async function notifyApprovers(scope: Scope, s: ApprovalSubject, requesterName: string) {
  const to = await approverIds(scope, s.kind);
  if (!to.length) return 0;
  const { t, kind, amount, what } = texts(scope, s);
  const title = t('approvals.requestedTitle', { kind, object: s.object });
  const body = t('approvals.requestedBody', { requester: requesterName, kind, amount, what, reason: s.reason });
  const link = `/${scope.slug}${QUEUE[s.kind].path}?status=PENDING`;
  return notifyUsers(
    scope.db,
    scope.tenantId,
    to.map((userId) => ({ userId, kind: 'approval.requested', title, body, link })),
  );
}

/** "减免申请已批准：…" to the member who asked (not when they decide their own request). */
export async function notifyRequester(
  scope: Scope,
  s: ApprovalSubject,
  d: { requesterId: string; approved: boolean; deciderName: string; note?: string | null; link?: string },
) {
  if (d.requesterId === scope.actorId) return 0;
  const { t, kind, amount, what } = texts(scope, s);
  const decision = t(d.approved ? 'approvals.approved' : 'approvals.rejected');
  const title = t('approvals.decidedTitle', { kind, decision, object: s.object });
  const body = d.note
    ? t('approvals.decidedBodyNote', { decider: d.deciderName, decision, kind, amount, what, note: d.note })
    : t('approvals.decidedBody', { decider: d.deciderName, decision, kind, amount, what });
  return notifyUsers(scope.db, scope.tenantId, [
    { userId: d.requesterId, kind: 'approval.decided', title, body, link: d.link ?? `/${scope.slug}${QUEUE[s.kind].path}` },
  ]);
}

/** A member's display name (the requester or decider in a message). */
export async function memberName({ db }: Scope, userId: string) {
  return (await db.user.findUnique({ where: { id: userId }, select: { name: true } }))?.name ?? '';
}
