import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { decodeCsvBytes, MAX_UNPACKED_BYTES, xlsxToCsv, zipUnpackedBytes } from '@/server/uploads/table-file';

const CSV = '小区,楼栋,单元,房号,楼层,建筑面积,状态,姓名\r\n翠竹园,7号楼,1单元,101,1,89.50,已入住,张伟\r\n';

describe('decodeCsvBytes: the encoding of an uploaded CSV, decided by its bytes', () => {
  it('reads UTF-8, with or without a BOM', () => {
    expect(decodeCsvBytes(new TextEncoder().encode(CSV))).toEqual({ text: CSV, encoding: 'utf-8' });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)]))).toEqual({ text: CSV, encoding: 'utf-8' });
  });

  it('reads GBK (what Excel on Chinese Windows saves as CSV) and GB18030', () => {
    const gbk = iconv.encode(CSV, 'gbk');
    // not UTF-8: read as UTF-8 it would be mojibake
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(decodeCsvBytes(gbk)).toEqual({ text: CSV, encoding: 'gb18030' });
    // a character outside GBK (𠀀, U+20000) only GB18030 encodes
    const rare = '姓名\n𠀀先生\n';
    expect(decodeCsvBytes(iconv.encode(rare, 'gb18030'))).toEqual({ text: rare, encoding: 'gb18030' });
  });

  it('reads UTF-16 with its BOM (Excel’s “Unicode text”)', () => {
    expect(decodeCsvBytes(iconv.encode(CSV, 'utf-16le', { addBOM: true }))).toEqual({ text: CSV, encoding: 'utf-16le' });
  });

  it('refuses bytes that are text in none of them', () => {
    expect(decodeCsvBytes(new Uint8Array([0x41, 0xff, 0xff, 0xff, 0x80, 0x42]))).toBeNull();
  });
});

describe('xlsxToCsv: the first visible sheet of a workbook as CSV', () => {
  it('reads text, numbers, dates, formulas, rich text and links as Excel shows them', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('hidden one', { state: 'hidden' }).addRow(['not me']);
    const s = wb.addWorksheet('房屋');
    s.addRow(['小区', '楼栋', '房号', '楼层', '建筑面积', '邮箱', '计费起始日', '备注']);
    s.addRow([
      '翠竹园',
      '7号楼',
      '0101',
      1,
      89.5,
      { text: 'a@example.com', hyperlink: 'mailto:a@example.com' },
      new Date(Date.UTC(2026, 4, 17)),
      { richText: [{ text: '张, ' }, { text: '"伟"' }] },
    ]);
    s.addRow(['翠竹园', '7号楼', '102', { formula: 'D2+1', result: 2 }, 120]);
    const csv = await xlsxToCsv(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 100);
    expect(csv!.split('\n')).toEqual([
      '小区,楼栋,房号,楼层,建筑面积,邮箱,计费起始日,备注',
      '翠竹园,7号楼,0101,1,89.5,a@example.com,2026-05-17,"张, ""伟"""',
      '翠竹园,7号楼,102,2,120,,,',
    ]);
  });

  it('cuts a long sheet after maxRows rows, and refuses what is no workbook', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('a');
    for (let i = 0; i < 10; i++) s.addRow([i]);
    const csv = await xlsxToCsv(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 4);
    expect(csv!.split('\n')).toEqual(['0', '1', '2', '3']);
    expect(await xlsxToCsv(new TextEncoder().encode('PK not a zip'), 4)).toBeNull();
  });
});

describe('a workbook that would unpack too large (a zip bomb) is refused before it is read', () => {
  it('sums the sizes the zip declares, and refuses over the limit', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a').addRow(['小区', '楼栋']);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const size = zipUnpackedBytes(bytes)!;
    expect(size).toBeGreaterThan(1000);
    expect(size).toBeLessThan(100_000);
    expect(await xlsxToCsv(bytes, 10)).toBe('小区,楼栋');
    // the first central-directory entry now declares 4 GB − 2 uncompressed
    const bomb = bytes.slice();
    const v = new DataView(bomb.buffer);
    let cd = bomb.length - 22;
    while (v.getUint32(cd, true) !== 0x06054b50) cd--;
    const first = v.getUint32(cd + 16, true);
    v.setUint32(first + 24, 0xfffffffe, true);
    expect(zipUnpackedBytes(bomb)).toBeGreaterThan(MAX_UNPACKED_BYTES);
    expect(await xlsxToCsv(bomb, 10)).toBeNull();
    expect(zipUnpackedBytes(new TextEncoder().encode('not a zip at all, long enough to search'))).toBeNull();
  });
});
