// A building's units in one step (#17): entrances × floors × units per floor, named by patterns
// and given an area by their position on the floor. Pure: the generator form previews with it and
// the server generates with it, so what the preview shows is what is written.
//
// A pattern is text with placeholders {entrance}, {floor} and {unit} (in Chinese {单元}, {楼层}
// and {户}), each optionally padded with zeros to a width: {unit:02} → 01, {floor:02} → 03.
// "{entrance}-{floor:02}{unit:02}" names entrance 1, floor 3, unit 1 "1-0301"; "{楼层}{户:02}"
// names it "301".

export const PATTERN_TOKENS = ['entrance', 'floor', 'unit'] as const;
export type PatternToken = (typeof PATTERN_TOKENS)[number];
type Part = string | { token: PatternToken; width: number };
const TOKEN_NAMES: Record<string, PatternToken> = {
  entrance: 'entrance',
  单元: 'entrance',
  floor: 'floor',
  楼层: 'floor',
  层: 'floor',
  unit: 'unit',
  户: 'unit',
  室: 'unit',
};

/** Limits of one generation (a tower of 3 entrances × 33 floors × 6 is 594 units). */
export const GENERATE_LIMITS = { entrances: 20, floors: 200, perFloor: 20, units: 5000 } as const;

/** The parts of a pattern, or the first placeholder it does not know ('{' for an unclosed one). */
export function parsePattern(pattern: string): { parts: Part[] } | { bad: string } {
  const parts: Part[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (m.index > last) parts.push(pattern.slice(last, m.index));
    const t = /^([^:]+?)\s*(?::\s*0?([1-4]))?$/.exec(m[1]!.trim());
    const token = t && Object.hasOwn(TOKEN_NAMES, t[1]!.toLowerCase()) ? TOKEN_NAMES[t[1]!.toLowerCase()]! : null;
    if (!token) return { bad: m[0] };
    parts.push({ token, width: t![2] ? Number(t![2]) : 0 });
    last = m.index + m[0].length;
  }
  const rest = pattern.slice(last);
  if (/[{}]/.test(rest)) return { bad: rest.includes('{') ? '{' : '}' };
  if (rest) parts.push(rest);
  return { parts };
}

/** Whether `pattern` uses `token`. */
export const usesToken = (pattern: string, token: PatternToken) => {
  const p = parsePattern(pattern);
  return 'parts' in p && p.parts.some((x) => typeof x !== 'string' && x.token === token);
};

/** The pattern filled in for one unit's position. Throws on a bad pattern (the schema refuses those first). */
export function fillPattern(pattern: string, at: Record<PatternToken, number>): string {
  const p = parsePattern(pattern);
  if ('bad' in p) throw new Error(`bad unit pattern placeholder ${p.bad}`);
  // a basement floor keeps its sign in front of the padding: {floor:02} of -1 is "-01"
  const fill = (v: number, width: number) => (v < 0 ? '-' : '') + String(Math.abs(v)).padStart(width, '0');
  return p.parts.map((x) => (typeof x === 'string' ? x : fill(at[x.token], x.width))).join('');
}

export interface GenerateSpec {
  entrances: number;
  /** the label stored as each unit's entrance, e.g. "{entrance}单元" → 1单元; '' for a building of one entrance */
  entrancePattern: string;
  firstFloor: number;
  floors: number;
  perFloor: number;
  numberPattern: string;
  /** the area of the units at each position on a floor: areas[0] for unit 1 (…01), areas[1] for unit 2 … */
  areas: readonly string[];
}

export interface GeneratedUnit {
  entrance: string;
  number: string;
  floor: number;
  /** position on its floor, 1-based */
  position: number;
  area: string;
}

/** Every unit of the spec, entrance by entrance, floor by floor, in position order. */
export function expandUnits(spec: GenerateSpec): GeneratedUnit[] {
  const out: GeneratedUnit[] = [];
  for (let e = 1; e <= spec.entrances; e++) {
    for (let f = spec.firstFloor; f < spec.firstFloor + spec.floors; f++) {
      for (let u = 1; u <= spec.perFloor; u++) {
        const at = { entrance: e, floor: f, unit: u };
        out.push({
          entrance: fillPattern(spec.entrancePattern, at),
          number: fillPattern(spec.numberPattern, at),
          floor: f,
          position: u,
          area: spec.areas[u - 1]!,
        });
      }
    }
  }
  return out;
}

/** The key that must be unique in a building (the database's unique index: entrance and number). */
export const unitKey = (u: { entrance: string; number: string }) => `${u.entrance}\u0000${u.number}`;

/** Labels of the units the spec names twice ("1单元-101"), at most `max`. */
export function repeatedUnits(units: readonly GeneratedUnit[], max = 5): string[] {
  const seen = new Set<string>();
  const twice = new Map<string, string>();
  for (const u of units) {
    const k = unitKey(u);
    if (seen.has(k) && !twice.has(k)) twice.set(k, u.entrance ? `${u.entrance}-${u.number}` : u.number);
    seen.add(k);
  }
  return [...twice.values()].slice(0, max);
}
