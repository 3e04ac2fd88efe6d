import { test, expect } from '@playwright/test';
import { makeCompany, signedIn, trpc, type Company } from './api';
import { signedInPage } from './helpers';

// 反日结 (issue #12 fee point 2): a cashier closes the day; only an admin sees "Reopen", gives a
// reason, and the day is open again; the collection page shows the roll-forward and the bills
// beside the rates.

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

let co: Company;
test.beforeAll(async () => {
  co = await makeCompany('反日结物业');
  const cashier = await signedIn(co.users.CASHIER);
  await trpc(cashier, 'payments.recordPayment', {
    tenant: co.slug,
    payer: { kind: 'UNIT', id: co.unitId },
    method: 'CASH',
    amountFen: 12_300,
    receivedOn: today,
  });
  await trpc(cashier, 'payments.closeDay', { tenant: co.slug, day: today });
  await cashier.dispose();
});

test('an admin reopens a closed day with a reason; a cashier is not offered it', async ({ browser }) => {
  const { ctx: cashier, page: cPage } = await signedInPage(browser, co.users.CASHIER);
  await cPage.goto(`/${co.slug}/day-close?day=${today}`);
  const cTotals = cPage.getByTestId('day-totals');
  await expect(cTotals.getByText(/^Closed by /)).toBeVisible();
  await expect(cPage.getByTestId('reopen-day')).toHaveCount(0);

  const { ctx: admin, page } = await signedInPage(browser, co.admin.email);
  await page.goto(`/${co.slug}/day-close?day=${today}`);
  const totals = page.getByTestId('day-totals');
  await expect(totals.getByText(/^Closed by /)).toBeVisible();
  await page.getByTestId('reopen-day').click();
  const dialog = page.getByRole('dialog', { name: `Reopen ${today}?` });
  await expect(dialog).toContainText('records already written keep their dates');
  await dialog.getByRole('button', { name: 'Reopen the day (反日结)' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible(); // a reason is required
  await dialog.getByRole('textbox').fill('漏录一笔现金');
  await dialog.getByRole('button', { name: 'Reopen the day (反日结)' }).click();
  await expect(dialog).toBeHidden();
  await expect(totals.getByText('Open', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close the day' })).toBeVisible();

  await page.goto(`/${co.slug}/collection`);
  await expect(page.getByTestId('roll-forward')).toBeVisible();
  await expect(page.getByTestId('not-in-rate')).toBeVisible();
  await admin.close();
  await cashier.close();
});
