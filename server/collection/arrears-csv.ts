import Papa from 'papaparse';
import { fenToYuanString } from '../shared/money';
import type { ArrearsRow } from './arrears';
import { serverTranslator, type ServerTranslator } from '../i18n/translator';

// The arrears export as CSV: headers in the reader's language, amounts in yuan with two
// decimals, a UTF-8 byte-order mark so that Excel opens Chinese text correctly, and cells that
// a spreadsheet would run as formulas (=, +, -, @ …) escaped.

export type CsvLocale = 'zh-CN' | 'en';
type Level = 'community' | 'building' | 'unit';

// Headers and labels: server.json csv.* in the chosen language.
type Col =
  | 'community'
  | 'building'
  | 'label'
  | 'payerKind'
  | 'residents'
  | 'phones'
  | 'units'
  | 'spaces'
  | 'd0_30'
  | 'd31_90'
  | 'd91_180'
  | 'over180'
  | 'total'
  | 'bills'
  | 'maxDays'
  | 'oldestDue'
  | 'lastReminder';
const COLUMNS: Record<Level, Col[]> = {
  community: ['community', 'units', 'spaces', 'd0_30', 'd31_90', 'd91_180', 'over180', 'total', 'bills', 'maxDays', 'oldestDue'],
  building: ['community', 'building', 'units', 'spaces', 'd0_30', 'd31_90', 'd91_180', 'over180', 'total', 'bills', 'maxDays', 'oldestDue'],
  unit: [
    'community',
    'building',
    'label',
    'payerKind',
    'residents',
    'phones',
    'd0_30',
    'd31_90',
    'd91_180',
    'over180',
    'total',
    'bills',
    'maxDays',
    'oldestDue',
    'lastReminder',
  ],
};

function cell(col: Col, r: ArrearsRow, t: ServerTranslator, localDay: (d: Date) => string): string {
  switch (col) {
    case 'community':
      return r.community;
    case 'building':
      return r.buildingId ? r.building : t('csv.noBuilding');
    case 'label':
      return r.label;
    case 'payerKind':
      return r.payerKind ? t(`csv.kind.${r.payerKind}`) : '';
    case 'residents':
      return r.residents
        .map((x) => x.name)
        .filter(Boolean)
        .join('; ');
    case 'phones':
      return r.residents
        .map((x) => x.phone)
        .filter(Boolean)
        .join('; ');
    case 'units':
      return String(r.units);
    case 'spaces':
      return String(r.spaces);
    case 'd0_30':
      return fenToYuanString(r.d0_30Fen);
    case 'd31_90':
      return fenToYuanString(r.d31_90Fen);
    case 'd91_180':
      return fenToYuanString(r.d91_180Fen);
    case 'over180':
      return fenToYuanString(r.over180Fen);
    case 'total':
      return fenToYuanString(r.totalFen);
    case 'bills':
      return String(r.bills);
    case 'maxDays':
      return String(r.maxDaysOverdue);
    case 'oldestDue':
      return r.oldestDueDate ?? '';
    case 'lastReminder':
      return r.lastReminderAt ? localDay(r.lastReminderAt) : '';
  }
}

/**
 * The CSV text, starting with a BOM. `localDay` turns an instant into the company's local date
 * (last reminder).
 */
export function arrearsCsv(level: Level, rows: ArrearsRow[], locale: CsvLocale, localDay: (d: Date) => string): string {
  const cols = COLUMNS[level];
  const t = serverTranslator(locale);
  const body = Papa.unparse(
    {
      fields: cols.map((c) => t(`csv.headers.${c}`)),
      data: rows.map((r) => cols.map((c) => cell(c, r, t, localDay))),
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
  return `\uFEFF${body}\r\n`;
}

export const arrearsCsvFileName = (slug: string, level: Level, asOf: string) => `arrears-${slug}-${level}-${asOf}.csv`;
