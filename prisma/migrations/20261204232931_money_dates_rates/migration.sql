-- DropIndex
DROP INDEX "DayClose_tenantId_day_key";

-- AlterTable
ALTER TABLE "DayClose" ADD COLUMN     "reopenReason" TEXT,
ADD COLUMN     "reopenedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reopenedById" TEXT;

-- AlterTable
ALTER TABLE "FeeItem" ADD COLUMN     "countsInRate" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "DayClose_tenantId_day_idx" ON "DayClose"("tenantId", "day");

-- Hand-written (DOMAIN.md "Which bills"): one-off items do not count in the payment rate;
-- recurring items (PER_AREA, FIXED, METERED) keep the default, true.
UPDATE "FeeItem" SET "countsInRate" = false WHERE "calc" = 'ONE_OFF';

-- 反日结 marks a DayClose row reopened instead of deleting it (linli_app may not delete):
-- at most one row per day that is not reopened.
CREATE UNIQUE INDEX "DayClose_one_per_day" ON "DayClose"("tenantId", "day") WHERE "reopenedAt" IS NULL;
