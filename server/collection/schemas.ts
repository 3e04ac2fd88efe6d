import { z } from 'zod';
import { ZId, ZPage, periodInBounds, PERIOD_BOUNDS_MESSAGE, DATE_BOUNDS_MESSAGE } from '../shared/validation';
import { keyMessage } from '../shared/error-key';

// Inputs of the collection domain: summary and rates, period close, arrears and reminders
// (notifications and the outbox: shared/schemas/notifications.ts; a resident's own bills:
// shared/schemas/my-bills.ts).

export const ZPeriod = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, { message: keyMessage('periodFormat'), abort: true })
  .refine(periodInBounds, PERIOD_BOUNDS_MESSAGE);

export const ZLocalDate = z
  .string()
  .regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, keyMessage('dateFormat'))
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: keyMessage('noSuchDate'), abort: true })
  .refine(periodInBounds, DATE_BOUNDS_MESSAGE);

export const ZScope = z.object({ communityId: ZId.optional(), buildingId: ZId.optional() }).default({});

export const ZSummary = z.object({
  period: ZPeriod,
  scope: ZScope,
  /** cut-off date D; default: the period's last day, or local today if the period is not over */
  cutoff: ZLocalDate.optional(),
});

export const ZClosePeriod = z.object({ period: ZPeriod });
export const ZPeriodCloses = z.object({ ...ZPage });

export const ZArrearsLevel = z.enum(['community', 'building', 'unit']);

const arrearsFilter = {
  level: ZArrearsLevel.default('unit'),
  communityId: ZId.optional(),
  buildingId: ZId.optional(),
  /** default: local today */
  asOf: ZLocalDate.optional(),
};
export const ZArrears = z.object({ ...arrearsFilter, ...ZPage });
export const ZArrearsExport = z.object(arrearsFilter);

export const ZSendReminders = z.object({
  unitIds: z.array(ZId).min(1, keyMessage('chooseUnit')).max(10_000).optional(),
  communityId: ZId.optional(),
  /** only payers with a bill at least this many days overdue (default 1: any arrears) */
  minDaysOverdue: z.number().int().min(1).max(10_000).default(1),
  /** send even if the unit was reminded in the last 7 days */
  force: z.boolean().default(false),
});

export const ZReminderHistory = z.object({ unitId: ZId.optional(), ...ZPage });

/**
 * 催缴通知单 for a selection of arrears (#17): the units chosen, else every payer in arrears of
 * the community or building (or of the whole company); one page per household.
 */
export const ZNotices = z.object({
  unitIds: z.array(ZId).min(1, keyMessage('chooseUnit')).max(2_000).optional(),
  communityId: ZId.optional(),
  buildingId: ZId.optional(),
  minDaysOverdue: z.number().int().min(1).max(10_000).default(1),
});
