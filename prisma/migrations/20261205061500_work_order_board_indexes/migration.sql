-- The dispatch board (server/work-orders/list-board.ts; `npm run bench:workorders`).
--
-- Under row-level security PostgreSQL only uses leakproof operators as index conditions: text
-- and timestamp comparisons are, enum equality (status, priority) and LIKE are not. So an index
-- led by ("tenantId", "status") is read over every order of the company, history included. These
-- are partial indexes instead: the planner picks them by proving the query's status condition
-- implies their predicate (allowed under RLS), and reads only the orders of that status, in
-- deadline order. Partial indexes are not expressed in schema.prisma (Prisma ignores them in its
-- diff: no drift); they live here.

-- The page of rows, one ordered scan per (status, clock): the next unmet deadline is the first
-- response's while nobody responded to an open order, else the resolution's. An accepted order
-- has responded.
CREATE INDEX "WorkOrder_board_submitted_first_idx" ON "WorkOrder" ("tenantId", "firstResponseDueAt", "number")
  WHERE "status" = 'SUBMITTED' AND "firstRespondedAt" IS NULL;
CREATE INDEX "WorkOrder_board_assigned_first_idx" ON "WorkOrder" ("tenantId", "firstResponseDueAt", "number")
  WHERE "status" = 'ASSIGNED' AND "firstRespondedAt" IS NULL;
CREATE INDEX "WorkOrder_board_unaccepted_resolve_idx" ON "WorkOrder" ("tenantId", "resolveDueAt", "number")
  WHERE "status" IN ('SUBMITTED', 'ASSIGNED') AND "firstRespondedAt" IS NOT NULL;
CREATE INDEX "WorkOrder_board_accepted_first_idx" ON "WorkOrder" ("tenantId", "firstResponseDueAt", "number")
  WHERE "status" IN ('ACCEPTED', 'QUOTED', 'IN_PROGRESS') AND "firstRespondedAt" IS NULL;
CREATE INDEX "WorkOrder_board_accepted_resolve_idx" ON "WorkOrder" ("tenantId", "resolveDueAt", "number")
  WHERE "status" = 'ACCEPTED' AND "firstRespondedAt" IS NOT NULL;
CREATE INDEX "WorkOrder_board_quoted_resolve_idx" ON "WorkOrder" ("tenantId", "resolveDueAt", "number")
  WHERE "status" = 'QUOTED' AND "firstRespondedAt" IS NOT NULL;
CREATE INDEX "WorkOrder_board_in_progress_resolve_idx" ON "WorkOrder" ("tenantId", "resolveDueAt", "number")
  WHERE "status" = 'IN_PROGRESS' AND "firstRespondedAt" IS NOT NULL;
-- A finished order sorts by its resolution deadline.
CREATE INDEX "WorkOrder_board_done_resolve_idx" ON "WorkOrder" ("tenantId", "resolveDueAt", "number")
  WHERE "status" IN ('COMPLETED', 'CLOSED', 'CANCELLED');

-- Counts per status: index-only scans (the policies read "tenantId" and "id"), open orders and
-- finished ones apart, under every filter but the text search (community first: the usual one).
CREATE INDEX "WorkOrder_board_open_count_idx" ON "WorkOrder"
  ("tenantId", "communityId", "status", "categoryId", "assigneeId", "priority",
   "firstRespondedAt", "firstResponseDueAt", "resolveDueAt", "pausedSince", "createdAt", "id")
  WHERE "status" IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS');
CREATE INDEX "WorkOrder_board_done_count_idx" ON "WorkOrder" ("tenantId", "communityId", "status", "categoryId", "assigneeId", "priority", "id")
  WHERE "status" IN ('COMPLETED', 'CLOSED', 'CANCELLED');

-- Open orders of a category (text equality is leakproof).
CREATE INDEX "WorkOrder_board_category_idx" ON "WorkOrder" ("tenantId", "categoryId")
  WHERE "status" IN ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS');
