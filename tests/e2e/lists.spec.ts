import { test, expect, type Page } from '@playwright/test';
import { makeCompany, trpc, type Company } from './api';
import { signedInPage } from './helpers';

// Lists live in the URL (issue #13 point 3): a filtered list survives a reload, the back button
// and a shared link; archived rows are dimmed. One payer search (point 4): the payments list and
// the cashier desk understand what cashiers type; Enter picks the first match, then the amount.

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

let co: Company;
let archivedId = '';
test.beforeAll(async () => {
  co = await makeCompany('列表物业');
  const admin = co.admin.ctx;
  const units = await trpc<{ rows: { id: string; number: string; buildingId: string }[] }>(admin, 'property.listUnits', { tenant: co.slug }, { query: true });
  const u102 = units.rows.find((u) => u.number === '102')!;
  // A third unit, archived: shown (dimmed) only with "Show archived".
  const archived = await trpc<{ id: string }>(admin, 'property.createUnit', {
    tenant: co.slug,
    buildingId: u102.buildingId,
    entrance: '1单元',
    number: '103',
    floor: 1,
    area: '60.00',
  });
  archivedId = archived.id;
  await trpc(admin, 'property.archiveUnit', { tenant: co.slug, id: archived.id, archived: true });
  await trpc(admin, 'payments.recordPayment', {
    tenant: co.slug,
    payer: { kind: 'UNIT', id: co.unitId },
    method: 'CASH',
    amountFen: 10_000,
    receivedOn: today,
  });
  await trpc(admin, 'payments.recordPayment', {
    tenant: co.slug,
    payer: { kind: 'UNIT', id: u102.id },
    method: 'WECHAT',
    amountFen: 20_000,
    receivedOn: today,
  });
});

const rowsOf = (page: Page, testId: string) => page.getByTestId(testId);

test('a filtered list survives reload, back and a shared link; archived rows are dimmed', async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.admin.email);
  await page.goto(`/${co.slug}/units`);
  await expect(rowsOf(page, 'unit-row')).toHaveCount(2);

  // Search: the URL follows the box after a pause; the list shows the match.
  await page.getByRole('searchbox', { name: 'Search' }).fill('邻居王');
  await expect(page).toHaveURL(/[?&]q=%E9%82%BB%E5%B1%85%E7%8E%8B/);
  await expect(rowsOf(page, 'unit-row')).toHaveCount(1);
  await expect(rowsOf(page, 'unit-row')).toContainText('1单元-102');

  // Reload: the same rows, the same search box.
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('邻居王');
  await expect(rowsOf(page, 'unit-row')).toHaveCount(1);
  await expect(rowsOf(page, 'unit-row')).toContainText('1单元-102');

  // A filter is a history entry: back returns to the list before it.
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await expect(rowsOf(page, 'unit-row')).toHaveCount(2);
  await page.getByLabel('Show archived').check();
  await expect(page).toHaveURL(/includeArchived=true/);
  await expect(rowsOf(page, 'unit-row')).toHaveCount(3);
  const dimmed = rowsOf(page, 'unit-row').filter({ hasText: '1单元-103' });
  await expect(dimmed).toHaveAttribute('data-state', 'dimmed');
  await expect(rowsOf(page, 'unit-row').filter({ hasText: '1单元-101' })).not.toHaveAttribute('data-state', 'dimmed');
  await page.goBack();
  await expect(page).not.toHaveURL(/includeArchived/);
  await expect(page.getByLabel('Show archived')).not.toBeChecked();
  await expect(rowsOf(page, 'unit-row')).toHaveCount(2);
  await page.goForward();
  await expect(page.getByLabel('Show archived')).toBeChecked();
  await expect(rowsOf(page, 'unit-row')).toHaveCount(3);

  // Leave for a unit and come back: the list is as it was.
  await rowsOf(page, 'unit-row').filter({ hasText: '1单元-103' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/units/${archivedId}$`));
  await page.goBack();
  await expect(page.getByLabel('Show archived')).toBeChecked();
  await expect(rowsOf(page, 'unit-row')).toHaveCount(3);

  // A shared link opens the same list in another browser.
  await page.getByRole('searchbox', { name: 'Search' }).fill('103');
  await expect(page).toHaveURL(/q=103/);
  await expect(rowsOf(page, 'unit-row')).toHaveCount(1);
  const link = page.url();
  const { ctx: other, page: otherPage } = await signedInPage(browser, co.admin.email);
  await otherPage.goto(link);
  await expect(otherPage.getByRole('searchbox', { name: 'Search' })).toHaveValue('103');
  await expect(otherPage.getByLabel('Show archived')).toBeChecked();
  await expect(rowsOf(otherPage, 'unit-row')).toHaveCount(1);
  await expect(rowsOf(otherPage, 'unit-row')).toHaveAttribute('data-state', 'dimmed');
  await other.close();
  await ctx.close();
});

test('the payments list searches payers as cashiers type them and keeps the filter on reload', async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.users.CASHIER);
  await page.goto(`/${co.slug}/payments`);
  await expect(rowsOf(page, 'payment-row')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search' }).fill('1号楼1单元101');
  await expect(rowsOf(page, 'payment-row')).toHaveCount(1);
  await expect(rowsOf(page, 'payment-row')).toContainText('翠竹园 1号楼 1单元-101');
  await page.getByLabel('Method').selectOption({ label: 'Cash' });
  await expect(page).toHaveURL(/method=CASH/);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('1号楼1单元101');
  await expect(page.getByLabel('Method')).toHaveValue('CASH');
  await expect(rowsOf(page, 'payment-row')).toHaveCount(1);
  await expect(rowsOf(page, 'payment-row')).toContainText('翠竹园 1号楼 1单元-101');
  await page.goBack();
  await expect(page.getByLabel('Method')).toHaveValue('');
  await ctx.close();
});

test('at the cashier desk Enter picks the first match and the amount takes the focus', async ({ browser }) => {
  const { ctx, page } = await signedInPage(browser, co.users.CASHIER);
  await page.goto(`/${co.slug}/cashier`);
  const box = page.getByLabel('Find a unit');
  await box.fill('1-102');
  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: '翠竹园 1号楼 1单元-102' })).toBeVisible();
  await expect(page.getByTestId('payment-form').getByLabel('Amount (¥)')).toBeFocused();
  await ctx.close();
});
