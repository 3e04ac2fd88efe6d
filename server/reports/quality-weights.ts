import 'server-only';
import type { z } from 'zod';
import type { Scope } from '../db/scope';
import type { Prisma } from '../db/generated/client';
import { recordAudit } from '../tenancy/audit';
import type { ZQualityWeights } from '../shared/schemas/reports';
import { DEFAULT_QUALITY_WEIGHTS, type QualityWeights } from '../shared/quality-index';
import { qualityWeights } from './quality';

// The company's weights of the service quality index (DOMAIN.md: "Each company sets the
// weights"), kept in StationSettings.qualityWeights. Every report takes the index with the
// weights of the day it is read, also for closed months (their figures are frozen, not the index).

export async function getQualityWeights({ db, tenantId }: Scope): Promise<{ weights: QualityWeights; defaults: QualityWeights }> {
  return { weights: await qualityWeights(db, tenantId), defaults: DEFAULT_QUALITY_WEIGHTS };
}

export async function setQualityWeights({ db, tenantId, actorId }: Scope, input: z.output<typeof ZQualityWeights>) {
  const before = await qualityWeights(db, tenantId);
  const weights: QualityWeights = {
    rating: input.rating,
    csat: input.csat,
    firstResponse: input.firstResponse,
    resolution: input.resolution,
    reopen: input.reopen,
    cancellation: input.cancellation,
    resolveTime: input.resolveTime,
  };
  const json = weights as unknown as Prisma.InputJsonValue;
  await db.stationSettings.upsert({ where: { tenantId }, create: { tenantId, qualityWeights: json }, update: { qualityWeights: json } });
  await recordAudit(db, { tenantId, actorId, action: 'qualityWeights.set', entity: 'StationSettings', entityId: tenantId, before, after: weights });
  return { weights, defaults: DEFAULT_QUALITY_WEIGHTS };
}
