// Amounts typed by people, in yuan, turned into the fen the API takes, by string arithmetic:
// "12.5" → 1250, "0.05" → 5. No floats touch the amount.

const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "1,234.5" / "¥12" / "12.30" → fen; null for anything that is not a non-negative amount with ≤ 2 decimals. */
export function parseYuanToFen(input: string): number | null {
  const s = input.trim().replace(/^[¥￥]/, '').replace(/,/g, '');
  const m = YUAN.exec(s);
  if (!m) return null;
  return Number(m[1]!) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Fen → a plain yuan string for an input's default value: 1250 → "12.50". */
export function fenToYuanInput(fen: number): string {
  const abs = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}
