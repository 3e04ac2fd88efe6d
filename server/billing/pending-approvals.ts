import 'server-only';
import type { Scope } from '../db/scope';

/**
 * What waits for an approver, for the navigation's badges: discounts and waivers (减免审批), and
 * refunds (退款: of credit from the desk, and of online payments awaiting a second admin).
 */
export async function getPendingApprovals({ db, tenantId }: Scope) {
  // One query at a time: a transaction is one connection.
  const adjustments = await db.adjustment.count({ where: { tenantId, status: 'PENDING' } });
  const creditRefunds = await db.payment.count({ where: { tenantId, kind: 'REFUND', status: 'PENDING' } });
  const onlineRefunds = await db.onlineRefund.count({ where: { tenantId, status: 'PENDING_APPROVAL' } });
  return { adjustments, refunds: creditRefunds + onlineRefunds };
}
