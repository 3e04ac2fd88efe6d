import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { errorTranslator, serverTranslator } from '@/server/i18n/translator';
import { AppError } from '@/server/errors';
import { englishError, isErrorKey, keyMessage, parseKeyMessage } from '@/server/shared/error-key';
import { newBillsMessage } from '@/server/billing/messages';
import { reminderMessage } from '@/server/collection/messages';
import { arrearsCsv } from '@/server/collection/arrears-csv';
import { renderReceiptPdf } from '@/server/payments/receipt-pdf';
import type { ReceiptData } from '@/server/payments/receipt';

// #13 point 1: errors and server texts are keys of the catalogs. Both locales hold the same keys
// with the same ICU arguments; every error and every server text renders in zh-CN without an
// English word (outside a short list of names and units).

const DIR = join(process.cwd(), 'app/_i18n/messages');
type Tree = { [k: string]: string | Tree };
const load = (locale: string, ns: string) => JSON.parse(readFileSync(join(DIR, locale, `${ns}.json`), 'utf8')) as Tree;
const namespaces = (locale: string) =>
  readdirSync(join(DIR, locale))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();

function leaves(t: Tree, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

/** Argument names and their kinds (plain, number, select:<options>, plural), anywhere in a message. */
function args(message: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (els: MessageFormatElement[]) => {
    for (const el of els) {
      if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
        out.set(el.value, out.get(el.value) ?? 'plain');
      if (el.type === TYPE.select) {
        out.set(el.value, `select:${Object.keys(el.options).sort().join(',')}`);
        for (const o of Object.values(el.options)) walk(o.value);
      }
      if (el.type === TYPE.plural) {
        // a plural in one language may be a plain number in another (Chinese has no plural forms)
        out.set(el.value, out.get(el.value) === 'plain' ? 'plain' : 'plural');
        for (const o of Object.values(el.options)) walk(o.value);
      }
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return out;
}

describe('catalog parity', () => {
  it('both locales have the same namespace files', () => expect(namespaces('zh-CN')).toEqual(namespaces('en')));

  for (const ns of namespaces('en')) {
    it(`${ns}: the same keys, with the same ICU arguments`, () => {
      const en = new Map(leaves(load('en', ns)));
      const zh = new Map(leaves(load('zh-CN', ns)));
      expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
      const differ = [...en].filter(([k, v]) => {
        const norm = (m: Map<string, string>) => JSON.stringify([...m].map(([n, kind]) => [n, kind === 'plural' ? 'plain' : kind]).sort());
        return norm(args(v)) !== norm(args(zh.get(k) ?? ''));
      });
      expect(differ.map(([k, v]) => `${k}: ${v} | ${zh.get(k)}`)).toEqual([]);
    });
  }
});

// Latin words a Chinese text may hold: names of formats and products, and units.
const ALLOWED = new Set([
  'CSV',
  'PDF',
  'SLA',
  'MB',
  'SVG',
  'PNG',
  'JPEG',
  'WebP',
  'UTF',
  'Excel',
  'POS',
  'YYYY',
  'MM',
  'DD',
  'kWh',
  'RMB',
  'No',
  'Stripe',
  'SMS',
]);
const latinWords = (s: string) => (s.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w));

/** Every way to fill a message's arguments: each option of each select once, numbers for plurals. */
function samples(message: string): Record<string, string | number>[] {
  const a = args(message);
  const base: Record<string, string | number> = {};
  const selects: [string, string[]][] = [];
  for (const [name, kind] of a) {
    if (kind === 'plural' || name === 'count' || name === 'max' || name === 'min' || name === 'seconds' || name === 'minutes') base[name] = 2;
    else if (kind.startsWith('select:')) {
      const options = kind.slice(7).split(',');
      base[name] = options.find((o) => o !== 'other') ?? 'other';
      selects.push([name, options]);
    } else base[name] = name === 'id' ? '2026-000042' : '示例';
  }
  return [base, ...selects.flatMap(([name, options]) => options.map((o) => ({ ...base, [name]: o })))];
}

describe('zh-CN texts hold no English', () => {
  const zhErrors = errorTranslator('zh-CN') as unknown as (k: string, p?: Record<string, string | number>) => string;
  const zhServer = serverTranslator('zh-CN') as unknown as (k: string, p?: Record<string, string | number>) => string;
  const enErrors = leaves(load('en', 'errors'));
  const enServer = leaves(load('en', 'server'));

  it('every error key, with every select option', () => {
    const bad: string[] = [];
    for (const [key, en] of enErrors) {
      if (key.startsWith('pages.')) continue;
      for (const p of samples(en)) {
        const text = zhErrors(key, p);
        if (!text || text === `errors.${key}` || latinWords(text).length) bad.push(`${key}: ${text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('every server text (bills, reminders, CSV, receipt, PDF, e-mail), with every select option', () => {
    const bad: string[] = [];
    for (const [key, en] of enServer) {
      for (const p of samples(en)) {
        const text = zhServer(key, p);
        if (!text || latinWords(text).length) bad.push(`${key}: ${text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  const company = { name: '睦宁物业', slug: 'muning', locale: 'zh-CN', timeZone: 'Asia/Shanghai', currency: 'CNY' };
  it('the text builders in a Chinese company', async () => {
    const texts = [
      ...Object.values(newBillsMessage(company, { period: '2026-11', bills: 3, totalFen: 123_450 })),
      ...Object.values(reminderMessage(company, { label: '1号楼 1-301', arrearsFen: 88_800, asOf: '2026-11-20', maxDaysOverdue: 45 })),
      ...(['community', 'building', 'unit'] as const).map((level) => arrearsCsv(level, [], 'zh-CN', () => '2026-11-20')),
    ];
    const receipt: ReceiptData = {
      id: 'p1',
      companyName: '睦宁物业',
      company: { address: '南京市鼓楼区睦宁路 1 号', phone: '025-8888 6666', seal: null },
      currency: 'CNY',
      locale: 'zh-CN',
      receiptNo: '2026-000042',
      receiptYear: 2026,
      receiptNumber: 42,
      payer: { kind: 'UNIT', id: 'u1', community: '翠竹园', building: '1号楼', unit: '301', parkingSpace: '', name: '张三', label: '翠竹园 1号楼 301' },
      items: [
        { billId: 'b1', name: '物业费', description: '', object: '', period: '2026-11', periodLabel: '2026-11', billAmountFen: 10_000, amountFen: 10_000 },
      ],
      creditUsedFen: 100,
      creditAddedFen: 200,
      totalFen: 10_100,
      totalCapital: '壹佰零壹元整',
      method: 'POS',
      invoiceNo: null,
      note: '备注',
      cashier: '李四',
      enteredAt: '2026-11-20 10:00',
      receivedOn: '2026-11-19',
      countedOn: '2026-11-20',
      reversed: { id: 'r1', on: '2026-11-21', at: '2026-11-21 09:00', by: '王五', reason: '录错' },
      refunds: [{ id: 'o1', amountFen: 1_000, on: '2026-11-22', countedOn: '2026-11-22', reason: '多收' }],
      refundedFen: 1_000,
      remainingFen: 9_100,
    } as unknown as ReceiptData;
    const { lines } = await renderReceiptPdf(receipt);
    const bad = [...texts, ...lines].filter((s) => latinWords(s).length);
    expect(bad).toEqual([]);
    expect(lines).toContain('收款收据');
  });
});

describe('errors by key', () => {
  it("an AppError's message is the English rendering of its key", () => {
    const e = new AppError('CONFLICT', 'slugTaken', { slug: 'abc' }, { field: 'slug' });
    expect(e.message).toBe('The URL name "abc" is already taken');
    expect(e).toMatchObject({ code: 'CONFLICT', key: 'slugTaken', params: { slug: 'abc' }, details: { field: 'slug' } });
  });
  it('key messages round-trip, and only catalog keys parse', () => {
    expect(parseKeyMessage(keyMessage('tooLongNamed', { what: 'name', max: 40 }))).toEqual({ key: 'tooLongNamed', params: { what: 'name', max: 40 } });
    expect(parseKeyMessage('notFound.unit')).toEqual({ key: 'notFound.unit' });
    expect(parseKeyMessage('Community name is required')).toBeNull();
    expect(isErrorKey('pages.home')).toBe(false);
    expect(englishError('required', { what: 'communityName' })).toBe('Community name is required');
  });
});
