-- CreateEnum
CREATE TYPE "StripeAccountStatus" AS ENUM ('NOT_CONNECTED', 'PENDING', 'READY');

-- CreateEnum
CREATE TYPE "OverpaymentPolicy" AS ENUM ('CREDIT', 'REFUND');

-- CreateEnum
CREATE TYPE "CheckoutPurpose" AS ENUM ('BILLS', 'TOP_UP');

-- CreateEnum
CREATE TYPE "CheckoutStatus" AS ENUM ('OPEN', 'PROCESSING', 'SUCCEEDED', 'FAILED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "OnlineRefundStatus" AS ENUM ('PENDING_APPROVAL', 'REQUESTED', 'SUCCEEDED', 'FAILED', 'REJECTED');

-- AlterEnum
ALTER TYPE "OutboxChannel" ADD VALUE 'SMS';

-- AlterTable
ALTER TABLE "AccountMessage" ADD COLUMN     "channel" "OutboxChannel" NOT NULL DEFAULT 'EMAIL';

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "phone" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "email" SET DEFAULT '';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "phone" TEXT,
ALTER COLUMN "email" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PhoneCode" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "consumedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhoneCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmsSend" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "ip" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsSend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnlinePaymentSettings" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "stripeAccountId" TEXT,
    "status" "StripeAccountStatus" NOT NULL DEFAULT 'NOT_CONNECTED',
    "chargesEnabled" BOOLEAN NOT NULL DEFAULT false,
    "payoutsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "detailsSubmitted" BOOLEAN NOT NULL DEFAULT false,
    "methods" TEXT[] DEFAULT ARRAY['card']::TEXT[],
    "overpayment" "OverpaymentPolicy" NOT NULL DEFAULT 'CREDIT',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OnlinePaymentSettings_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "CheckoutIntent" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "purpose" "CheckoutPurpose" NOT NULL,
    "payerKind" "ObjectKind" NOT NULL,
    "payerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "stripeAccountId" TEXT NOT NULL,
    "applicationFeeFen" INTEGER NOT NULL DEFAULT 0,
    "sessionId" TEXT,
    "checkoutUrl" TEXT,
    "paymentIntentId" TEXT,
    "status" "CheckoutStatus" NOT NULL DEFAULT 'OPEN',
    "failureCode" TEXT,
    "paymentId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "CheckoutIntent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "CheckoutIntentLine" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "intentId" TEXT NOT NULL,
    "billId" TEXT NOT NULL,
    "lateFee" BOOLEAN NOT NULL DEFAULT false,
    "amountFen" INTEGER NOT NULL,

    CONSTRAINT "CheckoutIntentLine_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "OnlineCharge" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "intentId" TEXT NOT NULL,
    "chargeId" TEXT NOT NULL,
    "paymentIntentId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "feeFen" INTEGER NOT NULL DEFAULT 0,
    "netFen" INTEGER NOT NULL DEFAULT 0,
    "applicationFeeFen" INTEGER NOT NULL DEFAULT 0,
    "balanceTransactionId" TEXT,
    "payoutId" TEXT,
    "paidAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OnlineCharge_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "OnlineRefund" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "amountFen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "status" "OnlineRefundStatus" NOT NULL DEFAULT 'PENDING_APPROVAL',
    "stripeRefundId" TEXT,
    "requestedById" TEXT NOT NULL,
    "approvedById" TEXT,
    "refundPaymentId" TEXT,
    "failureReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "confirmedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OnlineRefund_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PlatformSettings" (
    "id" TEXT NOT NULL DEFAULT 'platform',
    "applicationFeeBps" INTEGER NOT NULL DEFAULT 0,
    "applicationFeeFixedFen" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "PlatformSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformAudit" (
    "id" TEXT NOT NULL,
    "actorEmail" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "companyId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformAudit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PhoneCode_phone_createdAt_idx" ON "PhoneCode"("phone", "createdAt");

-- CreateIndex
CREATE INDEX "SmsSend_phone_at_idx" ON "SmsSend"("phone", "at");

-- CreateIndex
CREATE INDEX "SmsSend_ip_at_idx" ON "SmsSend"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "OnlinePaymentSettings_stripeAccountId_key" ON "OnlinePaymentSettings"("stripeAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "OnlinePaymentSettings_tenantId_key" ON "OnlinePaymentSettings"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckoutIntent_sessionId_key" ON "CheckoutIntent"("sessionId");

-- CreateIndex
CREATE INDEX "CheckoutIntent_tenantId_payerKind_payerId_createdAt_idx" ON "CheckoutIntent"("tenantId", "payerKind", "payerId", "createdAt");

-- CreateIndex
CREATE INDEX "CheckoutIntent_tenantId_status_idx" ON "CheckoutIntent"("tenantId", "status");

-- CreateIndex
CREATE INDEX "CheckoutIntentLine_tenantId_intentId_idx" ON "CheckoutIntentLine"("tenantId", "intentId");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineCharge_chargeId_key" ON "OnlineCharge"("chargeId");

-- CreateIndex
CREATE INDEX "OnlineCharge_tenantId_paidAt_idx" ON "OnlineCharge"("tenantId", "paidAt");

-- CreateIndex
CREATE INDEX "OnlineCharge_tenantId_paymentId_idx" ON "OnlineCharge"("tenantId", "paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineRefund_stripeRefundId_key" ON "OnlineRefund"("stripeRefundId");

-- CreateIndex
CREATE INDEX "OnlineRefund_tenantId_paymentId_idx" ON "OnlineRefund"("tenantId", "paymentId");

-- CreateIndex
CREATE INDEX "OnlineRefund_tenantId_status_idx" ON "OnlineRefund"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "StripeEvent_eventId_key" ON "StripeEvent"("eventId");

-- CreateIndex
CREATE INDEX "PlatformAudit_createdAt_idx" ON "PlatformAudit"("createdAt");

-- CreateIndex
CREATE INDEX "Invitation_tenantId_phone_idx" ON "Invitation"("tenantId", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

-- AddForeignKey
ALTER TABLE "OnlinePaymentSettings" ADD CONSTRAINT "OnlinePaymentSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckoutIntent" ADD CONSTRAINT "CheckoutIntent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckoutIntent" ADD CONSTRAINT "CheckoutIntent_tenantId_paymentId_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckoutIntentLine" ADD CONSTRAINT "CheckoutIntentLine_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckoutIntentLine" ADD CONSTRAINT "CheckoutIntentLine_tenantId_intentId_fkey" FOREIGN KEY ("tenantId", "intentId") REFERENCES "CheckoutIntent"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckoutIntentLine" ADD CONSTRAINT "CheckoutIntentLine_tenantId_billId_fkey" FOREIGN KEY ("tenantId", "billId") REFERENCES "Bill"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineCharge" ADD CONSTRAINT "OnlineCharge_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineCharge" ADD CONSTRAINT "OnlineCharge_tenantId_paymentId_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineRefund" ADD CONSTRAINT "OnlineRefund_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineRefund" ADD CONSTRAINT "OnlineRefund_tenantId_paymentId_fkey" FOREIGN KEY ("tenantId", "paymentId") REFERENCES "Payment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StripeEvent" ADD CONSTRAINT "StripeEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── hand-written: row-level security, grants, tenantless lookups ──────────────────

SELECT linli_secure_tenant_table('"OnlinePaymentSettings"');
SELECT linli_secure_tenant_table('"CheckoutIntent"');
SELECT linli_secure_tenant_table('"CheckoutIntentLine"');
SELECT linli_secure_tenant_table('"OnlineCharge"');
SELECT linli_secure_tenant_table('"OnlineRefund"');
SELECT linli_secure_tenant_table('"StripeEvent"');

-- Applied Stripe events are append-only for the app.
REVOKE UPDATE, DELETE ON TABLE "StripeEvent" FROM linli_app;
-- Sign-in codes and the SMS send log are tenantless and hold secrets (code hashes) or
-- per-phone history: the app role reaches them only through SECURITY DEFINER functions
-- (server/db/system.ts), written with the phone sign-in.
REVOKE ALL ON TABLE "PhoneCode" FROM linli_app;
REVOKE ALL ON TABLE "SmsSend" FROM linli_app;
-- The platform audit is append-only.
REVOKE UPDATE, DELETE ON TABLE "PlatformAudit" FROM linli_app;

-- The company that owns a Stripe connected account (a Connect webhook names its account;
-- metadata alone never picks the tenant).
CREATE OR REPLACE FUNCTION linli_tenant_by_stripe_account(p_account text)
RETURNS TABLE (tenant_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s."tenantId" FROM "OnlinePaymentSettings" s WHERE s."stripeAccountId" = p_account;
$$;
REVOKE ALL ON FUNCTION linli_tenant_by_stripe_account(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_tenant_by_stripe_account(text) TO linli_app;

-- /platform: every company with its online payment status (operators only; the app checks
-- PLATFORM_ADMINS before calling).
CREATE OR REPLACE FUNCTION linli_platform_tenants()
RETURNS TABLE (tenant_id text, slug text, name text, created_at timestamptz, stripe_account_id text, stripe_status text, members bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t."id", t."slug", t."name", t."createdAt", s."stripeAccountId", COALESCE(s."status"::text, 'NOT_CONNECTED'),
         (SELECT count(*) FROM "Membership" m WHERE m."tenantId" = t."id")
  FROM "Tenant" t LEFT JOIN "OnlinePaymentSettings" s ON s."tenantId" = t."id"
  ORDER BY t."createdAt";
$$;
REVOKE ALL ON FUNCTION linli_platform_tenants() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION linli_platform_tenants() TO linli_app;

-- Amounts are positive.
ALTER TABLE "CheckoutIntent" ADD CONSTRAINT "CheckoutIntent_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "CheckoutIntentLine" ADD CONSTRAINT "CheckoutIntentLine_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "OnlineRefund" ADD CONSTRAINT "OnlineRefund_amount_positive" CHECK ("amountFen" > 0);
ALTER TABLE "User" ADD CONSTRAINT "User_email_or_phone" CHECK ("email" IS NOT NULL OR "phone" IS NOT NULL);
