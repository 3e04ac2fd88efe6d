import { createTranslator } from 'next-intl';
import type errorsCatalog from '../../app/_i18n/messages/en/errors.json';
import enErrors from '../../app/_i18n/messages/en/errors.json';

// Errors travel as a message key of `app/_i18n/messages/<locale>/errors.json` plus ICU params.
// The key type is derived from the English catalog (the reference), so a key missing from it
// does not compile. Pure: the client imports this too (no server-only, no database).

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every error text key (the page texts under `pages` are not errors). */
export type ErrorKey = Exclude<Leaves<typeof errorsCatalog>, `pages.${string}`>;
export type ErrorParams = Record<string, string | number>;
export interface KeyedError {
  key: ErrorKey;
  params?: ErrorParams;
}

/**
 * A key (and its params) as one string, for the places that only carry a message: zod issue
 * messages (server and client-side form validation alike) and import problems.
 * `tooLongNamed {"what":"name","max":40}` — keys have no spaces.
 */
export function keyMessage(key: ErrorKey, params?: ErrorParams): string {
  return params && Object.keys(params).length ? `${key} ${JSON.stringify(params)}` : key;
}

const KEY_MESSAGE = /^([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)(?: (\{.*\}))?$/s;

/** The key and params of a `keyMessage` string; null for any other text. */
export function parseKeyMessage(message: string | null | undefined): KeyedError | null {
  const m = message ? KEY_MESSAGE.exec(message) : null;
  if (!m || !isErrorKey(m[1]!)) return null;
  let params: ErrorParams | undefined;
  if (m[2]) {
    try {
      params = JSON.parse(m[2]) as ErrorParams;
    } catch {
      return null;
    }
  }
  return params ? { key: m[1] as ErrorKey, params } : { key: m[1] as ErrorKey };
}

export function isErrorKey(key: string): key is ErrorKey {
  if (key.startsWith('pages.')) return false;
  let node: unknown = enErrors;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

type Loose = (key: string, params?: ErrorParams) => string;
let english: Loose | null = null;

/** The English rendering of an error (logs, tests, the error's `message`). */
export function englishError(key: ErrorKey, params?: ErrorParams): string {
  english ??= createTranslator({
    locale: 'en',
    messages: { errors: enErrors },
    namespace: 'errors',
    onError: () => {},
    getMessageFallback: ({ key: k }) => k,
  }) as unknown as Loose;
  return english(key, params);
}

/** A reason given as data (an import problem): the key and params the UI renders, and the English text. */
export function keyedReason(key: ErrorKey, params?: ErrorParams): { reason: string; key: ErrorKey; params: ErrorParams } {
  return { reason: englishError(key, params), key, params: params ?? {} };
}

/** The same for a zod issue's message (a `keyMessage`). */
export function issueReason(message: string) {
  const k = parseKeyMessage(message) ?? { key: 'invalidInput' as const };
  return keyedReason(k.key, k.params);
}
