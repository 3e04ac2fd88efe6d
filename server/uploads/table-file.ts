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

/** A workbook unpacks to at most this much (a 25 MB upload of a zip bomb would unpack to gigabytes). */
export const MAX_UNPACKED_BYTES = 300 * 1024 * 1024;

/**
 * The total of a zip's uncompressed sizes as its central directory declares them, or null when
 * that cannot be read (no end record, a zip64 size). This refuses the plain zip bombs (which
 * declare their sizes); one that understates them is refused by JSZip (exceljs' reader) only after
 * unpacking the entry, so the upload's 25 MB and the register.write permission bound that case.
 */
export function zipUnpackedBytes(bytes: Uint8Array): number | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.byteLength || v.getUint32(at, true) !== 0x02014b50) return null;
    const size = v.getUint32(at + 24, true);
    if (size === 0xffffffff) return null;
    total += size;
    at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  return total;
}

/**
 * The first visible worksheet of an .xlsx workbook as CSV text, one line per row, cut after
 * `maxRows` rows (more than an importer takes, so that it still reports "too many rows").
 * Null when it is not a readable workbook, or one that would unpack to more than MAX_UNPACKED_BYTES.
 */
export async function xlsxToCsv(bytes: Uint8Array, maxRows: number): Promise<string | null> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const unpacked = zipUnpackedBytes(bytes);
  if (unpacked === null || unpacked > MAX_UNPACKED_BYTES) return null;
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
