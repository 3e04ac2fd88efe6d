-- CreateEnum
CREATE TYPE "PriceModel" AS ENUM ('FREE', 'FIXED', 'QUOTED');

-- CreateEnum
CREATE TYPE "WorkOrderPriority" AS ENUM ('URGENT', 'NORMAL', 'LOW');

-- CreateEnum
CREATE TYPE "WorkOrderStatus" AS ENUM ('SUBMITTED', 'ASSIGNED', 'ACCEPTED', 'QUOTED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EscalationStatus" AS ENUM ('OPEN', 'HANDLED');

-- AlterEnum
ALTER TYPE "BillKind" ADD VALUE 'SERVICE';

-- AlterTable
ALTER TABLE "Bill" ADD COLUMN     "workOrderId" TEXT;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "dispatcher" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "skills" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ServiceCategory" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'other',
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceCategory_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ServiceItem" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "priceModel" "PriceModel" NOT NULL DEFAULT 'FREE',
    "priceFen" INTEGER,
    "firstResponseMinutes" INTEGER NOT NULL DEFAULT 60,
    "resolveHours" INTEGER NOT NULL DEFAULT 24,
    "defaultPriority" "WorkOrderPriority" NOT NULL DEFAULT 'NORMAL',
    "communityIds" TEXT[],
    "skills" TEXT[],
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceItem_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "ServiceStation" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "communityIds" TEXT[],
    "place" TEXT NOT NULL DEFAULT '',
    "weeklyHours" JSONB NOT NULL DEFAULT '{}',
    "exceptions" JSONB NOT NULL DEFAULT '[]',
    "itemIds" TEXT[],
    "staffIds" TEXT[],
    "elementKeys" TEXT[],
    "openedOn" DATE,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ServiceStation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "StationSettings" (
    "tenantId" TEXT NOT NULL,
    "ownElements" JSONB,
    "targets" JSONB NOT NULL DEFAULT '{}',
    "qualityWeights" JSONB NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StationSettings_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "WorkOrderCounter" (
    "tenantId" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "WorkOrderCounter_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "WorkOrder" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "communityId" TEXT NOT NULL,
    "unitId" TEXT,
    "requesterId" TEXT,
    "categoryId" TEXT NOT NULL,
    "itemId" TEXT,
    "stationId" TEXT,
    "text" TEXT NOT NULL,
    "preferredTime" TEXT NOT NULL DEFAULT '',
    "priority" "WorkOrderPriority" NOT NULL DEFAULT 'NORMAL',
    "status" "WorkOrderStatus" NOT NULL DEFAULT 'SUBMITTED',
    "assigneeId" TEXT,
    "priceModel" "PriceModel" NOT NULL DEFAULT 'FREE',
    "priceFen" INTEGER,
    "quotedAt" TIMESTAMPTZ(3),
    "quoteAcceptedAt" TIMESTAMPTZ(3),
    "period" TEXT NOT NULL,
    "firstResponseDueAt" TIMESTAMPTZ(3) NOT NULL,
    "resolveDueAt" TIMESTAMPTZ(3) NOT NULL,
    "pausedSince" TIMESTAMPTZ(3),
    "pausedSeconds" INTEGER NOT NULL DEFAULT 0,
    "firstRespondedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "firstResponseMet" BOOLEAN,
    "resolutionMet" BOOLEAN,
    "rating" INTEGER,
    "ratingComment" TEXT,
    "ratedAt" TIMESTAMPTZ(3),
    "ratedById" TEXT,
    "ratedByPhone" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkOrder_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "WorkOrderEvent" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "action" TEXT,
    "fromStatus" "WorkOrderStatus",
    "toStatus" "WorkOrderStatus",
    "note" TEXT NOT NULL DEFAULT '',
    "actorId" TEXT NOT NULL,
    "actorRole" TEXT NOT NULL,
    "toResident" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkOrderEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "WorkOrderPhoto" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "uploadId" TEXT NOT NULL,
    "thumbId" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'request',
    "uploadedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkOrderPhoto_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "StreetOffice" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "district" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreetOffice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StreetLiaison" (
    "id" TEXT NOT NULL,
    "officeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreetLiaison_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StreetEscalation" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "officeId" TEXT NOT NULL,
    "companyName" TEXT NOT NULL,
    "orderNumber" INTEGER NOT NULL,
    "categoryName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "communityName" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "shareContact" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "EscalationStatus" NOT NULL DEFAULT 'OPEN',
    "escalatedById" TEXT NOT NULL,
    "escalatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstReplyAt" TIMESTAMPTZ(3),
    "handledAt" TIMESTAMPTZ(3),

    CONSTRAINT "StreetEscalation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "StreetReply" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "officeId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreetReply_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "StationStandard" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "elements" JSONB NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StationStandard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Announcement" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "imageId" TEXT,
    "communityIds" TEXT[],
    "pinnedUntil" TIMESTAMPTZ(3),
    "publishedById" TEXT NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceCategory_tenantId_name_key" ON "ServiceCategory"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceItem_tenantId_categoryId_name_key" ON "ServiceItem"("tenantId", "categoryId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceStation_tenantId_name_key" ON "ServiceStation"("tenantId", "name");

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_status_resolveDueAt_idx" ON "WorkOrder"("tenantId", "status", "resolveDueAt");

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_assigneeId_status_idx" ON "WorkOrder"("tenantId", "assigneeId", "status");

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_unitId_createdAt_idx" ON "WorkOrder"("tenantId", "unitId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkOrder_tenantId_period_idx" ON "WorkOrder"("tenantId", "period");

-- CreateIndex
CREATE INDEX "WorkOrder_text_trgm_idx" ON "WorkOrder" USING GIN ("text" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "WorkOrder_tenantId_number_key" ON "WorkOrder"("tenantId", "number");

-- CreateIndex
CREATE INDEX "WorkOrderEvent_tenantId_orderId_createdAt_idx" ON "WorkOrderEvent"("tenantId", "orderId", "createdAt");

-- CreateIndex
CREATE INDEX "WorkOrderPhoto_tenantId_orderId_idx" ON "WorkOrderPhoto"("tenantId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkOrderPhoto_tenantId_uploadId_key" ON "WorkOrderPhoto"("tenantId", "uploadId");

-- CreateIndex
CREATE UNIQUE INDEX "StreetOffice_slug_key" ON "StreetOffice"("slug");

-- CreateIndex
CREATE INDEX "StreetLiaison_userId_idx" ON "StreetLiaison"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "StreetLiaison_officeId_userId_key" ON "StreetLiaison"("officeId", "userId");

-- CreateIndex
CREATE INDEX "StreetEscalation_officeId_status_escalatedAt_idx" ON "StreetEscalation"("officeId", "status", "escalatedAt");

-- CreateIndex
CREATE INDEX "StreetEscalation_tenantId_orderId_idx" ON "StreetEscalation"("tenantId", "orderId");

-- CreateIndex
CREATE INDEX "StreetReply_tenantId_escalationId_createdAt_idx" ON "StreetReply"("tenantId", "escalationId", "createdAt");

-- CreateIndex
CREATE INDEX "StreetReply_officeId_createdAt_idx" ON "StreetReply"("officeId", "createdAt");

-- CreateIndex
CREATE INDEX "Announcement_tenantId_publishedAt_idx" ON "Announcement"("tenantId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Bill_tenantId_workOrderId_key" ON "Bill"("tenantId", "workOrderId");

-- AddForeignKey
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_tenantId_workOrderId_fkey" FOREIGN KEY ("tenantId", "workOrderId") REFERENCES "WorkOrder"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceCategory" ADD CONSTRAINT "ServiceCategory_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceItem" ADD CONSTRAINT "ServiceItem_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceItem" ADD CONSTRAINT "ServiceItem_tenantId_categoryId_fkey" FOREIGN KEY ("tenantId", "categoryId") REFERENCES "ServiceCategory"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceStation" ADD CONSTRAINT "ServiceStation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StationSettings" ADD CONSTRAINT "StationSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderCounter" ADD CONSTRAINT "WorkOrderCounter_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_tenantId_communityId_fkey" FOREIGN KEY ("tenantId", "communityId") REFERENCES "Community"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "Unit"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_tenantId_categoryId_fkey" FOREIGN KEY ("tenantId", "categoryId") REFERENCES "ServiceCategory"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_tenantId_itemId_fkey" FOREIGN KEY ("tenantId", "itemId") REFERENCES "ServiceItem"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_tenantId_stationId_fkey" FOREIGN KEY ("tenantId", "stationId") REFERENCES "ServiceStation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_tenantId_assigneeId_fkey" FOREIGN KEY ("tenantId", "assigneeId") REFERENCES "Membership"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderEvent" ADD CONSTRAINT "WorkOrderEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderEvent" ADD CONSTRAINT "WorkOrderEvent_tenantId_orderId_fkey" FOREIGN KEY ("tenantId", "orderId") REFERENCES "WorkOrder"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderPhoto" ADD CONSTRAINT "WorkOrderPhoto_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrderPhoto" ADD CONSTRAINT "WorkOrderPhoto_tenantId_orderId_fkey" FOREIGN KEY ("tenantId", "orderId") REFERENCES "WorkOrder"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreetLiaison" ADD CONSTRAINT "StreetLiaison_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "StreetOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreetEscalation" ADD CONSTRAINT "StreetEscalation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreetEscalation" ADD CONSTRAINT "StreetEscalation_tenantId_orderId_fkey" FOREIGN KEY ("tenantId", "orderId") REFERENCES "WorkOrder"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreetEscalation" ADD CONSTRAINT "StreetEscalation_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "StreetOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreetReply" ADD CONSTRAINT "StreetReply_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreetReply" ADD CONSTRAINT "StreetReply_tenantId_escalationId_fkey" FOREIGN KEY ("tenantId", "escalationId") REFERENCES "StreetEscalation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreetReply" ADD CONSTRAINT "StreetReply_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "StreetOffice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ── hand-written: row-level security, the street-office setting, checks ──────────────

SELECT linli_secure_tenant_table('"ServiceCategory"');
SELECT linli_secure_tenant_table('"ServiceItem"');
SELECT linli_secure_tenant_table('"ServiceStation"');
SELECT linli_secure_tenant_table('"StationSettings"');
SELECT linli_secure_tenant_table('"WorkOrderCounter"');
SELECT linli_secure_tenant_table('"WorkOrder"');
SELECT linli_secure_tenant_table('"WorkOrderEvent"');
SELECT linli_secure_tenant_table('"WorkOrderPhoto"');
SELECT linli_secure_tenant_table('"StreetEscalation"');
SELECT linli_secure_tenant_table('"StreetReply"');
SELECT linli_secure_tenant_table('"Announcement"');

-- A street-office liaison's request (server/street: liaisonProcedure) sets app.street_office_id
-- instead of app.tenant_id. These permissive policies add, for that setting only, exactly the
-- escalations of the office (from any company), their replies, and the escalated orders and
-- their photos; nothing else of any company matches (no tenant is set).
CREATE POLICY liaison_read ON "StreetEscalation" FOR SELECT
  USING ("officeId" = current_setting('app.street_office_id', true));
CREATE POLICY liaison_update ON "StreetEscalation" FOR UPDATE
  USING ("officeId" = current_setting('app.street_office_id', true))
  WITH CHECK ("officeId" = current_setting('app.street_office_id', true));
CREATE POLICY liaison_read ON "StreetReply" FOR SELECT
  USING ("officeId" = current_setting('app.street_office_id', true));
CREATE POLICY liaison_insert ON "StreetReply" FOR INSERT
  WITH CHECK ("officeId" = current_setting('app.street_office_id', true)
    AND EXISTS (SELECT 1 FROM "StreetEscalation" e
                WHERE e."tenantId" = "StreetReply"."tenantId" AND e."id" = "StreetReply"."escalationId"
                  AND e."officeId" = current_setting('app.street_office_id', true)));
CREATE POLICY liaison_read ON "WorkOrder" FOR SELECT
  USING (EXISTS (SELECT 1 FROM "StreetEscalation" e
                 WHERE e."tenantId" = "WorkOrder"."tenantId" AND e."orderId" = "WorkOrder"."id"
                   AND e."officeId" = current_setting('app.street_office_id', true)));
CREATE POLICY liaison_read ON "WorkOrderPhoto" FOR SELECT
  USING (EXISTS (SELECT 1 FROM "StreetEscalation" e
                 WHERE e."tenantId" = "WorkOrderPhoto"."tenantId" AND e."orderId" = "WorkOrderPhoto"."orderId"
                   AND e."officeId" = current_setting('app.street_office_id', true)));

-- Timeline and replies are append-only for the app.
REVOKE UPDATE, DELETE ON TABLE "WorkOrderEvent" FROM linli_app;
REVOKE UPDATE, DELETE ON TABLE "StreetReply" FROM linli_app;

ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_rating_range" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5);
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_price_nonnegative" CHECK ("priceFen" IS NULL OR "priceFen" >= 0);
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_number_positive" CHECK ("number" > 0);
ALTER TABLE "ServiceItem" ADD CONSTRAINT "ServiceItem_price_nonnegative" CHECK ("priceFen" IS NULL OR "priceFen" >= 0);
ALTER TABLE "ServiceItem" ADD CONSTRAINT "ServiceItem_sla_positive" CHECK ("firstResponseMinutes" > 0 AND "resolveHours" > 0);
ALTER TABLE "Bill" ADD CONSTRAINT "Bill_service_has_order" CHECK (("kind"::text = 'SERVICE') = ("workOrderId" IS NOT NULL));

-- The city's station standard as the platform starts with it (operators edit it at /platform).
INSERT INTO "StationStandard" ("id", "name", "elements", "updatedAt") VALUES ('city', '睦宁里便民服务站设置标准',
  '[{"key":"sewing","name":"针线缝补","description":"缝补、改衣、钉扣"},
    {"key":"small-repair","name":"小修小补","description":"小家电、门锁、水龙头等小修"},
    {"key":"daily","name":"日常必需","description":"代收快递、充气、工具借用等日常所需"},
    {"key":"emergency","name":"应急维修","description":"漏水、停电等24小时应急响应"},
    {"key":"hours","name":"公示开放时间","description":"每周开放时间及节假日安排公示"},
    {"key":"staff","name":"专人值守","description":"开放时间内有工作人员在岗"},
    {"key":"feedback","name":"意见反馈渠道","description":"投诉建议可当场或线上提交"}]'::jsonb, now())
ON CONFLICT ("id") DO NOTHING;
