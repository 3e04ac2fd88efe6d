import 'server-only';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

// What an imported table may arrive as, read into the one form the importers take (CSV text):
// CSV in UTF-8 (with or without BOM), CSV in GBK/GB18030 (what Excel on Chinese Windows saves as
// "CSV"), or an Excel .xlsx workbook (its first worksheet). CSV has no label saying its encoding,
// so it is decided by the bytes: a UTF-8 BOM, else valid UTF-8, else GB18030 (a superset of GBK
// and GB2312); UTF-16 with its BOM is what Excel's "Unicode text" writes.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The text of a CSV file and the encoding it was read in; null when it is none of them (or not text). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: TextEncoding } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return utf8(buf.subarray(3));
  if (buf[0] === 0xff && buf[1] === 0xfe) return text(iconv.decode(buf.subarray(2), 'utf-16le'), 'utf-16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return text(iconv.decode(buf.subarray(2), 'utf-16be'), 'utf-16be');
  // Pure ASCII is valid in both; GBK bytes are almost never valid UTF-8 (a lead byte 0x81–0xFE
  // followed by 0x40–0xFE rarely forms UTF-8's 110xxxxx 10xxxxxx…), so UTF-8 is tried first.
  return utf8(buf) ?? text(iconv.decode(buf, 'gb18030'), 'gb18030');
}

function utf8(buf: Buffer) {
  try {
    return text(new TextDecoder('utf-8', { fatal: true }).decode(buf), 'utf-8');
  } catch {
    return null;
  }
}

/** Refuses what decoded to replacement characters (bytes of no character in that encoding). */
function text(s: string, encoding: TextEncoding) {
  return s.includes('\uFFFD') ? null : { text: s, encoding };
}

/** A cell's text as a person reads it in Excel (dates as YYYY-MM-DD; a formula's result; a link's text). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return '';
  }
  return '';
}

/**
 * The first visible worksheet of an .xlsx workbook as CSV text, one line per row, cut after
 * `maxRows` rows (more than an importer takes, so that it still reports "too many rows").
 * Null when it is not a readable workbook.
 */
export async function xlsxToCsv(bytes: Uint8Array, maxRows: number): Promise<string | null> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const sheet = wb.worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? wb.worksheets[0];
  if (!sheet) return null;
  const rows: string[][] = [];
  const last = Math.min(sheet.rowCount, maxRows);
  const width = sheet.columnCount;
  for (let r = 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    rows.push(cells);
  }
  return Papa.unparse(rows, { newline: '\n' });
}
