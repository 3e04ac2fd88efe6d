import 'server-only';
import type { z } from 'zod';
import type { Prisma } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import type { ZUpdateCityStandard } from '../shared/schemas/stations';
import { CITY_STANDARD_ID, cityStandard } from '../stations/standard';
import type { PlatformScope } from './scope';
import { recordPlatformAudit } from './audit';

// The city's 睦宁里 station standard (StationStandard 'city', seeded by the migration): the template
// companies adopt unless they keep their own elements. Global (no tenant): edited in /platform only.

export async function getCityStandard({ prisma }: PlatformScope) {
  return cityStandard(prisma as unknown as TenantDb);
}

/** Replaces the template's name and elements; the change and its audit row commit together. */
export async function updateCityStandard({ prisma, actorEmail }: PlatformScope, input: z.output<typeof ZUpdateCityStandard>) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`select 1 from "StationStandard" where "id" = ${CITY_STANDARD_ID} for update`;
    const before = await cityStandard(tx as unknown as TenantDb);
    const elements = input.elements as unknown as Prisma.InputJsonValue;
    await tx.stationStandard.upsert({
      where: { id: CITY_STANDARD_ID },
      create: { id: CITY_STANDARD_ID, name: input.name, elements },
      update: { name: input.name, elements },
    });
    await recordPlatformAudit(tx, {
      actorEmail,
      action: 'platform.stationStandard',
      before: { name: before.name, elements: before.elements },
      after: { name: input.name, elements: input.elements },
    });
    return cityStandard(tx as unknown as TenantDb);
  });
}
