import { z } from 'zod';
import { ZId, zName, zText } from '../validation';
import { keyMessage } from '../error-key';
import { ZLocalDate } from './billing';
import { ZExceptions, ZWeeklyHours, WEEKDAYS, parseDayHours, type Weekday } from '../opening-hours';

// Inputs of the 睦宁里 service stations (#15), the station standard (the platform's city template
// or a company's own) and the yearly station targets. Shared by the routers `stations` and
// `platform`, the forms in components/stations and app/platform, and the tests.

const uniqueIds = (max: number) =>
  z
    .array(ZId)
    .max(max)
    .transform((a) => [...new Set(a)]);

export const ZElementKey = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, keyMessage('stationElementKeyFormat'));
export const ZStationElement = z.object({
  key: ZElementKey,
  name: zName({ max: 40, what: 'name' }),
  description: zText({ max: 200, what: 'description' }).default(''),
});
export type StationElement = z.output<typeof ZStationElement>;
export const MAX_ELEMENTS = 40;
export const ZStationElements = z
  .array(ZStationElement)
  .max(MAX_ELEMENTS, keyMessage('tooMany', { max: MAX_ELEMENTS }))
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.forEach((e, i) => {
      if (seen.has(e.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: keyMessage('stationElementKeyTwice', { key: e.key }) });
      seen.add(e.key);
    });
  });

const stationObject = z.object({
  name: zName({ max: 60, what: 'name' }),
  communityIds: uniqueIds(200).refine((a) => a.length > 0, keyMessage('communityNotServed')),
  place: zText({ max: 200 }).default(''),
  weeklyHours: ZWeeklyHours.default({ '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [] }),
  exceptions: ZExceptions.default([]),
  itemIds: uniqueIds(500).default([]),
  staffIds: uniqueIds(200).default([]),
  elementKeys: z
    .array(ZElementKey)
    .max(MAX_ELEMENTS)
    .transform((a) => [...new Set(a)])
    .default([]),
  /** when it opened: counts toward that year's target (company-local date) */
  openedOn: ZLocalDate.nullable().default(null),
});
export const ZCreateStation = stationObject;
export const ZUpdateStation = stationObject.extend({ id: ZId });
export const ZListStations = z.object({ communityId: ZId.optional(), includeArchived: z.boolean().default(false) });
export const ZStationById = z.object({ id: ZId });
export const ZArchiveStation = z.object({ id: ZId, archived: z.boolean().default(true) });

/** The company's standard: null = the city's (the platform template), else its own elements. */
export const ZSetStationStandard = z.object({ ownElements: ZStationElements.nullable() });
export const MAX_TARGET = 10_000;
export const ZSetStationTarget = z.object({
  year: z
    .number({ error: keyMessage('stationTargetYear') })
    .int(keyMessage('stationTargetYear'))
    .min(2000, keyMessage('stationTargetYear'))
    .max(2100, keyMessage('stationTargetYear')),
  target: z
    .number({ error: keyMessage('stationTargetRange', { max: MAX_TARGET }) })
    .int(keyMessage('stationTargetRange', { max: MAX_TARGET }))
    .min(0, keyMessage('stationTargetRange', { max: MAX_TARGET }))
    .max(MAX_TARGET, keyMessage('stationTargetRange', { max: MAX_TARGET })),
});

/** The platform's city template. */
export const ZUpdateCityStandard = z.object({ name: zName({ max: 60, what: 'name' }), elements: ZStationElements });

// ── the station form: hours typed per weekday ("08:00-12:00, 14:00-20:00"; empty = closed) ─
export const ZStationFormValues = z.object({
  name: z.string(),
  communityIds: z.array(z.string()),
  place: z.string(),
  hours: z.record(z.enum(WEEKDAYS as [Weekday, ...Weekday[]]), z.string()),
  exceptions: z.array(z.object({ date: z.string(), hours: z.string() })),
  itemIds: z.array(z.string()),
  staffIds: z.array(z.string()),
  elementKeys: z.array(z.string()),
  openedOn: z.string(),
});
export type StationFormValues = z.input<typeof ZStationFormValues>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pipe target takes what the transform built; the rules are checked at run time
const serverRule = <T extends z.ZodType>(schema: T) => schema as unknown as z.ZodType<z.output<T>, any>;

export const ZStationForm = ZStationFormValues.transform((v, ctx) => {
  const day = (text: string, path: (string | number)[]) => {
    const r = parseDayHours(text);
    if (r === null) ctx.addIssue({ code: 'custom', path, message: keyMessage('hoursDayFormat') });
    return r ?? [];
  };
  return {
    name: v.name,
    communityIds: v.communityIds,
    place: v.place,
    weeklyHours: Object.fromEntries(WEEKDAYS.map((d) => [d, day(v.hours[d] ?? '', ['hours', d])])),
    exceptions: v.exceptions.map((e, i) => ({ date: e.date, hours: day(e.hours, ['exceptions', i, 'hours']) })),
    itemIds: v.itemIds,
    staffIds: v.staffIds,
    elementKeys: v.elementKeys,
    openedOn: v.openedOn.trim() === '' ? null : v.openedOn.trim(),
  };
}).pipe(serverRule(ZCreateStation));
