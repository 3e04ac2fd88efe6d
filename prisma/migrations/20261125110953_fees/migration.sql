-- CreateEnum
CREATE TYPE "ObjectKind" AS ENUM ('UNIT', 'PARKING');

-- CreateEnum
CREATE TYPE "FeeCalc" AS ENUM ('PER_AREA', 'FIXED', 'METERED', 'ONE_OFF');

-- CreateEnum
CREATE TYPE "BillingCycle" AS ENUM ('MONTHLY', 'QUARTERLY', 'YEARLY');

-- CreateEnum
CREATE TYPE "BillKind" AS ENUM ('REGULAR', 'CORRECTION', 'LATE_FEE', 'ONE_OFF');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('CASH', 'BANK_TRANSFER', 'WECHAT', 'ALIPAY', 'POS', 'ONLINE', 'CREDIT');

-- CreateEnum
CREATE TYPE "PaymentKind" AS ENUM ('PAYMENT', 'REFUND', 'REVERSAL');

-- CreateEnum
CREATE TYPE "AdjustmentKind" AS ENUM ('DISCOUNT', 'WAIVER');

-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "BillingRunStatus" AS ENUM ('COMMITTED', 'UNDONE');

-- CreateEnum
CREATE TYPE "OutboxChannel" AS ENUM ('EMAIL', 'IN_APP');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "billingStart" DATE;

-- CreateTable
CREATE TABLE "FeeSettings" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "autoBillingEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoBillingDay" INTEGER NOT NULL DEFAULT 1,
    "reminderEmailFrom" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "FeeSettings_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ParkingSpace" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "unitId" TEXT,
    "renterName" TEXT NOT NULL DEFAULT '',
    "renterPhone" TEXT NOT NULL DEFAULT '',
    "renterEmail" TEXT NOT NULL DEFAULT '',
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ParkingSpace_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "FeeItem" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "calc" "FeeCalc" NOT NULL,
    "cycle" "BillingCycle" NOT NULL DEFAULT 'MONTHLY',
    "objectKind" "ObjectKind" NOT NULL DEFAULT 'UNIT',
    "dueDay" INTEGER NOT NULL DEFAULT 15,
    "communityIds" TEXT[],
    "buildingIds" TEXT[],
    "statusFactors" JSONB NOT NULL DEFAULT '{"OCCUPIED":"1","VACANT":"1","RENOVATION":"1"}',
    "lateFeeDailyBp" INTEGER,
    "lateFeeGraceDays" INTEGER NOT NULL DEFAULT 0,
    "lateFeeCapPercent" INTEGER,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FeeItem_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "FeeItemPrice" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "feeItemId" TEXT NOT NULL,
    "effectiveFrom" TEXT NOT NULL,
    "priceUnits" INTEGER NOT NULL,
    "tiers" JSONB,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeeItemPrice_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Meter" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "feeItemId" TEXT NOT NULL,
    "serial" TEXT NOT NULL DEFAULT '',
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meter_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "MeterReading" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "meterId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "reading" BIGINT NOT NULL,
    "replacedOld" BIGINT,
    "replacedNew" BIGINT,
    "readOn" DATE NOT NULL,
    "enteredById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeterReading_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "BillingRun" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "feeItemIds" TEXT[],
    "communityIds" TEXT[],
    "status" "BillingRunStatus" NOT NULL DEFAULT 'COMMITTED',
    "billCount" INTEGER NOT NULL,
    "totalFen" BIGINT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" TIMESTAMPTZ(3),
    "undoneById" TEXT,
    "undoReason" TEXT,

    CONSTRAINT "BillingRun_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Bill" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "kind" "BillKind" NOT NULL,
    "objectKind" "ObjectKind" NOT NULL,
    "objectId" TEXT NOT NULL,
    "unitId" TEXT,
    "parkingSpaceId" TEXT,
    "payerKind" "ObjectKind" NOT NULL,
    "payerId" TEXT NOT NULL,
    "feeItemId" TEXT,
    "period" TEXT NOT NULL,
    "runId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "amountFen" INTEGER NOT NULL,
    "paidFen" INTEGER NOT NULL DEFAULT 0,
    "adjustedFen" INTEGER NOT NULL DEFAULT 0,
    "dueDate" DATE NOT NULL,
    "replacesId" TEXT,
    "forBillId" TEXT,
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" TEXT,
    "voidedByUndo" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bill_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Adjustment" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "kind" "AdjustmentKind" NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "effectiveOn" DATE,

    CONSTRAINT "Adjustment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "kind" "PaymentKind" NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "payerKind" "ObjectKind" NOT NULL,
    "payerId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "receivedOn" DATE NOT NULL,
    "countedOn" DATE NOT NULL,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enteredById" TEXT NOT NULL,
    "receiptYear" INTEGER,
    "receiptNo" INTEGER,
    "reversesId" TEXT,
    "invoiceNo" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "ApprovalStatus" NOT NULL DEFAULT 'APPROVED',
    "approvedById" TEXT,
    "externalRef" TEXT,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PaymentAllocation" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentAllocation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ReceiptCounter" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastNo" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReceiptCounter_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "CreditEntry" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payerKind" "ObjectKind" NOT NULL,
    "payerId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "paymentId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditEntry_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "DayClose" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "totals" JSONB NOT NULL,
    "closedById" TEXT NOT NULL,
    "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DayClose_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PeriodClose" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "closedById" TEXT NOT NULL,
    "closedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PeriodClose_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "payerKind" "ObjectKind" NOT NULL,
    "payerId" TEXT NOT NULL,
    "arrearsFen" INTEGER NOT NULL,
    "forced" BOOLEAN NOT NULL DEFAULT false,
    "sentById" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL DEFAULT '',
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "channel" "OutboxChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FeeSettings_tenantId_key" ON "FeeSettings"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ParkingSpace_tenantId_communityId_number_key" ON "ParkingSpace"("tenantId", "communityId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "FeeItem_tenantId_name_key" ON "FeeItem"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "FeeItemPrice_tenantId_feeItemId_effectiveFrom_key" ON "FeeItemPrice"("tenantId", "feeItemId", "effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Meter_tenantId_unitId_feeItemId_key" ON "Meter"("tenantId", "unitId", "feeItemId");

-- CreateIndex
CREATE UNIQUE INDEX "MeterReading_tenantId_meterId_period_key" ON "MeterReading"("tenantId", "meterId", "period");

-- CreateIndex
CREATE INDEX "BillingRun_tenantId_period_idx" ON "BillingRun"("tenantId", "period");

-- CreateIndex
CREATE INDEX "Bill_tenantId_payerKind_payerId_idx" ON "Bill"("tenantId", "payerKind", "payerId");

-- CreateIndex
CREATE INDEX "Bill_tenantId_period_idx" ON "Bill"("tenantId", "period");

-- CreateIndex
CREATE INDEX "Bill_tenantId_runId_idx" ON "Bill"("tenantId", "runId");

-- CreateIndex
CREATE INDEX "Bill_tenantId_unitId_idx" ON "Bill"("tenantId", "unitId");

-- CreateIndex
CREATE INDEX "Adjustment_tenantId_billId_idx" ON "Adjustment"("tenantId", "billId");

-- CreateIndex
CREATE INDEX "Payment_tenantId_payerKind_payerId_idx" ON "Payment"("tenantId", "payerKind", "payerId");

-- CreateIndex
CREATE INDEX "Payment_tenantId_countedOn_idx" ON "Payment"("tenantId", "countedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_tenantId_receiptYear_receiptNo_key" ON "Payment"("tenantId", "receiptYear", "receiptNo");

-- CreateIndex
CREATE INDEX "PaymentAllocation_tenantId_billId_idx" ON "PaymentAllocation"("tenantId", "billId");

-- CreateIndex
CREATE INDEX "PaymentAllocation_tenantId_paymentId_idx" ON "PaymentAllocation"("tenantId", "paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "ReceiptCounter_tenantId_year_key" ON "ReceiptCounter"("tenantId", "year");

-- CreateIndex
CREATE INDEX "CreditEntry_tenantId_payerKind_payerId_idx" ON "CreditEntry"("tenantId", "payerKind", "payerId");

-- CreateIndex
CREATE UNIQUE INDEX "DayClose_tenantId_day_key" ON "DayClose"("tenantId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "PeriodClose_tenantId_period_key" ON "PeriodClose"("tenantId", "period");

-- CreateIndex
CREATE INDEX "Reminder_tenantId_payerKind_payerId_sentAt_idx" ON "Reminder"("tenantId", "payerKind", "payerId", "sentAt");

-- CreateIndex
CREATE INDEX "Notification_tenantId_userId_createdAt_idx" ON "Notification"("tenantId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "FeeSettings" ADD CONSTRAINT "FeeSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingSpace" ADD CONSTRAINT "ParkingSpace_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingSpace" ADD CONSTRAINT "ParkingSpace_tenantId_communityId_fkey" FOREIGN KEY ("tenantId", "communityId") REFERENCES "Community"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingSpace" ADD CONSTRAINT "ParkingSpace_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeItem" ADD CONSTRAINT "FeeItem_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeItemPrice" ADD CONSTRAINT "FeeItemPrice_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeeItemPrice" ADD CONSTRAINT "FeeItemPrice_tenantId_feeItemId_fkey" FOREIGN KEY ("tenantId", "feeItemId") REFERENCES "FeeItem"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meter" ADD CONSTRAINT "Meter_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meter" ADD CONSTRAINT "Meter_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meter" ADD CONSTRAINT "Meter_tenantId_feeItemId_fkey" FOREIGN KEY ("tenantId", "feeItemId") REFERENCES "FeeItem"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterReading" ADD CONSTRAINT "MeterReading_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterReading" ADD CONSTRAINT "MeterReading_tenantId_meterId_fkey" FOREIGN KEY ("tenantId", "meterId") REFERENCES "Meter"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BillingRun" ADD CONSTRAINT "BillingRun_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_parkingSpaceId_fkey" FOREIGN KEY ("tenantId", "parkingSpaceId") REFERENCES "ParkingSpace"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_feeItemId_fkey" FOREIGN KEY ("tenantId", "feeItemId") REFERENCES "FeeItem"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_runId_fkey" FOREIGN KEY ("tenantId", "runId") REFERENCES "BillingRun"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_replacesId_fkey" FOREIGN KEY ("tenantId", "replacesId") REFERENCES "Bill"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_forBillId_fkey" FOREIGN KEY ("tenantId", "forBillId") REFERENCES "Bill"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_tenantId_billId_fkey" FOREIGN KEY ("tenantId", "billId") REFERENCES "Bill"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_tenantId_reversesId_fkey" FOREIGN KEY ("tenantId", "reversesId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_tenantId_paymentId_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_tenantId_billId_fkey" FOREIGN KEY ("tenantId", "billId") REFERENCES "Bill"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceiptCounter" ADD CONSTRAINT "ReceiptCounter_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditEntry" ADD CONSTRAINT "CreditEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditEntry" ADD CONSTRAINT "CreditEntry_tenantId_paymentId_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DayClose" ADD CONSTRAINT "DayClose_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── Hand-written: what schema.prisma cannot express ─────────────────────────────────

SELECT linli_secure_tenant_table('"FeeSettings"');
SELECT linli_secure_tenant_table('"ParkingSpace"');
SELECT linli_secure_tenant_table('"FeeItem"');
SELECT linli_secure_tenant_table('"FeeItemPrice"');
SELECT linli_secure_tenant_table('"Meter"');
SELECT linli_secure_tenant_table('"MeterReading"');
SELECT linli_secure_tenant_table('"BillingRun"');
SELECT linli_secure_tenant_table('"Bill"');
SELECT linli_secure_tenant_table('"Adjustment"');
SELECT linli_secure_tenant_table('"Payment"');
SELECT linli_secure_tenant_table('"PaymentAllocation"');
SELECT linli_secure_tenant_table('"ReceiptCounter"');
SELECT linli_secure_tenant_table('"CreditEntry"');
SELECT linli_secure_tenant_table('"DayClose"');
SELECT linli_secure_tenant_table('"PeriodClose"');
SELECT linli_secure_tenant_table('"Reminder"');
SELECT linli_secure_tenant_table('"Notification"');
SELECT linli_secure_tenant_table('"OutboxMessage"');

-- Money records are append-only for the app: payments and allocations are never edited
-- or deleted (a reversal is a new record).
REVOKE UPDATE, DELETE ON TABLE "PaymentAllocation" FROM linli_app;
REVOKE DELETE ON TABLE "Payment", "CreditEntry", "Bill", "Adjustment", "DayClose", "PeriodClose" FROM linli_app;

-- Periods are YYYY-MM.
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_period_format" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "BillingRun" ADD CONSTRAINT "BillingRun_period_format" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "FeeItemPrice" ADD CONSTRAINT "FeeItemPrice_period_format" CHECK ("effectiveFrom" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "MeterReading" ADD CONSTRAINT "MeterReading_period_format" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');
ALTER TABLE "PeriodClose" ADD CONSTRAINT "PeriodClose_period_format" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');

-- Amounts: positive where money moves; what was paid and adjusted never exceeds the bill.
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_paid_within_amount"
  CHECK ("paidFen" >= 0 AND "adjustedFen" >= 0 AND "paidFen" + "adjustedFen" <= "amountFen");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "Adjustment" ADD CONSTRAINT "Adjustment_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "PaymentAllocation" ADD CONSTRAINT "PaymentAllocation_amount_nonzero" CHECK ("amountFen" <> 0);
ALTER TABLE "FeeItemPrice" ADD CONSTRAINT "FeeItemPrice_price_nonnegative" CHECK ("priceUnits" >= 0);
ALTER TABLE "FeeItem" ADD CONSTRAINT "FeeItem_due_day" CHECK ("dueDay" BETWEEN 0 AND 28);
ALTER TABLE "FeeItem" ADD CONSTRAINT "FeeItem_has_scope" CHECK (cardinality("communityIds") > 0);
ALTER TABLE "ReceiptCounter" ADD CONSTRAINT "ReceiptCounter_lastNo" CHECK ("lastNo" >= 0);

-- A bill's object is exactly the unit or the parking space its kind names.
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_object_matches" CHECK (
  ("objectKind" = 'UNIT' AND "unitId" = "objectId" AND "parkingSpaceId" IS NULL) OR
  ("objectKind" = 'PARKING' AND "parkingSpaceId" = "objectId" AND "unitId" IS NULL));
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_kind_links" CHECK (
  ("kind" = 'CORRECTION') = ("replacesId" IS NOT NULL) AND
  ("kind" = 'LATE_FEE') = ("forBillId" IS NOT NULL) AND
  ("kind" <> 'REGULAR' OR ("feeItemId" IS NOT NULL)));

-- One non-void regular bill per (company, object, fee item, period), whatever retries or
-- races happen; a correction replaces one void bill at most.
CREATE UNIQUE INDEX "Bill_one_regular" ON "Bill" ("tenantId", "objectId", "feeItemId", "period")
  WHERE "kind" = 'REGULAR' AND "voidedAt" IS NULL;
CREATE UNIQUE INDEX "Bill_one_correction" ON "Bill" ("tenantId", "replacesId") WHERE "replacesId" IS NOT NULL;
-- A reversal undoes one payment once.
CREATE UNIQUE INDEX "Payment_one_reversal" ON "Payment" ("tenantId", "reversesId") WHERE "reversesId" IS NOT NULL;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_reversal_link" CHECK (("kind" = 'REVERSAL') = ("reversesId" IS NOT NULL));

-- ── Jobs that visit every tenant ─────────────────────────────────────────────────
-- Claims up to p_limit pending outbox messages across companies for delivery (SKIP LOCKED:
-- several app servers never deliver one message twice at once).
CREATE OR REPLACE FUNCTION linli_outbox_claim(p_limit int)
RETURNS TABLE (tenant_id text, id text, channel text, recipient text, subject text, body text, attempts int)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  UPDATE "OutboxMessage" o SET "attempts" = o."attempts" + 1
  WHERE (o."tenantId", o."id") IN (
    SELECT m."tenantId", m."id" FROM "OutboxMessage" m
    WHERE m."status" = 'PENDING' AND m."attempts" < 5
    ORDER BY m."createdAt" LIMIT p_limit FOR UPDATE SKIP LOCKED)
  RETURNING o."tenantId", o."id", o."channel"::text, o."recipient", o."subject", o."body", o."attempts";
$$;
REVOKE ALL ON FUNCTION linli_outbox_claim(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_outbox_claim(int) TO linli_app;

-- Companies whose scheduled monthly billing is due on a given day of the month.
CREATE OR REPLACE FUNCTION linli_auto_billing_tenants(p_day int)
RETURNS TABLE (tenant_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s."tenantId" FROM "FeeSettings" s WHERE s."autoBillingEnabled" AND s."autoBillingDay" = p_day;
$$;
REVOKE ALL ON FUNCTION linli_auto_billing_tenants(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_auto_billing_tenants(int) TO linli_app;
