import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { arrearsCsv } from '@/server/collection/arrears-csv';
import type { ArrearsRow } from '@/server/collection/arrears';

const row = (over: Partial<ArrearsRow>): ArrearsRow => ({
  communityId: 'c1',
  community: '阳光花园',
  buildingId: 'b1',
  building: '1号楼',
  payerKind: 'UNIT',
  payerId: 'u1',
  label: '1-101',
  d0_30Fen: 0,
  d31_90Fen: 0,
  d91_180Fen: 0,
  over180Fen: 0,
  totalFen: 0,
  bills: 1,
  maxDaysOverdue: 1,
  oldestDueDate: '2026-06-15',
  units: 1,
  spaces: 0,
  residents: [],
  lastReminderAt: null,
  ...over,
});
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('arrears CSV', () => {
  it('starts with a BOM, uses Chinese headers, and writes yuan with two decimals', () => {
    const csv = arrearsCsv(
      'unit',
      [
        row({
          d0_30Fen: 5,
          d31_90Fen: 123456,
          totalFen: 123461,
          residents: [
            { name: '张三', phone: '138' },
            { name: '李四', phone: '' },
          ],
          lastReminderAt: new Date('2026-07-01T02:00:00Z'),
        }),
      ],
      'zh-CN',
      day,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, first] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(header![0]).toBe('小区');
    expect(header).toContain('欠费合计(元)');
    expect(first).toEqual([
      '阳光花园',
      '1号楼',
      '1-101',
      '房屋',
      '张三; 李四',
      '138',
      '0.05',
      '1234.56',
      '0.00',
      '0.00',
      '1234.61',
      '1',
      '1',
      '2026-06-15',
      '2026-07-01',
    ]);
  });

  it('uses English headers on request, labels spaces rented alone, and escapes formulas', () => {
    const csv = arrearsCsv(
      'building',
      [row({ buildingId: null, building: '', community: '=cmd|"/c calc"!A1', payerKind: null, payerId: null, units: 0, spaces: 2, totalFen: 100 })],
      'en',
      day,
    );
    const [header, first] = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(header!.slice(0, 4)).toEqual(['Community', 'Building', 'Units in arrears', 'Spaces in arrears']);
    expect(first!.slice(0, 4)).toEqual(['\'=cmd|"/c calc"!A1', '(spaces rented alone)', '0', '2']);
    expect(first![8]).toBe('1.00');
  });

  it('writes a header even when nothing is in arrears', () => {
    const csv = arrearsCsv('community', [], 'zh-CN', day);
    expect(csv.replace('\uFEFF', '').trim().split('\r\n')).toHaveLength(1);
  });
});
