import { z } from 'zod';
import { ZId, zName, zText } from '../validation';
import { keyMessage } from '../error-key';
import { AMOUNT_MESSAGES, parseYuanText, AMOUNT_DECIMALS, MAX_INT4 } from '../money-input';
import { ZWorkOrderPriority } from './work-orders';

// Inputs of the service catalogue (#15): categories and items. Shared by the router `services`,
// the forms in components/services and the tests. Prices are whole fen; forms type yuan.

export const CATEGORY_KINDS = ['sewing', 'repair', 'daily', 'emergency', 'common', 'complaint', 'other'] as const;
export const ZCategoryKind = z.enum(CATEGORY_KINDS);
export const ZPriceModel = z.enum(['FREE', 'FIXED', 'QUOTED']);
export type PriceModel = z.infer<typeof ZPriceModel>;

/** SLA bounds at NORMAL priority: a week to first respond, 90 days to resolve at most. */
export const MAX_FIRST_RESPONSE_MINUTES = 7 * 24 * 60;
export const MAX_RESOLVE_HOURS = 90 * 24;
export const MAX_SKILLS = 10;
export const MAX_SKILL_LENGTH = 30;

const uniqueIds = (max: number) =>
  z
    .array(ZId)
    .max(max)
    .transform((a) => [...new Set(a)]);

export const ZCategoryName = zName({ max: 40, what: 'name' });
export const ZCreateCategory = z.object({ name: ZCategoryName, kind: ZCategoryKind.default('other') });
export const ZUpdateCategory = z.object({ id: ZId, name: ZCategoryName, kind: ZCategoryKind.optional() });
/** The categories in their new order (all of the company's, or a prefix: the rest follow). */
export const ZReorderCategories = z.object({ ids: uniqueIds(200).refine((a) => a.length > 0, keyMessage('tooFew', { min: 1 })) });
export const ZArchiveById = z.object({ id: ZId, archived: z.boolean().default(true) });
export const ZListCategories = z.object({ includeArchived: z.boolean().default(false) });

export const ZSkill = zName({ max: MAX_SKILL_LENGTH, what: 'name' }).refine(
  (s) => !/[,，、;；\s]/.test(s),
  keyMessage('skillFormat', { max: MAX_SKILL_LENGTH }),
);
export const ZSkills = z
  .array(ZSkill)
  .max(MAX_SKILLS, keyMessage('tooMany', { max: MAX_SKILLS }))
  .transform((a) => [...new Set(a.map((s) => s.toLowerCase()))]);

const ZFirstResponse = z
  .number({ error: keyMessage('slaFirstResponseRange', { max: MAX_FIRST_RESPONSE_MINUTES }) })
  .int(keyMessage('slaFirstResponseRange', { max: MAX_FIRST_RESPONSE_MINUTES }))
  .min(1, keyMessage('slaFirstResponseRange', { max: MAX_FIRST_RESPONSE_MINUTES }))
  .max(MAX_FIRST_RESPONSE_MINUTES, keyMessage('slaFirstResponseRange', { max: MAX_FIRST_RESPONSE_MINUTES }));
const ZResolve = z
  .number({ error: keyMessage('slaResolveRange', { max: MAX_RESOLVE_HOURS }) })
  .int(keyMessage('slaResolveRange', { max: MAX_RESOLVE_HOURS }))
  .min(1, keyMessage('slaResolveRange', { max: MAX_RESOLVE_HOURS }))
  .max(MAX_RESOLVE_HOURS, keyMessage('slaResolveRange', { max: MAX_RESOLVE_HOURS }));
/** Whole fen ≥ 0 (a quoted service's indicative price may be 0; a fixed one must be > 0). */
const ZPriceFen = z
  .number({ error: keyMessage('amountWhole') })
  .int(keyMessage('amountWhole'))
  .min(0, keyMessage('amountNegative'))
  .max(MAX_INT4, keyMessage('amountTooLarge'));

const itemObject = z.object({
  categoryId: ZId,
  name: zName({ max: 60, what: 'name' }),
  description: zText({ max: 1000, multiline: true, what: 'description' }).default(''),
  priceModel: ZPriceModel,
  /** FIXED: the price (> 0); QUOTED: an optional indicative price; FREE: ignored */
  priceFen: ZPriceFen.nullable().default(null),
  firstResponseMinutes: ZFirstResponse,
  resolveHours: ZResolve,
  defaultPriority: ZWorkOrderPriority.default('NORMAL'),
  /** empty: offered in every community */
  communityIds: uniqueIds(500).default([]),
  skills: ZSkills.default([]),
});
type ItemShape = Pick<z.output<typeof itemObject>, 'priceModel' | 'priceFen' | 'firstResponseMinutes' | 'resolveHours'>;
function itemRules(v: ItemShape, ctx: z.RefinementCtx) {
  if (v.priceModel === 'FIXED' && (v.priceFen === null || v.priceFen <= 0)) {
    ctx.addIssue({ code: 'custom', path: ['priceFen'], message: keyMessage(v.priceFen === null ? 'fixedPriceNeeded' : 'amountPositive') });
  }
  if (v.resolveHours * 60 < v.firstResponseMinutes) {
    ctx.addIssue({ code: 'custom', path: ['resolveHours'], message: keyMessage('slaResolveBeforeResponse') });
  }
}
export const ZCreateItem = itemObject.superRefine(itemRules);
/** An item's terms, all of them (the form always sends the whole item). */
export const ZUpdateItem = itemObject.extend({ id: ZId }).superRefine(itemRules);
export const ZListItems = z.object({
  categoryId: ZId.optional(),
  includeArchived: z.boolean().default(false),
});

// ── the item form: what the admin types → ZCreateItem's input ─────────────────────
export const ZItemFormValues = z.object({
  categoryId: z.string(),
  name: z.string(),
  description: z.string(),
  priceModel: ZPriceModel,
  /** yuan as typed ("10", "¥12.50") */
  price: z.string(),
  firstResponseMinutes: z.string(),
  resolveHours: z.string(),
  defaultPriority: ZWorkOrderPriority,
  communityIds: z.array(z.string()),
  /** tags separated by commas or spaces */
  skills: z.string(),
});
export type ItemFormValues = z.input<typeof ZItemFormValues>;

const typedNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()));
/** Free tags as typed ("sewing, 缝纫  plumbing") → a list. */
export const splitSkills = (s: string) => s.split(/[,，、;；\s]+/).filter(Boolean);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pipe target takes what the transform built; the rules are checked at run time
const serverRule = <T extends z.ZodType>(schema: T) => schema as unknown as z.ZodType<z.output<T>, any>;

/** The form → the item's terms; the price typed in yuan through the money input's rule (fen). */
export const ZItemForm = ZItemFormValues.transform((v, ctx) => {
  let priceFen: number | null = null;
  if (v.priceModel !== 'FREE' && !(v.priceModel === 'QUOTED' && v.price.trim() === '')) {
    const r = parseYuanText(v.price, AMOUNT_DECIMALS, MAX_INT4, true);
    if (r.ok) priceFen = r.value;
    else if (!(r.problem === 'required' && v.priceModel === 'FIXED')) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: AMOUNT_MESSAGES[r.problem] });
      return z.NEVER;
    }
  }
  return {
    categoryId: v.categoryId,
    name: v.name,
    description: v.description,
    priceModel: v.priceModel,
    priceFen,
    firstResponseMinutes: typedNumber(v.firstResponseMinutes),
    resolveHours: typedNumber(v.resolveHours),
    defaultPriority: v.defaultPriority,
    communityIds: v.communityIds,
    skills: splitSkills(v.skills),
  };
}).pipe(serverRule(ZCreateItem));
