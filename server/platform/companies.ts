import 'server-only';
import { platformTenants } from '../db/system';
import type { PlatformScope } from './scope';

/** Every company with its online payment (Stripe Connect) status and member count. */
export async function listPlatformCompanies({ prisma }: PlatformScope) {
  return platformTenants(prisma);
}
