import Papa from 'papaparse';
import { fenToYuanString } from '@/server/shared/money';

// Exports of the reports, built in the browser from the data the page shows (no second
// computation that could disagree with it): CSV (UTF-8 with a byte-order mark, so Excel opens
// Chinese text correctly) and .xlsx (exceljs, loaded only when asked for). Pure up to download().

/** How a column's values are written: rates stay numbers (a percentage format in .xlsx). */
export type CellKind = 'text' | 'int' | 'fen' | 'rate' | 'number';
export interface Column {
  header: string;
  kind: CellKind;
  /** decimals of a 'number' column (default 2) */
  digits?: number;
}
/** text, a number (fen for 'fen', a fraction 0–1 for 'rate'), or nothing */
export type Cell = string | number | null;
export interface Sheet {
  name: string;
  columns: Column[];
  rows: Cell[][];
}
/** What the export is of, written on an extra sheet of the workbook. */
export interface ExportInfo {
  title: string;
  lines: [string, string][];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv;charset=utf-8';

/** A text a spreadsheet would run as a formula (=, +, -, @ …) is written with a leading quote. */
const safeText = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function csvCell(kind: CellKind, v: Cell, digits = 2): string | number {
  if (v === null || v === '') return '';
  if (typeof v === 'string') return safeText(v);
  switch (kind) {
    case 'fen':
      return fenToYuanString(v);
    case 'rate':
      return `${(v * 100).toFixed(2)}%`;
    case 'number':
      return Number(v.toFixed(digits));
    default:
      return v;
  }
}

/**
 * The sheets as one CSV: a single sheet is a plain table; several follow each other, each under
 * a line with its name and separated by an empty line.
 */
export function toCsv(sheets: Sheet[]): string {
  const rows: (string | number)[][] = [];
  sheets.forEach((s, i) => {
    if (sheets.length > 1) {
      if (i > 0) rows.push([]);
      rows.push([safeText(s.name)]);
    }
    rows.push(s.columns.map((c) => safeText(c.header)));
    for (const r of s.rows) rows.push(s.columns.map((c, j) => csvCell(c.kind, r[j] ?? null, c.digits)));
  });
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;
}

const NUM_FMT: Record<CellKind, string | undefined> = {
  text: undefined,
  int: '#,##0',
  fen: '#,##0.00',
  rate: '0.00%',
  number: undefined,
};

/** Excel's rules for a sheet name: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let n = base;
  for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${base.slice(0, 28)} ${i}`;
  taken.add(n.toLowerCase());
  return n;
}

/** The sheets as an .xlsx workbook (header row bold and frozen; money in yuan; rates as percentages). */
export async function toXlsx(sheets: Sheet[], info?: ExportInfo): Promise<ArrayBuffer> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli';
  const taken = new Set<string>();
  for (const s of sheets) {
    const ws = wb.addWorksheet(sheetName(s.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({
      header: c.header,
      width: Math.max(10, Math.min(40, c.header.length * (/[^\x00-\xff]/.test(c.header) ? 2 : 1) + 2)),
      style: { numFmt: c.kind === 'number' ? `0.${'0'.repeat(c.digits ?? 2)}` : NUM_FMT[c.kind] },
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      ws.addRow(
        s.columns.map((c, j) => {
          const v = r[j] ?? null;
          if (v === null) return null;
          return c.kind === 'fen' && typeof v === 'number' ? v / 100 : v;
        }),
      );
    }
  }
  if (info) {
    const ws = wb.addWorksheet(sheetName(info.title, taken));
    ws.columns = [{ width: 18 }, { width: 48 }];
    for (const line of info.lines) ws.addRow(line);
    ws.getColumn(1).font = { bold: true };
  }
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Saves a file the browser way (a link with `download`), which a test sees as a download. */
export function download(data: BlobPart, type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
