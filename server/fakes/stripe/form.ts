// Stripe's request encoding: application/x-www-form-urlencoded with bracketed nested keys, as
// the stripe SDK writes them (node_modules/stripe/esm/utils.js stringifyRequestData):
// `line_items[0][price_data][unit_amount]=100`, `expand[0]=payment_intent` (or `expand[]=…`),
// `metadata[intent]=…`. Objects whose keys are all indices become arrays.

export type Params = { [key: string]: ParamValue };
export type ParamValue = string | Params | ParamValue[];

/** Splits `a[b][0][]` into ['a', 'b', '0', '']. */
function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key.slice(open)))) parts.push(m[1] ?? '');
  return parts;
}

type Node = { [key: string]: Node | string };

function toValue(node: Node | string): ParamValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k) || k.startsWith('\u0000'))) {
    return keys
      .map((k) => [k.startsWith('\u0000') ? Number(k.slice(1)) + 1e9 : Number(k), node[k]!] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, v]) => toValue(v));
  }
  const out: Params = {};
  for (const k of keys) out[k] = toValue(node[k]!);
  return out;
}

/** Parses a form body or a query string into nested params. */
export function parseForm(input: string): Params {
  const root: Node = {};
  let appended = 0;
  for (const [rawKey, value] of new URLSearchParams(input)) {
    const path = keyPath(rawKey);
    let node: Node = root;
    for (let i = 0; i < path.length; i++) {
      let k = path[i]!;
      if (k === '') k = `\u0000${appended++}`; // `[]`: append in order
      if (i === path.length - 1) {
        node[k] = value;
      } else {
        const next = node[k];
        if (typeof next === 'object') node = next;
        else {
          const created: Node = {};
          node[k] = created;
          node = created;
        }
      }
    }
  }
  return toValue(root) as Params;
}
