import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgServerUrl, type TestDatabase } from '../helpers/test-db';
import { makeTenant } from '../helpers/fixtures';
import { demoUnitsCsv } from '@/prisma/seed';
import { GET as sampleCsvRoute } from '@/app/[tenant]/import/sample.csv/route';
import { GET as sampleXlsxRoute } from '@/app/[tenant]/import/sample.xlsx/route';
import { checkUpload } from '@/server/uploads/upload';
import { AppError } from '@/server/errors';

// The import page's samples import unchanged into the demo company's register (its communities
// 翠竹园 and 银杏里 and their 300 units, made from the same demoUnitsCsv the demo seed imports),
// as CSV, as the .xlsx workbook and as the CSV saved in GBK — each read through the upload check
// the browser's file goes through.

const download = async (route: (r: Request) => Response | Promise<Response>, lang: string) => {
  const res = await route(new Request(`http://linli.test/demo/import/sample?lang=${lang}`));
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};
const asStored = async (bytes: Uint8Array) => new TextDecoder().decode((await checkUpload('units-csv', bytes)).bytes);

describe.skipIf(!pgServerUrl())('the import samples in the demo register (PostgreSQL)', () => {
  let t: TestDatabase;
  let A: Awaited<ReturnType<typeof makeTenant>>;
  beforeAll(async () => {
    t = await createTestDatabase();
    A = await makeTenant(t.db, '睦宁里物业（演示）');
    for (const name of ['翠竹园', '银杏里']) await A.as.property.createCommunity({ tenant: A.slug, name });
    expect(await A.as.property.importUnits({ tenant: A.slug, csv: demoUnitsCsv(), fileName: 'demo.csv' })).toMatchObject({ ok: true, unitsCreated: 300 });
  });
  afterAll(() => t?.drop());

  const sampleUnits = async () =>
    (await A.as.property.listUnits({ tenant: A.slug, q: '号楼', pageSize: 200 })).rows
      .filter((u) => u.building === '7号楼' || u.building === '8号楼')
      .map((u) => `${u.community} ${u.building} ${u.label} ${u.floor} ${u.area} ${u.status} ${u.residents.map((r) => `${r.name}/${r.kind}`).join('+')}`)
      .sort();

  it('the Chinese sample CSV imports as downloaded: two new buildings of 翠竹园, four units, four residents', async () => {
    const csv = await asStored(await download(sampleCsvRoute, 'zh'));
    expect(csv.startsWith('小区,楼栋,单元,房号')).toBe(true);
    const r = await A.as.property.importUnits({ tenant: A.slug, csv, fileName: 'units-sample-zh.csv' });
    expect(r).toEqual({ ok: true, rows: 5, buildingsCreated: 2, unitsCreated: 4, unitsUpdated: 0, residentsCreated: 4, residentsUpdated: 0 });
    expect(await sampleUnits()).toEqual([
      '翠竹园 7号楼 1单元-101 1 89.50 OCCUPIED 张伟/OWNER',
      '翠竹园 7号楼 1单元-102 1 120.00 VACANT ',
      '翠竹园 7号楼 2单元-1201 12 120.00 OCCUPIED 李娜/OWNER+王强/OCCUPANT',
      '翠竹园 8号楼 301 3 76.35 RENOVATION 赵敏/OWNER',
    ]);
  });

  it('the .xlsx sample and the GBK CSV import the same (updating, not duplicating)', async () => {
    const before = await sampleUnits();
    const xlsx = await download(sampleXlsxRoute, 'zh');
    expect([...xlsx.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip: an Excel workbook
    const fromXlsx = await A.as.property.importUnits({ tenant: A.slug, csv: await asStored(xlsx), fileName: 'units-sample-zh.xlsx' });
    expect(fromXlsx).toEqual({ ok: true, rows: 5, buildingsCreated: 0, unitsCreated: 0, unitsUpdated: 4, residentsCreated: 0, residentsUpdated: 4 });

    const utf8 = new TextDecoder().decode(await download(sampleCsvRoute, 'zh')).replace(/^\uFEFF/, '');
    const gbk = iconv.encode(utf8, 'gbk');
    expect(gbk.includes(Buffer.from('小区'))).toBe(false); // not UTF-8 bytes
    const fromGbk = await A.as.property.importUnits({ tenant: A.slug, csv: await asStored(gbk), fileName: 'units-gbk.csv' });
    expect(fromGbk).toMatchObject({ ok: true, rows: 5, unitsCreated: 0, unitsUpdated: 4 });
    expect(await sampleUnits()).toEqual(before);
  });

  it('the English sample imports too (English headers and words, the same units)', async () => {
    const before = await sampleUnits();
    for (const [route, residentsCreated] of [
      [sampleCsvRoute, 4],
      [sampleXlsxRoute, 0],
    ] as const) {
      const r = await A.as.property.importUnits({ tenant: A.slug, csv: await asStored(await download(route, 'en')) });
      expect(r).toMatchObject({ ok: true, rows: 5, buildingsCreated: 0, unitsCreated: 0, unitsUpdated: 4, residentsCreated });
    }
    // the English names are new residents beside the Chinese ones; the units are the same
    expect((await sampleUnits()).map((u) => u.split(' ').slice(0, 6).join(' '))).toEqual(before.map((u) => u.split(' ').slice(0, 6).join(' ')));
    // the demo's own 300 units are as they were, plus the sample's 4
    expect((await A.as.property.listUnits({ tenant: A.slug })).total).toBe(304);
  });

  it('refuses a workbook where only CSV is taken, and bytes that are no text', async () => {
    const xlsx = await download(sampleXlsxRoute, 'zh');
    const e = await checkUpload('readings-csv', xlsx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).key).toBe('uploadNotText');
    const bad = await checkUpload('units-csv', new Uint8Array([0x41, 0xff, 0xff, 0xff, 0x80, 0x42, 0x0a])).catch((x: unknown) => x);
    expect((bad as AppError).key).toBe('uploadEncoding');
    const broken = await checkUpload('units-csv', xlsx.slice(0, 2000)).catch((x: unknown) => x);
    expect((broken as AppError).key).toMatch(/uploadBadSheet|uploadNotText/);
  });
});
