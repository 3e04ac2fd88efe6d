import Papa from 'papaparse';
import { fenToYuanString } from '../shared/money';
import type { ArrearsRow } from './arrears';

// The arrears export as CSV: headers in the reader's language, amounts in yuan with two
// decimals, a UTF-8 byte-order mark so that Excel opens Chinese text correctly, and cells that
// a spreadsheet would run as formulas (=, +, -, @ …) escaped.

export type CsvLocale = 'zh-CN' | 'en';
type Level = 'community' | 'building' | 'unit';

const HEADERS = {
  community: { 'zh-CN': '小区', en: 'Community' },
  building: { 'zh-CN': '楼栋', en: 'Building' },
  label: { 'zh-CN': '房号/车位', en: 'Unit / space' },
  payerKind: { 'zh-CN': '类型', en: 'Type' },
  residents: { 'zh-CN': '住户', en: 'Residents' },
  phones: { 'zh-CN': '电话', en: 'Phones' },
  units: { 'zh-CN': '欠费户数', en: 'Units in arrears' },
  spaces: { 'zh-CN': '欠费车位数', en: 'Spaces in arrears' },
  d0_30: { 'zh-CN': '0–30天(元)', en: '0–30 days (CNY)' },
  d31_90: { 'zh-CN': '31–90天(元)', en: '31–90 days (CNY)' },
  d91_180: { 'zh-CN': '91–180天(元)', en: '91–180 days (CNY)' },
  over180: { 'zh-CN': '180天以上(元)', en: 'Over 180 days (CNY)' },
  total: { 'zh-CN': '欠费合计(元)', en: 'Total arrears (CNY)' },
  bills: { 'zh-CN': '欠费账单数', en: 'Bills' },
  maxDays: { 'zh-CN': '最长逾期天数', en: 'Max days overdue' },
  oldestDue: { 'zh-CN': '最早应缴日期', en: 'Oldest due date' },
  lastReminder: { 'zh-CN': '最近催缴日期', en: 'Last reminder' },
} as const;

const KIND = { UNIT: { 'zh-CN': '房屋', en: 'Unit' }, PARKING: { 'zh-CN': '车位', en: 'Parking space' } } as const;
const NO_BUILDING = { 'zh-CN': '(独立车位)', en: '(spaces rented alone)' } as const;

type Col = keyof typeof HEADERS;
const COLUMNS: Record<Level, Col[]> = {
  community: ['community', 'units', 'spaces', 'd0_30', 'd31_90', 'd91_180', 'over180', 'total', 'bills', 'maxDays', 'oldestDue'],
  building: ['community', 'building', 'units', 'spaces', 'd0_30', 'd31_90', 'd91_180', 'over180', 'total', 'bills', 'maxDays', 'oldestDue'],
  unit: [
    'community', 'building', 'label', 'payerKind', 'residents', 'phones',
    'd0_30', 'd31_90', 'd91_180', 'over180', 'total', 'bills', 'maxDays', 'oldestDue', 'lastReminder',
  ],
};

function cell(col: Col, r: ArrearsRow, locale: CsvLocale, localDay: (d: Date) => string): string {
  switch (col) {
    case 'community':
      return r.community;
    case 'building':
      return r.buildingId ? r.building : NO_BUILDING[locale];
    case 'label':
      return r.label;
    case 'payerKind':
      return r.payerKind ? KIND[r.payerKind][locale] : '';
    case 'residents':
      return r.residents.map((x) => x.name).filter(Boolean).join('; ');
    case 'phones':
      return r.residents.map((x) => x.phone).filter(Boolean).join('; ');
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
  const body = Papa.unparse(
    {
      fields: cols.map((c) => HEADERS[c][locale]),
      data: rows.map((r) => cols.map((c) => cell(c, r, locale, localDay))),
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
  return `\uFEFF${body}\r\n`;
}

export const arrearsCsvFileName = (slug: string, level: Level, asOf: string) => `arrears-${slug}-${level}-${asOf}.csv`;
