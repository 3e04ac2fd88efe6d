import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createTranslator } from 'next-intl';
import en from '@/app/_i18n/messages/en/reports.json';
import zh from '@/app/_i18n/messages/zh-CN/reports.json';
import { figuresFromParts, EMPTY_PARTS } from '@/server/collection/rates';
import { fitCommunities } from '@/server/shared/statistics';
import type { Bucket, QuarterRanking, RatesReport, RelationshipReport } from '@/server/reports/types';
import { ratesSheets, rankingSheets, relationshipSheets, type ReportsT } from '@/components/reports/sheets';
import { toCsv, toXlsx } from '@/components/reports/export';
import { bucketLabel, reportFormat } from '@/components/reports/format';
import { slopeSummary } from '@/components/reports/relationship-summary';
import { scatterOption } from '@/components/reports/chart-options';

// The reports' exports and words (#16), from fixtures shaped like server/reports/types.ts: the
// sheets carry the page's numbers, CSV and .xlsx write them (money in yuan, rates as
// percentages), the relationship's sentence reads as DOMAIN.md asks in both languages.

const translator = (locale: 'en' | 'zh-CN') =>
  createTranslator({ locale, messages: { reports: locale === 'en' ? en : zh }, namespace: 'reports' }) as unknown as ReportsT;
const words = (t: ReportsT) => (key: string) =>
  bucketLabel(key, { quarter: (year, q) => t('bucket.quarter', { year, q }), year: (year) => t('bucket.year', { year }) });

const bucket = (key: string, closed: boolean): Bucket => ({
  key,
  firstMonth: key,
  lastMonth: key,
  firstDay: `${key}-01`,
  lastDay: `${key}-28`,
  cutoff: `${key}-28`,
  closed,
});
const figures = (billedFen: number, collectedFen: number, unitsBilled: number, unitsPaid: number) =>
  figuresFromParts({ ...EMPTY_PARTS, grossBilledFen: billedFen, billedFen, collectedFen, outstandingFen: billedFen - collectedFen, unitsBilled, unitsPaid });
const noChange = { currentPeriod: null, household: null, arrearsRecovery: null, overall: null };
const scope = { communityId: null, communityName: null, buildingId: null, buildingName: null };

const rates: RatesReport = {
  grain: 'month',
  from: '2026-09',
  to: '2026-10',
  cutoff: '2026-10-28',
  scope,
  buckets: [bucket('2026-09', true), bucket('2026-10', false)],
  rows: [
    { bucket: bucket('2026-09', true), figures: figures(1_000_00, 900_00, 10, 9), mom: noChange, yoy: noChange },
    { bucket: bucket('2026-10', false), figures: figures(2_000_00, 1_870_50, 20, 18), mom: { ...noChange, currentPeriod: 0.935 - 0.9 }, yoy: noChange },
  ],
  total: figures(3_000_00, 2_770_50, 30, 27),
  ranking: [{ communityId: 'c1', name: '=HYPERLINK("x")', units: 30, figures: figures(3_000_00, 2_770_50, 30, 27), rank: 1 }],
};

describe('rates export', () => {
  it('the sheets hold the rows the page shows, in the reader language', () => {
    const t = translator('zh-CN');
    const [periods, ranking] = ratesSheets(rates, t, words(t));
    expect(periods!.name).toBe('分期明细');
    expect(periods!.columns.map((c) => c.header).slice(0, 5)).toEqual(['期间', '状态', '应收', '实收', '当期收缴率']);
    expect(periods!.rows[0]!.slice(0, 5)).toEqual(['2026-09', '已发布', 100_000, 90_000, 0.9]);
    expect(periods!.rows[1]![5]).toBeCloseTo(3.5, 10); // +3.5 percentage points against September
    expect(ranking!.rows[0]!.slice(0, 3)).toEqual([1, '=HYPERLINK("x")', 30]);
  });

  it('CSV: a byte-order mark, money in yuan, rates as percentages, formulas defused', () => {
    const t = translator('en');
    const csv = toCsv(ratesSheets(rates, t, words(t)));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows[0]).toEqual(['By period']);
    expect(rows[1]!.slice(0, 5)).toEqual(['Period', 'Status', 'Billed', 'Collected', 'Current-period collection rate']);
    expect(rows[2]!.slice(0, 5)).toEqual(['2026-09', 'Published', '1000.00', '900.00', '90.00%']);
    expect(rows[3]!.slice(0, 7)).toEqual(['2026-10', 'Open', '2000.00', '1870.50', '93.53%', '3.5', '']);
    const rankRow = rows.find((r) => r[0] === '1');
    expect(rankRow![1]).toBe(`'=HYPERLINK("x")`);
  });

  it('.xlsx: one sheet per table and an about sheet; header row first, yuan and percentage formats', async () => {
    const t = translator('zh-CN');
    const buf = await toXlsx(ratesSheets(rates, t, words(t)), { title: t('export.about'), lines: [[t('export.company'), '睦宁里物业']] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['分期明细', '小区排名', '说明']);
    const ws = wb.getWorksheet('分期明细')!;
    expect(ws.getRow(1).getCell(5).value).toBe('当期收缴率');
    expect(ws.getRow(3).getCell(4).value).toBe(1870.5);
    expect(ws.getRow(3).getCell(4).numFmt).toBe('#,##0.00');
    expect(ws.getRow(3).getCell(5).value).toBeCloseTo(0.93525, 10);
    expect(ws.getRow(3).getCell(5).numFmt).toBe('0.00%');
    expect(wb.getWorksheet('说明')!.getRow(1).values).toEqual([undefined, '公司', '睦宁里物业']);
  });
});

describe('quarterly ranking export', () => {
  it('one sheet, ranks and both measures', () => {
    const t = translator('zh-CN');
    const r: QuarterRanking = {
      quarter: '2026-Q3',
      bucket: { ...bucket('2026-07', true), key: '2026-Q3', lastMonth: '2026-09' },
      rows: [
        {
          communityId: 'a',
          name: '翠竹园',
          units: 120,
          qualityIndex: 81.25,
          componentsUsed: 7,
          collectionRate: 0.9,
          collectedFen: 90,
          billedFen: 100,
          qualityRank: 1,
          collectionRank: 2,
          overallRank: 1,
        },
      ],
    };
    const [sheet] = rankingSheets(r, t);
    expect(sheet!.columns[0]!.header).toBe('综合排名');
    expect(sheet!.rows).toEqual([[1, '翠竹园', 120, 81.25, 7, 1, 0.9, 90, 100, 2]]);
    expect(words(t)('2026-Q3')).toBe('2026年第3季度');
    expect(words(translator('en'))('2026-Q3')).toBe('Q3 2026');
  });
});

describe('the relationship in words', () => {
  // 10 communities on y = 0.5 + 0.0023·x with a little noise: +2.3 percentage points per 10 index points.
  const pts = Array.from({ length: 10 }, (_, i) => ({ x: 40 + 5 * i, y: 0.5 + 0.0023 * (40 + 5 * i) + (i % 2 ? 0.004 : -0.004) }));
  const rel = (n: number): RelationshipReport => {
    const use = pts.slice(0, n);
    const fit = fitCommunities(use);
    const panelFit = { ...fit, points: 0, replicates: 0, validReplicates: 0 };
    const segment = { units: 0, paid: 0, rate: null, interval: null };
    return {
      grain: 'month',
      from: '2026-01',
      to: '2026-10',
      cutoff: '2026-10-31',
      buckets: [],
      scope,
      rate: 'currentPeriod',
      n,
      minCommunitiesForInterval: 8,
      communities: { points: use.map((p, i) => ({ communityId: `c${i}`, name: `小区${i}`, quality: p.x, rate: p.y, units: 100 })), fit },
      panel: { points: [], fit: panelFit },
      lag: { points: [], fit: panelFit },
      households: { experienceFrom: '2026-05', experienceTo: '2026-10', good: segment, bad: segment, none: segment, difference: null },
    };
  };

  it('reads the slope per 10 index points, with its interval from 8 communities on', () => {
    const s = slopeSummary(rel(10), 'communities');
    expect(s.per10Points).toBeCloseTo(2.3, 1);
    expect(s.intervalShown).toBe(true);
    expect(s.interval!.low).toBeLessThan(2.3);
    expect(s.interval!.high).toBeGreaterThan(2.3);
    const few = slopeSummary(rel(5), 'communities');
    expect(few.intervalShown).toBe(false);
    expect(few.noIntervalReason).toBe('tooFewCommunities');
  });

  it('the sentence in Chinese and English, and the message under 8 communities', () => {
    const zhT = translator('zh-CN');
    const f = reportFormat('zh-CN', 'CNY');
    const s = slopeSummary(rel(10), 'communities');
    const sentence = zhT('relationship.summary', {
      rate: zhT('relationship.rateWords.currentPeriod'),
      amount: f.num(s.per10Points, 1),
      direction: 'higher',
      low: f.num(s.interval!.low, 1),
      high: f.num(s.interval!.high, 1),
    });
    expect(sentence).toMatch(/^服务质量指数每高 10 分的小区，当期收缴率平均高 2\.3 个百分点（95% 置信区间 \d\.\d 至 \d\.\d）；这是相关关系，不证明因果。$/);
    expect(zhT('relationship.tooFew', { n: 5, min: 8 })).toBe('只有 5 个小区，少于 8 个，不显示置信区间。');
    const enT = translator('en');
    expect(enT('relationship.summaryNoInterval', { rate: enT('relationship.rateWords.household'), amount: '1.5', direction: 'lower' })).toBe(
      'Communities whose service quality index is 10 points higher have, on average, a household payment rate 1.5 percentage points lower; this is an association, not proof of cause.',
    );
  });

  it('exports its statistics, points and household segments', () => {
    const t = translator('en');
    const sheets = relationshipSheets(rel(10), t, words(t));
    expect(sheets.map((s) => s.name)).toEqual(['Statistics', 'Communities', 'Per period (panel)', 'Lag', 'Households']);
    expect(sheets[0]!.rows[0]![1]).toBe(10);
    expect(sheets[0]!.rows[0]![3]).toBeCloseTo(2.3, 1);
    expect(sheets[1]!.rows).toHaveLength(10);
  });
});

describe('number formats', () => {
  it('rates, percentage points and money by Intl', () => {
    const f = reportFormat('zh-CN', 'CNY');
    expect(f.rate(0.93525)).toBe('93.53%');
    expect(f.rate(null)).toBe('—');
    expect(f.pp(0.035)).toBe('+3.5');
    expect(f.pp(-0.012)).toBe('-1.2');
    expect(f.money(187_050)).toBe('¥1,870.50');
  });
});

describe('the Chinese reports texts', () => {
  it('hold no English (outside format names and SLA)', () => {
    const allowed = new Set(['CSV', 'Excel', 'SLA', 'YYYY', 'MM']);
    const leaves = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v as object)));
    // ICU arguments and select keys are not text: take the words inside a select's branches only
    const text = (s: string) => s.replace(/\{(\w+)\}/g, '').replace(/\{\w+, select,|\b(lower|other)\s*\{/g, '');
    const bad = leaves(zh).filter((s) => (text(s).match(/[A-Za-z]{2,}/g) ?? []).some((w) => !allowed.has(w)));
    expect(bad).toEqual([]);
  });
});

describe('chart options', () => {
  it('the fitted line is drawn in percent, like the points', () => {
    const option = scatterOption(
      [
        { name: 'a', x: 50, y: 80 },
        { name: 'b', x: 70, y: 90 },
      ],
      { slope: 0.005, intercept: 0.55 },
      { x: 'x', y: 'y', points: 'p', fitted: 'f' },
      reportFormat('en', 'CNY'),
    );
    const [[x0, y0], [x1, y1]] = (option.series as { data: number[][] }[])[1]!.data as [[number, number], [number, number]];
    expect([x0, x1]).toEqual([50, 70]);
    expect(y0).toBeCloseTo(80, 10);
    expect(y1).toBeCloseTo(90, 10);
  });
});
