// Reading Stripe request params (see form.ts) with Stripe's validation errors.
import { invalid, missingParam, unknownParam, StripeError } from './errors.ts';
import type { ParamValue, Params } from './form.ts';

export type { Params, ParamValue };

/** Top-level (or nested) params not in `known` are refused, as Stripe does. */
export function onlyKnown(p: Params, known: readonly string[], prefix = ''): void {
  for (const k of Object.keys(p)) {
    if (!known.includes(k)) throw unknownParam(prefix ? `${prefix}[${k}]` : k);
  }
}

export const paramName = (prefix: string, key: string) => (prefix ? `${prefix}[${key}]` : key);

export function str(p: Params, key: string, opts: { required?: boolean; prefix?: string; max?: number } = {}): string | undefined {
  const name = paramName(opts.prefix ?? '', key);
  const v = p[key];
  if (v === undefined || v === '') {
    if (opts.required) throw missingParam(name);
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(`Invalid string: ${JSON.stringify(v)}`, name, 'parameter_invalid_string');
  if (opts.max !== undefined && v.length > opts.max) {
    throw invalid(`Invalid string: ${v.slice(0, 20)}...; must be at most ${opts.max} characters`, name, 'parameter_invalid_string');
  }
  return v;
}

export function int(p: Params, key: string, opts: { required?: boolean; prefix?: string; min?: number; max?: number } = {}): number | undefined {
  const name = paramName(opts.prefix ?? '', key);
  const v = p[key];
  if (v === undefined || v === '') {
    if (opts.required) throw missingParam(name);
    return undefined;
  }
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) {
    throw invalid(`Invalid integer: ${typeof v === 'string' ? v : JSON.stringify(v)}`, name, 'parameter_invalid_integer');
  }
  const n = Number(v);
  if (opts.min === 1 && n < 1) throw invalid('Invalid positive integer', name, 'parameter_invalid_integer');
  if (opts.min === 0 && n < 0) throw invalid('This value must be greater than or equal to 0.', name, 'parameter_invalid_integer');
  if (opts.min !== undefined && n < opts.min) throw invalid(`This value must be greater than or equal to ${opts.min}.`, name, 'parameter_invalid_integer');
  if (opts.max !== undefined && n > opts.max) throw invalid(`This value must be less than or equal to ${opts.max}.`, name, 'parameter_invalid_integer');
  return n;
}

export function bool(p: Params, key: string, prefix = ''): boolean | undefined {
  const v = p[key];
  if (v === undefined || v === '') return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw invalid(`Invalid boolean: ${typeof v === 'string' ? v : JSON.stringify(v)}`, paramName(prefix, key), 'parameter_invalid_boolean');
}

export function obj(p: Params, key: string, prefix = ''): Params | undefined {
  const v = p[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid(`Invalid object`, paramName(prefix, key), 'parameter_invalid_empty');
  return v;
}

export function arr(p: Params, key: string, prefix = ''): ParamValue[] | undefined {
  const v = p[key];
  if (v === undefined || v === '') return undefined;
  if (!Array.isArray(v)) throw invalid(`Invalid array`, paramName(prefix, key));
  return v;
}

export function strArray(p: Params, key: string, prefix = ''): string[] | undefined {
  const a = arr(p, key, prefix);
  if (!a) return undefined;
  return a.map((v, i) => {
    if (typeof v !== 'string') throw invalid(`Invalid string: ${JSON.stringify(v)}`, `${paramName(prefix, key)}[${i}]`);
    return v;
  });
}

/** Stripe's metadata limits: 50 keys, keys ≤ 40 characters, values ≤ 500 characters. */
export function metadata(p: Params, key = 'metadata', prefix = ''): Record<string, string> | undefined {
  const name = paramName(prefix, key);
  const v = p[key];
  if (v === undefined) return undefined;
  if (v === '') return {}; // `metadata=` clears
  if (typeof v !== 'object' || Array.isArray(v)) throw invalid('Invalid metadata: metadata must be a set of key-value pairs', name);
  const keys = Object.keys(v);
  if (keys.length > 50) {
    throw new StripeError(400, 'invalid_request_error', `Metadata can have up to 50 keys, but you've set ${keys.length}.`, { param: name });
  }
  const out: Record<string, string> = {};
  for (const k of keys) {
    const val = v[k];
    if (k.length > 40) {
      throw invalid(`Metadata keys can have up to 40 characters, but you passed in a key that is ${k.length} characters.`, `${name}[${k}]`);
    }
    if (typeof val !== 'string') throw invalid(`Invalid val: ${JSON.stringify(val)} must be a string under 500 characters`, `${name}[${k}]`);
    if (val.length > 500) {
      throw invalid(`Metadata values can have up to 500 characters, but you passed in a value that is ${val.length} characters.`, `${name}[${k}]`);
    }
    if (val !== '') out[k] = val; // an empty value unsets the key
  }
  return out;
}

export function expandList(p: Params): string[] {
  return strArray(p, 'expand') ?? [];
}

export type RangeFilter = { gt?: number; gte?: number; lt?: number; lte?: number };

/** `created=123` or `created[gte]=…&created[lte]=…` */
export function range(p: Params, key: string): RangeFilter | undefined {
  const v = p[key];
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string') {
    const n = int(p, key)!;
    return { gte: n, lte: n };
  }
  if (Array.isArray(v)) throw invalid('Invalid timestamp', key);
  onlyKnown(v, ['gt', 'gte', 'lt', 'lte'], key);
  const out: RangeFilter = {};
  for (const k of ['gt', 'gte', 'lt', 'lte'] as const) {
    const n = int(v, k, { prefix: key });
    if (n !== undefined) out[k] = n;
  }
  return out;
}

export function inRange(value: number, r: RangeFilter | undefined): boolean {
  if (!r) return true;
  if (r.gt !== undefined && !(value > r.gt)) return false;
  if (r.gte !== undefined && !(value >= r.gte)) return false;
  if (r.lt !== undefined && !(value < r.lt)) return false;
  if (r.lte !== undefined && !(value <= r.lte)) return false;
  return true;
}
