-- CreateIndex
CREATE INDEX "RateDay_tenantId_buildingId_day_idx" ON "RateDay"("tenantId", "buildingId", "day");
