import type { PrismaClient } from '../db/generated/client';

/** What a /platform service is handed: no tenant, the operator's e-mail (checked by platformProcedure). */
export interface PlatformScope {
  prisma: PrismaClient;
  actorEmail: string;
  now?: Date;
}
