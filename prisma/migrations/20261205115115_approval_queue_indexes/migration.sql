-- The navigation's pending-approval badge and the approval queues (#17 point 4;
-- server/billing/pending-approvals.ts, billing.listAdjustments, the refunds queue).
--
-- Under row-level security enum equality is not leakproof, so an index led by ("tenantId",
-- "status") is read over every row of the company (a large company has millions of payments).
-- Partial indexes instead, as for the work-order board: the planner proves the query's
-- kind/status condition implies the predicate and reads only what waits. Not expressed in
-- schema.prisma (Prisma ignores partial indexes in its diff: no drift).
CREATE INDEX "Payment_refund_pending_idx" ON "Payment" ("tenantId", "enteredAt") WHERE "kind" = 'REFUND' AND "status" = 'PENDING';
CREATE INDEX "Adjustment_pending_idx" ON "Adjustment" ("tenantId", "requestedAt") WHERE "status" = 'PENDING';
CREATE INDEX "OnlineRefund_pending_approval_idx" ON "OnlineRefund" ("tenantId", "createdAt") WHERE "status" = 'PENDING_APPROVAL';
