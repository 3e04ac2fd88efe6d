import { z } from 'zod';
import { ZId, ZPage, ZSearch, zName, zText, periodInBounds, DATE_BOUNDS_MESSAGE, type FieldName } from '../validation';
import { keyMessage } from '../error-key';
import { localDateToDayNumber } from '../calendar';
import { expandUnits, GENERATE_LIMITS, parsePattern, repeatedUnits, type GenerateSpec } from '../unit-generator';

const name = (what: FieldName, max = 100) => zName({ what, max });

export const ZUnitStatus = z.enum(['OCCUPIED', 'VACANT', 'RENOVATION']);
export const ZResidentKind = z.enum(['OWNER', 'OCCUPANT']);

/** Floor area in m², at most 2 decimals, as a string so it stays exact ("89.50"). */
export const ZArea = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(
    z
      .string()
      .regex(/^\d{1,8}(\.\d{1,2})?$/, { message: keyMessage('areaFormat'), abort: true })
      .refine((s) => Number(s) > 0, keyMessage('areaPositive'))
      .transform((s) => {
        const [whole, frac = ''] = s.split('.');
        return `${BigInt(whole!)}.${frac.padEnd(2, '0')}`; // canonical "90.50"
      }),
  );

export const ZFloor = z.coerce
  .number({ error: keyMessage('floorWhole') })
  .int(keyMessage('floorWhole'))
  .min(-10, keyMessage('floorRange'))
  .max(200, keyMessage('floorRange'));

export const ZPhone = z
  .string()
  .trim()
  .max(30)
  .regex(/^[+\d][\d\s-]{4,29}$|^$/, keyMessage('phoneFormat'));

export const ZOptionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .refine((s) => s === '' || z.email().safeParse(s).success, keyMessage('emailInvalid'));

// Update schemas carry no defaults: a field left out of an update stays as it is.
const communityFields = {
  name: name('communityName'),
  address: zText({ max: 200 }),
  district: zText({ max: 100 }),
};
export const ZCommunityInput = z.object({
  ...communityFields,
  address: communityFields.address.default(''),
  district: communityFields.district.default(''),
});
export const ZCommunityUpdate = z.object(communityFields).partial().extend({ id: ZId });

export const ZBuildingInput = z.object({ communityId: ZId, name: name('buildingName', 50) });
export const ZBuildingUpdate = z.object({ id: ZId, name: name('buildingName', 50) });

/**
 * 计费起始日: the local date a unit is billed from (handover or move-in); its first period is
 * prorated by days (billing-run.ts). '' or null = none (billed for whole periods).
 */
export const ZBillingStart = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z
    .string()
    .trim()
    .refine((s) => {
      try {
        return localDateToDayNumber(s) >= 0;
      } catch {
        return false;
      }
    }, keyMessage('billingStartFormat'))
    .refine(periodInBounds, DATE_BOUNDS_MESSAGE)
    .nullable(),
);

export const ZUnitInput = z.object({
  buildingId: ZId,
  entrance: zText({ max: 20 }).default(''),
  number: name('unitNumber', 20),
  floor: ZFloor,
  area: ZArea,
  status: ZUnitStatus.default('OCCUPIED'),
  billingStart: ZBillingStart.optional(),
});
export const ZUnitUpdate = z.object({
  id: ZId,
  entrance: zText({ max: 20 }).optional(),
  number: name('unitNumber', 20).optional(),
  floor: ZFloor.optional(),
  area: ZArea.optional(),
  status: ZUnitStatus.optional(),
  billingStart: ZBillingStart.optional(),
});

export const ZResidentInput = z.object({
  unitId: ZId,
  name: name('name'),
  phone: ZPhone.default(''),
  email: ZOptionalEmail.default(''),
  kind: ZResidentKind.default('OWNER'),
});
export const ZResidentUpdate = z.object({
  id: ZId,
  name: name('name').optional(),
  phone: ZPhone.optional(),
  email: ZOptionalEmail.optional(),
  kind: ZResidentKind.optional(),
});

// ── forms (derived from the inputs above; what the user types) ───────────────────────
/** Text that must not be empty, then the server's rule (an empty floor must not become 0). */
const typed = (what: 'floor' | 'area') => z.string().trim().min(1, keyMessage('required', { what }));
/** The unit edit form: the unit's own fields; floor and area as typed. */
export const ZUnitEditForm = ZUnitInput.pick({ entrance: true, number: true, status: true }).extend({
  floor: typed('floor')
    .transform((s): unknown => s)
    .pipe(ZFloor),
  area: typed('area')
    .transform((s): string | number => s)
    .pipe(ZArea),
  billingStart: ZBillingStart,
});
/** The unit create form: a building as well. */
export const ZUnitCreateForm = ZUnitEditForm.extend({ buildingId: z.string().min(1, keyMessage('chooseBuilding')) });
/** The resident form: the unit comes from the page. */
export const ZResidentForm = ZResidentInput.omit({ unitId: true });
/** The building form (add or rename): its name. */
export const ZBuildingForm = ZBuildingUpdate.pick({ name: true });

export const ZListCommunities = z.object({
  q: ZSearch.optional(),
  includeArchived: z.boolean().default(false),
  ...ZPage,
});
export const ZListBuildings = z.object({ communityId: ZId, includeArchived: z.boolean().default(false) });
export const ZListUnits = z.object({
  q: ZSearch.optional(),
  communityId: ZId.optional(),
  buildingId: ZId.optional(),
  status: ZUnitStatus.optional(),
  includeArchived: z.boolean().default(false),
  ...ZPage,
});
export const ZListResidents = z.object({
  q: ZSearch.optional(),
  communityId: ZId.optional(),
  unitId: ZId.optional(),
  kind: ZResidentKind.optional(),
  includeArchived: z.boolean().default(false),
  ...ZPage,
});
export const ZArchive = z.object({ id: ZId, archived: z.boolean().default(true) });

// ── generating a building's units (server/shared/unit-generator.ts) ───────────────────
const zPattern = zText({ max: 40 }).superRefine((s, ctx) => {
  const p = parsePattern(s);
  if ('bad' in p) ctx.addIssue({ code: 'custom', message: keyMessage('unitPatternPlaceholder', { placeholder: p.bad }) });
});
const zCount = (what: 'entrances' | 'floors' | 'perFloor', max: number) =>
  z.coerce
    .number({ error: keyMessage('generateCount', { what, max }) })
    .int(keyMessage('generateCount', { what, max }))
    .min(1, keyMessage('generateCount', { what, max }))
    .max(max, keyMessage('generateCount', { what, max }));

const generateFields = {
  entrances: zCount('entrances', GENERATE_LIMITS.entrances),
  /** the entrance label stored on each unit; '' for a building of one entrance */
  entrancePattern: zPattern.default('{entrance}单元'),
  firstFloor: ZFloor.default(1),
  floors: zCount('floors', GENERATE_LIMITS.floors),
  perFloor: zCount('perFloor', GENERATE_LIMITS.perFloor),
  numberPattern: zPattern.pipe(z.string().min(1, keyMessage('required', { what: 'unitNumber' }))).default('{floor}{unit:02}'),
  /** areas[i]: the area of the units at position i + 1 on every floor */
  areas: z.array(ZArea).min(1).max(GENERATE_LIMITS.perFloor),
  /** a new estate's units are usually vacant until handed over */
  status: ZUnitStatus.default('VACANT'),
};

/** The rules of a whole generation: an area per position, floors in range, not too many, every unit named once. */
function checkGeneration(v: Omit<GenerateSpec, 'areas'> & { areas: string[] }, ctx: z.core.$RefinementCtx) {
  if (v.areas.length !== v.perFloor) ctx.addIssue({ code: 'custom', path: ['areas'], message: keyMessage('generateAreas', { count: v.perFloor }) });
  if (v.firstFloor + v.floors - 1 > 200) ctx.addIssue({ code: 'custom', path: ['floors'], message: keyMessage('floorRange') });
  const total = v.entrances * v.floors * v.perFloor;
  if (total > GENERATE_LIMITS.units)
    ctx.addIssue({ code: 'custom', path: ['perFloor'], message: keyMessage('generateTooMany', { max: GENERATE_LIMITS.units, total }) });
  if (v.areas.length !== v.perFloor || !(total <= GENERATE_LIMITS.units)) return;
  if ('bad' in parsePattern(v.numberPattern) || 'bad' in parsePattern(v.entrancePattern)) return;
  const units = expandUnits(v);
  const long = units.find((u) => u.number.length > 20) ?? units.find((u) => u.entrance.length > 20);
  if (long) {
    const what = long.number.length > 20 ? 'number' : 'entrance';
    ctx.addIssue({
      code: 'custom',
      path: [what === 'number' ? 'numberPattern' : 'entrancePattern'],
      message: keyMessage('generateTooLong', { what, example: what === 'number' ? long.number : long.entrance }),
    });
    return;
  }
  const repeated = repeatedUnits(units);
  if (repeated.length) ctx.addIssue({ code: 'custom', path: ['numberPattern'], message: keyMessage('generateRepeats', { labels: repeated.join('、') }) });
}

/** Generate a building's units (preview and commit take the same input). */
export const ZGenerateUnits = z.object({ buildingId: ZId, ...generateFields }).superRefine((v, ctx) => checkGeneration(v, ctx));

/** The generator form: the building comes from the page (the form keeps one area per unit on a floor). */
export const ZGenerateUnitsForm = z.object(generateFields).superRefine((v, ctx) => checkGeneration(v, ctx));
