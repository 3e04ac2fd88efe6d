-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "address" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "phone" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sealUploadId" TEXT;

-- #17: the company's address, phone and seal, printed on receipts and 催缴通知单. The Tenant
-- row's policies (tenant_read, tenant_update: only the company in scope) already cover them;
-- lengths as the settings schema allows, enforced here too.
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_address_len" CHECK (char_length("address") <= 200);
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_phone_len" CHECK (char_length("phone") <= 40);
