// What a cashier types to find a payer, as a structured query. Pure: the cashier desk may import
// it to say what it understood; the server builds its one search from it (server/payments/payer-search.ts).
//
//   101                 → number 101
//   1-301               → building (or entrance) 1, number 301
//   1-2-301             → building 1, entrance 2, number 301
//   1号楼 101 / 1栋101   → building 1, number 101
//   1号楼1单元301        → building 1, entrance 1, number 301
//   1号楼 / 1号楼2单元   → building 1 (entrance 2), every number
//   翠竹园 1-101         → community 翠竹园, building 1, number 101
//   张三                 → a resident's (or renter's) name
//   13800138000 / 0138  → a phone number (7+ digits; a part of one is enough)
//   2026-000123         → receipt 2026-000123
//
// Full-width digits, letters, dashes and spaces count as their ASCII forms; spaces are collapsed.

export interface PayerQuery {
  /** The input, normalized (ASCII digits and dashes, single spaces, trimmed). */
  text: string;
  community?: string;
  building?: string;
  entrance?: string;
  number?: string;
  /** From `A-B`: A may be the building or the entrance (both are tried). */
  buildingOrEntrance?: boolean;
  name?: string;
  phone?: string;
  receipt?: { year: number; no: number };
}

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D~～]/g;

/** Full-width ASCII (０-９, Ａ-Ｚ, －, ＃…) and the ideographic space to ASCII; dashes to '-'; spaces collapsed. */
export function normalizePayerText(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(DASHES, '-')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const ID = '[0-9A-Za-z]+';
const BUILDING_MARK = '(?:号楼|号|栋|幢|座|#楼?)';
const ADDRESS: [RegExp, (m: RegExpMatchArray) => Partial<PayerQuery>][] = [
  // 1号楼1单元301室, 1栋 2单元 301, 1#301
  [new RegExp(`^(${ID}?)${BUILDING_MARK}(?:(${ID}?)单元-?)?-?(${ID})(?:室|号)?$`), (m) => ({ building: m[1], entrance: m[2] || undefined, number: m[3] })],
  // 1号楼, 1号楼2单元: a building (and entrance) without a number
  [new RegExp(`^(${ID}?)${BUILDING_MARK}(?:(${ID}?)单元)?$`), (m) => ({ building: m[1], entrance: m[2] || undefined })],
  // 2单元301
  [new RegExp(`^(${ID}?)单元-?(${ID})(?:室|号)?$`), (m) => ({ entrance: m[1], number: m[2] })],
  // 1-2-301
  [new RegExp(`^(${ID})-(${ID})-(${ID})$`), (m) => ({ building: m[1], entrance: m[2], number: m[3] })],
  // 1-301
  [new RegExp(`^(${ID})-(${ID})$`), (m) => ({ building: m[1], number: m[2], buildingOrEntrance: true })],
  // 101, 101室
  [new RegExp(`^(${ID})(?:室|号)?$`), (m) => ({ number: m[1] })],
];

function parseAddress(s: string): Partial<PayerQuery> | null {
  const compact = s.replace(/ /g, '');
  if (!/\d/.test(compact)) return null;
  for (const [re, build] of ADDRESS) {
    const m = compact.match(re);
    if (m) return build(m);
  }
  return null;
}

/** Parses what a cashier typed; `null` for an empty input. */
export function parsePayerQuery(input: string): PayerQuery | null {
  const text = normalizePayerText(input);
  if (!text) return null;
  const receipt = text.match(/^(?:NO\.?\s*)?((?:19|20)\d{2})-(\d{3,})$/i);
  if (receipt) return { text, receipt: { year: Number(receipt[1]), no: Number(receipt[2]) } };
  // Digits only (spaces and dashes allowed inside), 7 or more: a phone, or a part of one. With a
  // dash it must be a whole number (11+ digits): "1502-3012" is an address.
  const digits = text.replace(/[ +-]/g, '');
  if (/^\+?\d[\d -]*$/.test(text) && digits.length >= 7 && (!text.includes('-') || digits.length >= 11)) {
    return { text, phone: digits.replace(/^86(?=1\d{10}$)/, '') };
  }
  const address = parseAddress(text);
  if (address) return { text, ...address };
  // A leading word without digits, then an address: the community. "翠竹园 1-101", "翠竹园1号楼101".
  const [, place = '', tail = ''] = text.match(/^([^\d\s-]+?)\s*(\d.*)$/) ?? [];
  if (place && !new RegExp(`${BUILDING_MARK}$|单元$`).test(place)) {
    const rest = parseAddress(tail);
    if (rest) return { text, community: place.trim(), ...rest };
  }
  // "翠竹园 张三": a community, then a name; else a name alone (also tried as a community's name).
  const [community, name, ...more] = text.split(' ');
  if (community && name && !more.length && !/\d/.test(text)) return { text, community, name };
  return { text, name: text };
}
