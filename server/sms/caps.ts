import 'server-only';
import type { PrismaClient } from '../db/generated/client';
import type { TenantDb } from '../db/tenant';
import { reserveSmsSend } from '../db/system';
import { AppError } from '../errors';

// SMS send caps, counted on SmsSend rows in PostgreSQL (linli_sms_reserve, phone_sign_in
// migration), so they hold across app servers; the phone is locked while it is counted, so
// concurrent requests never pass together.
export const SMS_CAPS = { perMinute: 1, perHour: 5, perDay: 10, perIpHour: 20 } as const;

export type SmsKind = 'sign-in-code' | 'notification';

export class SmsCapError extends AppError {
  constructor(readonly retryAfter: number) {
    super('TOO_MANY_REQUESTS', 'smsTooSoon', { seconds: retryAfter }, { retryAfterSeconds: retryAfter });
  }
}

/**
 * Counts one SMS to `phone` (from `ip`, '' when no person asked, e.g. a notification) or
 * throws SmsCapError (TOO_MANY_REQUESTS, `smsTooSoon` with the seconds to wait).
 */
export async function reserveSms(db: PrismaClient | TenantDb, s: { phone: string; ip: string; kind: SmsKind; now?: Date }): Promise<void> {
  const r = await reserveSmsSend(db, s);
  if (!r.allowed) throw new SmsCapError(r.retryAfter);
}
