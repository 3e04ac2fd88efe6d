import { z } from 'zod';
import { keyMessage } from './error-key';

// Money as people type it, turned into the integers the money rule works in (DOMAIN.md "Money,
// time and quantities"; server/billing/money.ts): amounts in fen (分), unit prices in 1/100 fen.
// Pure (no `server-only`, no database): the forms parse with exactly what the server parses with.
//
// Accepted: "12", "12.5", "12.50", "¥1,234.50", "￥12", full-width "１２．５０", surrounding spaces.
// Refused, never rounded: more decimals than the unit has ("12.345" as an amount), negatives,
// empty text, anything else ("1e3", "12.", ".5", "12,34", "0x10"), and values over the limit.
// String arithmetic only: no float ever touches the value.

/** Decimals of a yuan an amount (fen) and a unit price (1/100 fen) may have. */
export const AMOUNT_DECIMALS = 2;
export const PRICE_DECIMALS = 4;
/** The largest value of an `Int` column (bill and payment amounts, prices in 1/100 fen). */
export const MAX_INT4 = 2_147_483_647;

export type MoneyInputProblem = 'required' | 'format' | 'negative' | 'decimals' | 'tooLarge';
export type MoneyInputResult = { ok: true; value: number } | { ok: false; problem: MoneyInputProblem };

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFFE5\uFF0D]/g;
const HALF: Record<string, string> = { '\uFF0E': '.', '\uFF0C': ',', '\uFFE5': '¥', '\uFF0D': '-' };
const halfWidth = (s: string) => s.replace(FULL_WIDTH, (c) => HALF[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** The canonical grammar (what the API takes): digits, then an optional fraction. */
const CANONICAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * What a person types → canonical text: full-width characters made half-width, a leading ¥/￥
 * dropped, thousands commas ("1,234,567.5") removed. Anything else is left for the parser to refuse.
 */
export function canonicalYuanText(input: string): string {
  const s = halfWidth(input)
    .trim()
    .replace(/^[¥￥]\s*/, '');
  return /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(s) ? s.replace(/,/g, '') : s;
}

/**
 * Yuan text → an integer number of 1/10^`decimals` yuan (decimals 2: fen; 4: price units), at
 * most `max`, or why not. `typed`: first read it as a person types it (`canonicalYuanText`);
 * without it only the canonical grammar is taken (the API's price strings).
 */
export function parseYuanText(input: unknown, decimals: number, max: number = MAX_INT4, typed = false): MoneyInputResult {
  if (typeof input !== 'string' && !(typeof input === 'number' && Number.isFinite(input))) return { ok: false, problem: 'format' };
  const s = typed ? canonicalYuanText(String(input)) : String(input).trim();
  if (s === '') return { ok: false, problem: 'required' };
  if (/^[-−]/.test(s)) return { ok: false, problem: 'negative' };
  const m = CANONICAL.exec(s);
  if (!m) return { ok: false, problem: 'format' };
  const frac = m[2] ?? '';
  if (frac.length > decimals) return { ok: false, problem: 'decimals' };
  const value = BigInt(m[1]!) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0');
  if (value > BigInt(max)) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: Number(value) };
}

/** The issue messages: keys of the errors catalog (server/shared/error-key.ts), like every server message. */
export const AMOUNT_MESSAGES: Record<MoneyInputProblem, string> = {
  required: keyMessage('amountRequired'),
  format: keyMessage('amountFormat'),
  negative: keyMessage('amountNegative'),
  decimals: keyMessage('amountDecimals'),
  tooLarge: keyMessage('amountTooLarge'),
};
export const PRICE_MESSAGES: Record<MoneyInputProblem, string> = {
  required: keyMessage('priceRequired'),
  format: keyMessage('priceFormat'),
  negative: keyMessage('priceNotNegative'),
  decimals: keyMessage('priceMaxDecimals'),
  tooLarge: keyMessage('priceTooLarge'),
};

function yuanTransform(decimals: number, messages: Record<MoneyInputProblem, string>, max: number) {
  return z.union([z.string(), z.number()], { error: messages.format }).transform((text, ctx): number => {
    const r = parseYuanText(text, decimals, max, true);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: messages[r.problem], params: { problem: r.problem } });
    return z.NEVER;
  });
}

/**
 * Amount typed in yuan → integer fen (at most 2 decimals). Pipe it into the server's own amount
 * rule, e.g. `zYuanToFen().pipe(ZAmountFen)`, so "> 0" and the upper bound stay the server's.
 */
export const zYuanToFen = (max: number = MAX_INT4) => yuanTransform(AMOUNT_DECIMALS, AMOUNT_MESSAGES, max);

/** Unit price typed in yuan → integer price units of 1/100 fen (at most 4 decimals): "2.355" → 23_550. */
export const zYuanToPriceUnits = (max: number = MAX_INT4) => yuanTransform(PRICE_DECIMALS, PRICE_MESSAGES, max);

/** The fen of yuan text, or null when it is not an amount (for live previews; the schema gives the reason). */
export function yuanToFen(text: string): number | null {
  const r = parseYuanText(text, AMOUNT_DECIMALS, MAX_INT4, true);
  return r.ok ? r.value : null;
}

/** Fen → plain yuan text for an input's value: 1250 → "12.50", 5 → "0.05". */
export function fenToYuanText(fen: number): string {
  return minorToText(fen, AMOUNT_DECIMALS);
}

/** Price units → plain yuan text with 4 decimals: 23_550 → "2.3550". */
export function priceUnitsToYuanText(units: number): string {
  return minorToText(units, PRICE_DECIMALS);
}

function minorToText(n: number, decimals: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
  const s = String(Math.abs(n)).padStart(decimals + 1, '0');
  return `${n < 0 ? '-' : ''}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}
