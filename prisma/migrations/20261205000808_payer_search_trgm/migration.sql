-- The payer search (server/payments/payer-search.ts) matches unit and space numbers, names and phones
-- with ILIKE '%…%'. pg_trgm is a trusted extension: the owner running the migrations creates it
-- (on PGlite it is loaded in the constructor, server/db/pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "ParkingSpace_number_trgm_idx" ON "ParkingSpace" USING GIN ("number" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ParkingSpace_renterName_trgm_idx" ON "ParkingSpace" USING GIN ("renterName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Resident_name_trgm_idx" ON "Resident" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Resident_phone_trgm_idx" ON "Resident" USING GIN ("phone" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Unit_number_trgm_idx" ON "Unit" USING GIN ("number" gin_trgm_ops);
