import { test, expect } from '@playwright/test';
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
  await page.getByLabel('CSV file').setInputFiles(bad);
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
  await page
    .getByPlaceholder(/resident name/i)
    .first()
    .fill('周杰');
  await expect(page.getByTestId('pagination-total')).toContainText('0');

  await page.getByTestId('nav').getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByLabel('CSV file').setInputFiles(good);
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
