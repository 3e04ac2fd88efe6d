import { test, expect } from '@playwright/test';
import iconv from 'iconv-lite';
import { makeCompany, type Company } from './api';
import { signedInPage } from './helpers';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let co: Company;
test.beforeAll(async () => {
  co = await makeCompany('登记测试物业');
});

const HEADER = '小区,楼栋,单元,房号,楼层,建筑面积,状态,姓名,电话,身份';

test('an admin creates a community, imports a CSV with a bad row, sees the report, then imports a good one', async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.admin.email);
  await page.goto(`/${co.slug}`);

  // A new community through the form.
  await page.getByTestId('nav').getByRole('link', { name: 'Communities', exact: true }).click();
  await page.getByRole('button', { name: 'New community' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Community name').fill('银杏里');
  await dialog.getByLabel('Address').fill('玄武区银杏里 6 号');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('cell', { name: '银杏里', exact: true })).toBeVisible();

  const dir = mkdtempSync(join(tmpdir(), 'linli-e2e-csv-'));
  const bad = join(dir, 'bad.csv');
  const good = join(dir, 'good.csv');
  writeFileSync(
    bad,
    '\uFEFF' + [HEADER, '银杏里,2号楼,1单元,101,1,95.50,已入住,周杰,13900000001,业主', '银杏里,2号楼,1单元,102,1,九十,已入住,吴敏,13900000002,业主'].join('\n'),
  );
  writeFileSync(good, '\uFEFF' + [HEADER, '银杏里,2号楼,1单元,101,1,95.50,已入住,周杰,13900000001,业主', '银杏里,2号楼,1单元,102,1,90.00,空置,,,'].join('\n'));

  await page.getByTestId('nav').getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByLabel('CSV or Excel file').setInputFiles(bad);
  await page.getByRole('button', { name: 'Start import' }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems).toBeVisible();
  await expect(
    problems
      .getByRole('row')
      .filter({ hasText: '3' })
      .filter({ hasText: /area|面积/i }),
  ).toHaveCount(1);
  await expect(page.getByTestId('import-summary')).toHaveCount(0);

  // Nothing was imported: the units list of the new community is still empty.
  await page.getByTestId('nav').getByRole('link', { name: 'Units', exact: true }).click();
  const search = page.getByPlaceholder(/resident name/i).first();
  await search.fill('周杰');
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByTestId('pagination-total')).toHaveText(/^0 records/);

  // Typing in the search box and at once following a link: the link wins (the search that was
  // waiting for typing to pause does not pull the user back to the list). The import page's
  // server answer is held back 800 ms, as on a busy server, so the pause ends mid-navigation.
  await page.route(
    (url) => url.pathname.endsWith('/import') && url.searchParams.has('_rsc'),
    async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    },
  );
  await search.fill('周');
  await page.getByTestId('nav').getByRole('link', { name: 'Import', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${co.slug}/import$`));
  await page.waitForTimeout(600); // past the search's pause: the page must still be the import
  await expect(page).toHaveURL(new RegExp(`/${co.slug}/import$`));
  await page.unroute(() => true);
  await page.getByLabel('CSV or Excel file').setInputFiles(good);
  await page.getByRole('button', { name: 'Start import' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('2');

  await page.getByTestId('nav').getByRole('link', { name: 'Units', exact: true }).click();
  await page
    .getByPlaceholder(/resident name/i)
    .first()
    .fill('周杰');
  await expect(page.getByRole('cell', { name: '95.50' })).toBeVisible();
  await ctx.close();
});

test("an admin generates a building's units from the community page: preview, then all of them; again, the duplicates are named", async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.admin.email);
  await page.goto(`/${co.slug}/communities`);
  await page.getByRole('link', { name: '翠竹园', exact: true }).click();
  await page.getByLabel('New building').fill('9号楼');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('button', { name: 'Generate units in 9号楼' }).click();

  const dialog = page.getByRole('dialog');
  const fill = async () => {
    await dialog.getByLabel('Entrances').fill('2');
    await dialog.getByLabel('Floors').fill('3');
    await dialog.getByLabel('Units per floor').fill('2');
    await dialog.getByLabel('Entrance name').fill('');
    await dialog.getByLabel('Unit number pattern').fill('{entrance}-{floor:02}{unit:02}');
    // the area by position, each field named by the number its first unit gets
    await dialog.getByLabel('Unit 1 (1-0101), m²').fill('89.5');
    await dialog.getByLabel('Unit 2 (1-0102), m²').fill('120');
    await dialog.getByRole('button', { name: 'Preview' }).click();
  };
  await fill();
  const preview = dialog.getByTestId('generate-preview');
  await expect(preview).toContainText('12 units will be added to 翠竹园 9号楼');
  await expect(preview.getByRole('cell', { name: '1-0301 89.50 m²' })).toBeVisible();
  await expect(preview.getByRole('cell', { name: '2-0302 120.00 m²' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Generate 12 units' }).click();
  await expect(page.getByTestId('generate-done')).toContainText('12 units generated in 9号楼');
  await expect(page.getByRole('row').filter({ hasText: '9号楼' }).getByRole('link', { name: '12', exact: true })).toBeVisible();

  // The same again: every unit exists, the preview names them and nothing can be generated.
  await page.getByRole('button', { name: 'Generate units in 9号楼' }).click();
  await fill();
  await expect(preview.getByRole('alert')).toContainText('The building already has 12 of these units');
  await expect(preview.getByRole('alert')).toContainText('1-0101');
  await expect(dialog.getByRole('button', { name: 'Generate 12 units' })).toBeDisabled();
  await ctx.close();
});

test('an admin imports the sample .xlsx as downloaded, then a CSV saved in GBK', async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.admin.email);
  await page.goto(`/${co.slug}/import`);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download a sample Excel file' }).click();
  const xlsx = join(mkdtempSync(join(tmpdir(), 'linli-e2e-xlsx-')), 'sample.xlsx');
  await (await downloading).saveAs(xlsx);
  await page.getByLabel('CSV or Excel file').setInputFiles(xlsx);
  await page.getByRole('button', { name: 'Start import' }).click();
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Imported 5 lines from sample.xlsx');
  await expect(summary.locator('div').filter({ hasText: 'Buildings created' })).toContainText('2');
  await expect(summary.locator('div').filter({ hasText: 'Units created' })).toContainText('4');

  // Excel on Chinese Windows saves "CSV" in GBK: no BOM, not UTF-8.
  const gbk = join(mkdtempSync(join(tmpdir(), 'linli-e2e-gbk-')), 'gbk.csv');
  writeFileSync(gbk, iconv.encode([HEADER, '翠竹园,10号楼,1单元,101,1,88.00,已入住,欧阳娜娜,13300000011,业主'].join('\r\n'), 'gbk'));
  await page.getByLabel('CSV or Excel file').setInputFiles(gbk);
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(summary).toContainText('Imported 1 line from gbk.csv');

  await page.goto(`/${co.slug}/units`);
  await page
    .getByPlaceholder(/resident name/i)
    .first()
    .fill('欧阳娜娜');
  await expect(page.getByRole('cell', { name: '88.00' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '欧阳娜娜' })).toHaveCount(1);
  await ctx.close();
});
