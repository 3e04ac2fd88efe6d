import { z } from 'zod';
import { issueMessageOf } from '../../errors';
import { ZId, ZPage, ZSearch, periodInBounds, PERIOD_BOUNDS_MESSAGE, DATE_BOUNDS_MESSAGE, zName, zText, type FieldName } from '../validation';
import { keyMessage } from '../error-key';
import { ZOptionalEmail, ZPhone, ZUnitStatus } from './property';
import { parseFactor, parseYuanPrice } from '../money';
import { localDateToDayNumber, parsePeriod } from '../calendar';
import { parseReading, splitOverTiers, type Tier } from '../tiers';
import { MAX_INT4, priceUnitsToYuanText, zYuanToFen, zYuanToPriceUnits } from '../money-input';

// Inputs of the billing services (fee items, parking spaces, meters, runs, bills, adjustments,
// late fees). The money rules are money.ts's: these schemas only call its parsers, so a price
// refused here is refused with that module's words.

/** The largest value of an `Int` column (bill amounts, prices in 1/100 fen). */
export { MAX_INT4 };

/** '' (an empty input or "none" option) → undefined, for a form's optional fields. */
export const blankAsUndefined = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
/** A form's amount: typed in yuan (server/shared/money-input.ts), then the server's ZAmountFen. */
export const zAmountInput = () => zYuanToFen().pipe(ZAmountFen);
/**
 * A price as typed (money-input's unit-price transform reads "¥2.355", "２．３５５") → the canonical
 * text the API takes ("2.3550"); text it cannot read goes on as typed, for ZYuanPrice to refuse in its words.
 */
export function typedPriceText(s: string): string {
  const r = zYuanToPriceUnits().safeParse(s);
  return r.success ? priceUnitsToYuanText(r.data) : s.trim();
}

/** Runs a money.ts/tiers.ts parser inside zod: its AppError message becomes the issue. */
function via<T>(parse: (s: string) => T) {
  return (s: string, ctx: z.RefinementCtx): T => {
    try {
      return parse(s);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: issueMessageOf(e) });
      return z.NEVER;
    }
  };
}

const name = (what: FieldName, max = 100) => zName({ what, max });
const reason = (what: FieldName = 'reason') => zName({ what, max: 500, multiline: true });

/** A billing period 'YYYY-MM'. */
export const ZPeriod = z
  .string()
  .trim()
  .transform(via((s) => (parsePeriod(s), s)))
  .refine(periodInBounds, PERIOD_BOUNDS_MESSAGE);
/** A local calendar date 'YYYY-MM-DD'. */
export const ZLocalDate = z
  .string()
  .trim()
  .transform(via((s) => (localDateToDayNumber(s), s)))
  .refine(periodInBounds, DATE_BOUNDS_MESSAGE);
/** Whole fen, > 0, within the Int columns. */
export const ZAmountFen = z
  .number({ error: keyMessage('amountWhole') })
  .int(keyMessage('amountWhole'))
  .min(1, keyMessage('amountPositive'))
  .max(MAX_INT4, keyMessage('amountTooLarge'));

/**
 * A price in yuan with at most 4 decimals ("2.3550"). Validated here and kept as written (the
 * router and the service both parse their input, so nothing here may change a value's type);
 * services turn it into price units (1/100 fen) with `priceUnitsOf`.
 */
export const ZYuanPrice = z.string({ error: keyMessage('priceFormat') }).superRefine((s, ctx) => {
  try {
    if (parseYuanPrice(s) > MAX_INT4) ctx.addIssue({ code: 'custom', message: keyMessage('priceTooLarge') });
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: issueMessageOf(e) });
  }
});
export const priceUnitsOf = (s: string) => parseYuanPrice(s);

/** Tier bounds are cumulative consumption per cycle; the last tier is unbounded (upTo: null). */
export const ZTiers = z
  .array(z.object({ upTo: z.union([z.string().trim(), z.null()]), price: ZYuanPrice }))
  .min(1, keyMessage('tiersNeeded'))
  .max(10, keyMessage('tiersMax'))
  .superRefine((tiers, ctx) => {
    try {
      toTiers(tiers);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: issueMessageOf(e) });
    }
  });

/** Tiers as tiers.ts takes them (and FeeItemPrice.tiers stores them). Throws on bad bounds. */
export function toTiers(tiers: readonly { upTo: string | null; price: string }[]): Tier[] {
  const out = tiers.map((t) => ({ upTo: t.upTo, priceUnits: parseYuanPrice(t.price) }));
  for (const t of out) if (t.upTo !== null) parseReading(t.upTo, 'tier');
  splitOverTiers(0, out); // checks the bounds rise and only the last is unbounded
  return out;
}

export const ZFeeCalc = z.enum(['PER_AREA', 'FIXED', 'METERED', 'ONE_OFF']);
export const ZCycle = z.enum(['MONTHLY', 'QUARTERLY', 'YEARLY']);
export const ZObjectKind = z.enum(['UNIT', 'PARKING']);

/** e.g. { OCCUPIED: "1", VACANT: "0.7" }: a status left out is not billed. */
export const ZStatusFactors = z
  .partialRecord(
    ZUnitStatus,
    z
      .string()
      .trim()
      .transform(via((s) => (parseFactor(s), s))),
  )
  .refine((r) => Object.keys(r).length > 0, keyMessage('statusesNeeded'));

export const ZLateFee = z.object({
  // ≤ 100 bp (1 %) a day and a cap ≤ 100 % of the bill: more is a typo, and usurious besides.
  dailyBp: z.number().int().min(1, keyMessage('lateFeeRateMin')).max(100, keyMessage('lateFeeRateMax')),
  graceDays: z.number().int().min(0).max(3650).default(0),
  capPercent: z.number().int().min(1).max(100, keyMessage('lateFeeCapMax')).nullable().default(null),
});

/** A price effective from a period: `price` (yuan), or `tiers` for a metered item. */
export const ZPriceInput = z
  .object({ effectiveFrom: ZPeriod, price: ZYuanPrice.optional(), tiers: ZTiers.optional() })
  .refine((p) => (p.price === undefined) !== (p.tiers === undefined), keyMessage('priceOrTiers'));

const ZDueDay = z.number().int(keyMessage('dueDay')).min(0, keyMessage('dueDay')).max(28, keyMessage('dueDay'));

const scopeIds = z
  .array(ZId)
  .max(500)
  .transform((a) => [...new Set(a)]);

export const ZFeeItemInput = z.object({
  name: name('feeItemName'),
  calc: ZFeeCalc,
  cycle: ZCycle.default('MONTHLY'),
  objectKind: ZObjectKind.default('UNIT'),
  dueDay: ZDueDay.default(15),
  communityIds: scopeIds.refine((a) => a.length > 0, keyMessage('scopeNeeded')),
  buildingIds: scopeIds.default([]),
  statusFactors: ZStatusFactors.default({ OCCUPIED: '1', VACANT: '1', RENOVATION: '1' }),
  lateFee: ZLateFee.nullable().default(null),
  /** counts in the payment rate (物业缴费率); default: on for recurring items, off for ONE_OFF */
  countsInRate: z.boolean().optional(),
  initialPrice: ZPriceInput.optional(),
});
export const ZFeeItemUpdate = z.object({
  id: ZId,
  name: name('feeItemName').optional(),
  dueDay: ZDueDay.optional(),
  communityIds: ZFeeItemInput.shape.communityIds.optional(),
  buildingIds: scopeIds.optional(),
  statusFactors: ZStatusFactors.optional(),
  lateFee: ZLateFee.nullable().optional(),
  countsInRate: z.boolean().optional(),
});
export const ZSetPrice = z
  .object({ feeItemId: ZId, effectiveFrom: ZPeriod, price: ZYuanPrice.optional(), tiers: ZTiers.optional() })
  .refine((p) => (p.price === undefined) !== (p.tiers === undefined), keyMessage('priceOrTiers'));
export const ZListFeeItems = z.object({
  q: ZSearch.optional(),
  calc: ZFeeCalc.optional(),
  includeArchived: z.boolean().default(false),
});
export const ZArchive = z.object({ id: ZId, archived: z.boolean().default(true) });
export const ZById = z.object({ id: ZId });

// ── fee item and price forms: what the user types, shaped into the inputs above ──────
/** A server schema as a pipe's target: its rules run on what the form's transform built. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pipe target takes what the transform built; the rules are checked at run time
const serverRule = <T extends z.ZodType>(schema: T) => schema as unknown as z.ZodType<z.output<T>, any>;
/** A typed whole number for the server's rule ('' and text become NaN, which the rule refuses). */
const typedNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()));

/** A form's price block: one price, or tiers for a metered item (the last one unbounded). */
export const ZPriceFormValue = z.object({
  effectiveFrom: z.string(),
  price: z.string(),
  tiered: z.boolean(),
  tiers: z.array(z.object({ upTo: z.string(), price: z.string() })),
});
export type PriceFormValue = z.input<typeof ZPriceFormValue>;
/** A price block → ZPriceInput's shape. */
export function priceFormInput(p: PriceFormValue, metered: boolean): z.input<typeof ZPriceInput> {
  if (metered && p.tiered) {
    const last = p.tiers.length - 1;
    return { effectiveFrom: p.effectiveFrom, tiers: p.tiers.map((t, i) => ({ upTo: i === last ? null : t.upTo.trim(), price: typedPriceText(t.price) })) };
  }
  return { effectiveFrom: p.effectiveFrom, price: typedPriceText(p.price) };
}
/** The price-change form of a fee item: its block, held to the server's ZPriceInput. */
export const zSetPriceForm = (metered: boolean) => ZPriceFormValue.transform((p) => priceFormInput(p, metered)).pipe(serverRule(ZPriceInput));

const ZFeeItemFormValues = z.object({
  name: z.string(),
  calc: ZFeeCalc,
  cycle: ZCycle,
  objectKind: ZObjectKind,
  dueDay: z.string(),
  communityIds: z.array(z.string()),
  limitBuildings: z.boolean(),
  buildingIds: z.array(z.string()),
  /** per unit status: billed or not, and its factor as typed */
  statuses: z.record(ZUnitStatus, z.object({ on: z.boolean(), factor: z.string() })),
  countsInRate: z.boolean(),
  lateFee: z.object({ on: z.boolean(), dailyBp: z.string(), graceDays: z.string(), capPercent: z.string() }),
  initialPrice: ZPriceFormValue,
});
export type FeeItemFormValues = z.input<typeof ZFeeItemFormValues>;
function feeItemTerms(v: z.output<typeof ZFeeItemFormValues>) {
  const perUnit = v.objectKind === 'UNIT';
  const statusFactors: z.input<typeof ZStatusFactors> = Object.fromEntries(Object.entries(v.statuses).flatMap(([k, s]) => (s.on ? [[k, s.factor]] : [])));
  return {
    name: v.name,
    dueDay: typedNumber(v.dueDay),
    communityIds: v.communityIds,
    buildingIds: v.limitBuildings && perUnit ? v.buildingIds : [],
    ...(perUnit ? { statusFactors } : {}),
    lateFee: v.lateFee.on
      ? {
          dailyBp: typedNumber(v.lateFee.dailyBp),
          graceDays: typedNumber(v.lateFee.graceDays),
          capPercent: v.lateFee.capPercent.trim() ? typedNumber(v.lateFee.capPercent) : null,
        }
      : null,
    countsInRate: v.countsInRate,
  };
}
/** The new-fee-item form → ZFeeItemInput (with the first price unless ONE_OFF). */
export const ZFeeItemCreateForm = ZFeeItemFormValues.transform((v) => ({
  ...feeItemTerms(v),
  calc: v.calc,
  cycle: v.cycle,
  objectKind: v.objectKind,
  ...(v.calc !== 'ONE_OFF' ? { initialPrice: priceFormInput(v.initialPrice, v.calc === 'METERED') } : {}),
})).pipe(serverRule(ZFeeItemInput));
/** The edit form → ZFeeItemUpdate (what it is and its prices are not edited here). */
export const ZFeeItemEditForm = ZFeeItemFormValues.transform(feeItemTerms).pipe(serverRule(ZFeeItemUpdate.omit({ id: true })));

// ── parking spaces ───────────────────────────────────────────────────────────────
const parkingFields = {
  number: name('spaceNumber', 30),
  unitId: ZId.nullable(),
  renterName: zText({ max: 100 }),
  renterPhone: ZPhone,
  renterEmail: ZOptionalEmail,
};
export const ZParkingSpaceInput = z
  .object({
    communityId: ZId,
    number: parkingFields.number,
    unitId: parkingFields.unitId.default(null),
    renterName: parkingFields.renterName.default(''),
    renterPhone: parkingFields.renterPhone.default(''),
    renterEmail: parkingFields.renterEmail.default(''),
  })
  .refine((p) => p.unitId !== null || p.renterName !== '', {
    message: keyMessage('renterNeeded'),
    path: ['renterName'],
  });
export const ZParkingSpaceUpdate = z.object({
  id: ZId,
  number: parkingFields.number.optional(),
  unitId: parkingFields.unitId.optional(),
  renterName: parkingFields.renterName.optional(),
  renterPhone: parkingFields.renterPhone.optional(),
  renterEmail: parkingFields.renterEmail.optional(),
});
/** A choice from a select ('' = none yet): refused with `key`, then the server's id rule. */
const chosen = (key: 'chooseTheUnit' | 'chooseMeteredItem' | 'chooseCommunity') => z.string().min(1, keyMessage(key)).pipe(ZId);

/** The parking-space form: tied to a unit (its household pays) or rented alone (the renter's fields). */
const ZParkingFormValues = z
  .object({
    communityId: chosen('chooseCommunity'),
    number: z.string(),
    tied: z.boolean(),
    unitId: z.string(),
    renterName: z.string(),
    renterPhone: z.string(),
    renterEmail: z.string(),
  })
  .refine((v) => !v.tied || v.unitId !== '', { message: keyMessage('chooseTheUnit'), path: ['unitId'] });
export type ParkingFormValues = z.input<typeof ZParkingFormValues>;
const parkingPayer = (v: z.output<typeof ZParkingFormValues>) =>
  v.tied
    ? { number: v.number, unitId: v.unitId }
    : { number: v.number, unitId: null, renterName: v.renterName, renterPhone: v.renterPhone, renterEmail: v.renterEmail };
/** The new-space form → ZParkingSpaceInput. */
export const ZParkingSpaceCreateForm = ZParkingFormValues.transform((v) => ({ communityId: v.communityId, ...parkingPayer(v) })).pipe(
  serverRule(ZParkingSpaceInput),
);
/** The edit form → ZParkingSpaceUpdate (the community is fixed once created). */
export const ZParkingSpaceEditForm = ZParkingFormValues.transform(parkingPayer).pipe(serverRule(ZParkingSpaceUpdate.omit({ id: true })));

export const ZListParkingSpaces = z.object({
  communityId: ZId.optional(),
  unitId: ZId.optional(),
  q: ZSearch.optional(),
  includeArchived: z.boolean().default(false),
  ...ZPage,
});

// ── meters and readings ──────────────────────────────────────────────────────────
/** A meter reading: a decimal string with ≤ 3 decimals (thousandths are stored). */
export const ZReading = z.union([z.string(), z.number()]).superRefine((v, ctx) => {
  try {
    parseReading(String(v).trim());
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: issueMessageOf(e) });
  }
});
/** A validated reading → thousandths. */
export const readingOf = (v: string | number) => parseReading(String(v).trim());

export const ZMeterInput = z.object({ unitId: ZId, feeItemId: ZId, serial: zText({ max: 50 }).default('') });
export const ZListMeters = z.object({
  unitId: ZId.optional(),
  feeItemId: ZId.optional(),
  communityId: ZId.optional(),
  includeArchived: z.boolean().default(false),
  ...ZPage,
});
export const ZRecordReading = z.object({
  meterId: ZId,
  period: ZPeriod,
  reading: ZReading,
  readOn: ZLocalDate,
  replacement: z.object({ oldFinal: ZReading, newStart: ZReading }).optional(),
});
export const ZListReadings = z.object({ meterId: ZId });
/** The new-meter form: '' = no unit / fee item chosen yet. */
export const ZMeterForm = ZMeterInput.extend({ unitId: chosen('chooseTheUnit'), feeItemId: chosen('chooseMeteredItem') });
/** The reading form: the replacement's two readings are sent only when the meter was replaced. */
const readingFormFields = ZRecordReading.omit({ meterId: true, replacement: true });
const replacementFields = ZRecordReading.shape.replacement.unwrap().shape;
export const ZRecordReadingForm = z.discriminatedUnion('replaced', [
  readingFormFields
    .extend({ replaced: z.literal(false), oldFinal: z.string(), newStart: z.string() })
    .transform(({ period, reading, readOn }) => ({ period, reading, readOn })),
  readingFormFields
    .extend({ replaced: z.literal(true), ...replacementFields })
    .transform(({ period, reading, readOn, oldFinal, newStart }) => ({ period, reading, readOn, replacement: { oldFinal, newStart } })),
]);

// ── billing runs ─────────────────────────────────────────────────────────────────
export const ZRunInput = z.object({
  period: ZPeriod,
  feeItemIds: z
    .array(ZId)
    .max(200)
    .transform((a) => [...new Set(a)])
    .optional(),
  communityIds: z
    .array(ZId)
    .max(500)
    .transform((a) => [...new Set(a)])
    .optional(),
});
/** The run form: no fee item / community ticked = all of them (the lists are then left out). */
export const ZRunForm = ZRunInput.required().transform(({ period, feeItemIds, communityIds }) => ({
  period,
  ...(feeItemIds.length ? { feeItemIds } : {}),
  ...(communityIds.length ? { communityIds } : {}),
}));
export const ZUndoRun = z.object({ runId: ZId, reason: reason() });
export const ZListRuns = z.object({ period: ZPeriod.optional(), ...ZPage });

// ── bills ────────────────────────────────────────────────────────────────────────
export const ZBillStatus = z.enum(['OPEN', 'PARTLY_PAID', 'PAID', 'VOID']);
export const ZListBills = z.object({
  period: ZPeriod.optional(),
  communityId: ZId.optional(),
  buildingId: ZId.optional(),
  unitId: ZId.optional(),
  parkingSpaceId: ZId.optional(),
  feeItemId: ZId.optional(),
  runId: ZId.optional(),
  payer: z.object({ kind: ZObjectKind, id: ZId }).optional(),
  kind: z.enum(['REGULAR', 'CORRECTION', 'LATE_FEE', 'ONE_OFF']).optional(),
  status: ZBillStatus.optional(),
  q: ZSearch.optional(),
  ...ZPage,
});
export const ZVoidBill = z.object({ id: ZId, reason: reason() });
export const ZCreateCorrection = z
  .object({ voidBillId: ZId, amountFen: ZAmountFen.optional(), recompute: z.boolean().optional(), reason: reason() })
  .refine((c) => (c.amountFen !== undefined) !== (c.recompute === true), keyMessage('amountOrRecompute'));
export const ZOneOffCharge = z
  .object({
    unitId: ZId.optional(),
    parkingSpaceId: ZId.optional(),
    feeItemId: ZId.optional(),
    description: name('description', 200),
    amountFen: ZAmountFen,
    period: ZPeriod,
    dueDate: ZLocalDate,
  })
  .refine((c) => (c.unitId === undefined) !== (c.parkingSpaceId === undefined), keyMessage('unitOrSpace'));

/** The one-off charge form: the amount typed in yuan; '' = no unit / space / fee item chosen. */
export const ZOneOffChargeForm = z
  .object({
    ...ZOneOffCharge.shape,
    unitId: blankAsUndefined(ZId),
    parkingSpaceId: blankAsUndefined(ZId),
    feeItemId: blankAsUndefined(ZId),
    amountFen: zAmountInput(),
  })
  .pipe(ZOneOffCharge);
/** The correction form: recompute, or the corrected amount typed in yuan (ZCreateCorrection's either-or). */
export const ZCreateCorrectionForm = z.discriminatedUnion('recompute', [
  z
    .object({ recompute: z.literal(true), amountFen: z.string().optional(), reason: ZCreateCorrection.shape.reason })
    .transform(({ reason }) => ({ recompute: true as const, reason })),
  z.object({ recompute: z.literal(false), amountFen: zAmountInput(), reason: ZCreateCorrection.shape.reason }),
]);

// ── adjustments and late fees ────────────────────────────────────────────────────
export const ZRequestAdjustment = z.object({
  billId: ZId,
  kind: z.enum(['DISCOUNT', 'WAIVER']),
  amountFen: ZAmountFen,
  reason: reason(),
});
/** The adjustment form: the amount typed in yuan. */
export const ZRequestAdjustmentForm = ZRequestAdjustment.omit({ billId: true }).extend({ amountFen: zAmountInput() });
export const ZAdjustmentKind = ZRequestAdjustment.shape.kind;
export const ZDecideAdjustment = z.object({ id: ZId, approve: z.boolean(), note: zText({ max: 500, multiline: true }).default('') });
export const ZListAdjustments = z.object({
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).optional(),
  billId: ZId.optional(),
  ...ZPage,
});
export const ZChargeLateFees = z
  .object({
    billIds: z
      .array(ZId)
      .min(1)
      .max(5000)
      .transform((a) => [...new Set(a)])
      .optional(),
    period: ZPeriod.optional(),
  })
  .refine((c) => (c.billIds === undefined) !== (c.period === undefined), keyMessage('billsOrPeriod'));

/** A readings CSV: `uploadId` of a file sent to /api/uploads (the form), or `csv` text (server-side callers; tRPC bodies stop at 1 MB). */
export const ZImportReadings = z
  .object({
    uploadId: z.uuid(keyMessage('uploadUnknown')).optional(),
    csv: z.string().min(1, keyMessage('fileEmpty')).max(20_000_000, keyMessage('fileTooLarge')).optional(),
    fileName: zText({ max: 200 }).optional(),
  })
  .refine((v) => (v.uploadId === undefined) !== (v.csv === undefined), keyMessage('uploadOrCsv'));

// ── scheduled monthly billing ─────────────────────────────────────────────────────
export const ZAutoBilling = z.object({
  enabled: z.boolean(),
  day: z
    .number({ error: keyMessage('billingDay') })
    .int({ error: keyMessage('billingDay') })
    .min(1, { error: keyMessage('billingDay') })
    .max(28, { error: keyMessage('billingDay') }),
});
/** The settings form: the day comes from a select as text. */
export const ZAutoBillingForm = ZAutoBilling.extend({ day: z.coerce.number().pipe(ZAutoBilling.shape.day) });
