import { z } from 'zod';
import './zod-errors';
import { keyMessage, type ErrorKey } from './error-key';

// Shared field validators for inputs across domains.
export const RESERVED_SLUGS = new Set([
  'api',
  'sign-in',
  'sign-up',
  'sign-out',
  'invite',
  'companies',
  'admin',
  'static',
  '_next',
  'settings',
  'www',
  'app',
  'platform',
  'street',
]);

export const ZTenantSlugValue = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, keyMessage('tooShortNamed', { what: 'slug', min: 3 }))
  .max(40, keyMessage('tooLongNamed', { what: 'slug', max: 40 }))
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, keyMessage('slugFormat'))
  .refine((s) => !RESERVED_SLUGS.has(s), keyMessage('slugReserved'));

export const ZId = z.string().min(1, keyMessage('missingId')).max(64);

export const ZPage = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(25),
};

/** The fields of a partial update that were given (Prisma refuses explicit undefined). */
export function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

// ── free text ──────────────────────────────────────────────────────────────────────
// Every schema that takes free text builds on these. They refuse what no person types but an
// attacker or a broken import sends: C0/C1 control characters (NUL breaks PostgreSQL text, CR/LF
// break headers and CSV lines), bidi embeddings/overrides/isolates (U+202A–202E, U+2066–2069:
// "Trojan source" names that read differently than they sort and compare), and names made only of
// invisible characters (zero-width spaces, fillers, whitespace), which look like no name at all.

/** C0 and C1 controls and DEL; `multiline` text may also hold tab, LF and CR. */
const CONTROL_SINGLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const CONTROL_MULTI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Characters that show nothing: whitespace, format characters (zero-width, BOM, soft hyphen, bidi marks) and the Hangul/Mongolian fillers. */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0\u180E\u2800]*$/u;

export const TEXT_MESSAGES = {
  control: keyMessage('textControl'),
  bidi: keyMessage('textBidi'),
  invisible: keyMessage('textInvisible'),
} as const;

/** A field's name in "… is required" / "… must be at most N characters" (an ICU select of errors.required). */
export type FieldName =
  | 'communityName'
  | 'buildingName'
  | 'unitNumber'
  | 'name'
  | 'email'
  | 'password'
  | 'slug'
  | 'companyName'
  | 'floor'
  | 'area'
  | 'feeItemName'
  | 'spaceNumber'
  | 'description'
  | 'reason'
  | 'note'
  | 'invoiceNo';

export function hasControlCharacters(s: string, multiline = false): boolean {
  return (multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(s);
}
export function hasBidiControls(s: string): boolean {
  return BIDI_CONTROL.test(s);
}
export function isInvisibleOnly(s: string): boolean {
  return INVISIBLE_ONLY.test(s);
}

interface TextOptions {
  /** at most this many characters (after trimming) */
  max: number;
  /** allows tab, LF, CR (notes, reasons, message bodies) */
  multiline?: boolean;
  /** the field's name for "… is required" / "… must be at most N characters" */
  what?: FieldName;
}

/** Free text, trimmed, possibly empty (an optional note). Refuses controls and bidi controls. */
export function zText({ max, multiline = false, what }: TextOptions) {
  return z
    .string()
    .trim()
    .max(max, keyMessage('tooLongNamed', { what: what ?? 'field', max }))
    .refine((s) => !hasControlCharacters(s, multiline), TEXT_MESSAGES.control)
    .refine((s) => !hasBidiControls(s), TEXT_MESSAGES.bidi);
}

/**
 * A required name or text: as `zText`, at least one character, and not only invisible ones
 * (an empty-looking name is refused like an empty one, with its own message).
 */
export function zName({ max, multiline = false, what, required }: TextOptions & { required?: ErrorKey }) {
  return z
    .string()
    .trim()
    .min(1, required ? keyMessage(required) : keyMessage('required', { what: what ?? 'field' }))
    .max(max, keyMessage('tooLongNamed', { what: what ?? 'field', max }))
    .refine((s) => !hasControlCharacters(s, multiline), TEXT_MESSAGES.control)
    .refine((s) => !hasBidiControls(s), TEXT_MESSAGES.bidi)
    .refine((s) => s === '' || !isInvisibleOnly(s), TEXT_MESSAGES.invisible);
}

/** Search text of list filters: short, one line. */
export const ZSearch = zText({ max: 100 });

// ── calendar bounds ────────────────────────────────────────────────────────────────
// A billing period or date outside these years is a typo (20026-01, 0202-05) that would
// otherwise reach date arithmetic and the database.
export const PERIOD_MIN = '2000-01';
export const PERIOD_MAX = '2100-12';
export const PERIOD_BOUNDS_MESSAGE = keyMessage('periodBounds');
export const DATE_BOUNDS_MESSAGE = keyMessage('dateBounds');
/** 'YYYY-MM' (or a 'YYYY-MM-DD' date's month) within 2000-01…2100-12; strings of one shape compare in order. */
export const periodInBounds = (period: string) => period.slice(0, 7) >= PERIOD_MIN && period.slice(0, 7) <= PERIOD_MAX;
