import 'server-only';
import Papa from 'papaparse';

// The downloadable sample of the units import (/[tenant]/import/sample.csv and sample.xlsx), in
// Chinese or English headers. It names the demo company's 翠竹园 (which has buildings 1–6号楼)
// and two buildings it does not have, so it imports unchanged into the demo company — and into
// any company with a community of that name — adding 7号楼 and 8号楼 (tested). Its phone numbers
// are outside the demo's (its residents sign in with 139…/158…/15… numbers).

const ROWS = [
  ['翠竹园', '7号楼', '1单元', '101', '1', '89.50', 'OCCUPIED', ['张伟', 'Zhang Wei'], '13300000001', '', 'OWNER', ''],
  ['翠竹园', '7号楼', '1单元', '102', '1', '120.00', 'VACANT', ['', ''], '', '', '', ''],
  ['翠竹园', '7号楼', '2单元', '1201', '12', '120.00', 'OCCUPIED', ['李娜', 'Li Na'], '13300000002', 'lina@example.com', 'OWNER', ''],
  ['翠竹园', '7号楼', '2单元', '1201', '12', '120.00', 'OCCUPIED', ['王强', 'Wang Qiang'], '13300000003', '', 'OCCUPANT', ''],
  ['翠竹园', '8号楼', '', '301', '3', '76.35', 'RENOVATION', ['赵敏', 'Zhao Min'], '13300000004', '', 'OWNER', '2026-05-17'],
] as const;

const WORDS = {
  zh: {
    header: ['小区', '楼栋', '单元', '房号', '楼层', '建筑面积', '状态', '姓名', '电话', '邮箱', '身份', '计费起始日'],
    OCCUPIED: '已入住',
    VACANT: '空置',
    RENOVATION: '装修中',
    OWNER: '业主',
    OCCUPANT: '租户',
  },
  en: {
    header: ['community', 'building', 'entrance', 'unit', 'floor', 'area', 'status', 'resident', 'phone', 'email', 'kind', 'billing start'],
    OCCUPIED: 'occupied',
    VACANT: 'vacant',
    RENOVATION: 'renovation',
    OWNER: 'owner',
    OCCUPANT: 'occupant',
  },
} as const;

export type SampleLang = keyof typeof WORDS;
export const sampleLang = (request: Request): SampleLang => (new URL(request.url).searchParams.get('lang') === 'en' ? 'en' : 'zh');

/** The sample's rows, the header first. */
export function sampleRows(lang: SampleLang): string[][] {
  const w = WORDS[lang];
  return [
    [...w.header],
    ...ROWS.map(([community, building, entrance, number, floor, area, status, names, phone, email, kind, start]) => [
      community,
      building,
      entrance,
      number,
      floor,
      area,
      w[status],
      names[lang === 'zh' ? 0 : 1],
      phone,
      email,
      kind ? w[kind] : '',
      start,
    ]),
  ];
}

/** The sample as CSV, with a BOM so that Excel opens it as UTF-8. */
export const sampleCsv = (lang: SampleLang) => `\uFEFF${Papa.unparse(sampleRows(lang), { newline: '\r\n' })}\r\n`;

/** The sample as an .xlsx workbook: every cell text (as the import reads it), the header bold and frozen. */
export async function sampleXlsx(lang: SampleLang): Promise<Uint8Array> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli';
  const sheet = wb.addWorksheet(lang === 'zh' ? '房屋住户' : 'Units', { views: [{ state: 'frozen', ySplit: 1 }] });
  const rows = sampleRows(lang);
  sheet.columns = rows[0]!.map((_, i) => ({ width: Math.max(8, ...rows.map((r) => r[i]!.length * 2 + 2)), style: { numFmt: '@' } }));
  sheet.addRows(rows);
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
