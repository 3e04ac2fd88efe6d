-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "paymentId" TEXT,
    "response" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IdempotencyKey_tenantId_scope_key_key" ON "IdempotencyKey"("tenantId", "scope", "key");

-- AddForeignKey
ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_tenantId_paymentId_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Hand-written (issue #12, fee points 1 and 7) ──────────────────────────────────
-- Idempotency keys are tenant-owned: row-level security like every such table; the app
-- never deletes one (a key stays spent, so a late retry still finds its payment).
SELECT linli_secure_tenant_table('"IdempotencyKey"');
REVOKE DELETE ON TABLE "IdempotencyKey" FROM linli_app;
ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_key_length" CHECK (length("key") BETWEEN 8 AND 100);

-- A regular bill voided on its own is never billed again (DOMAIN.md: "A run never re-creates a
-- bill that was voided on its own"), so it stays under the one-regular-bill key: among regular
-- bills not voided by undoing their run, at most one per (company, object, fee item, period).
-- The old predicate ("voidedAt" IS NULL) let a run whose insert waited for a void's transaction
-- bill the key again once the void committed. Bills voided by undoing their run leave the index
-- and may be billed again. (Implies the old rule: a non-void bill is never voidedByUndo.)
DROP INDEX "Bill_one_regular";
CREATE UNIQUE INDEX "Bill_one_regular" ON "Bill" ("tenantId", "objectId", "feeItemId", "period")
  WHERE "kind" = 'REGULAR' AND NOT "voidedByUndo";
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_undo_is_void" CHECK (NOT "voidedByUndo" OR "voidedAt" IS NOT NULL);
