import { test, expect } from '@playwright/test';
import { makeCompany, trpc, type Company } from './api';
import { signedInPage } from './helpers';

// Issue #17 points 1 and 3, at the counter: a cashier closes today early (the dialog warns that
// later money counts on the next open day), then takes a payment from the unit's page with the
// desk's form (it says it counts tomorrow; the bill shows paid; the day-close page lists it as
// counted on a later day); an admin reopens the day (反日结) with a reason, which the page shows.
// A company of its own: closing the demo company's today would move other specs' payments.

const shanghai = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const today = shanghai(new Date());
const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

let co: Company;
test.beforeAll(async () => {
  co = await makeCompany('柜台物业');
  await trpc(co.admin.ctx, 'billing.createOneOffCharge', {
    tenant: co.slug,
    unitId: co.unitId,
    description: '装修垃圾清运费',
    amountFen: 8_800,
    period: today.slice(0, 7),
    dueDate: today,
  });
});

test('close today early, take a payment on the unit page (counted tomorrow, bill paid), reopen the day as admin', async ({ browser }) => {
  const { ctx: cashier, page } = await signedInPage(browser, co.users.CASHIER);
  await page.goto(`/${co.slug}/day-close`);
  await page.getByRole('button', { name: 'Close the day' }).click();
  const close = page.getByRole('dialog', { name: `Close ${today}?` });
  await expect(close.getByTestId('close-early-warning')).toContainText(`next open day (${tomorrow})`);
  await close.getByRole('button', { name: 'Close the day' }).click();
  await expect(close).toBeHidden();
  await expect(page.getByTestId('day-totals').getByText(/^Closed by /)).toBeVisible();

  // The unit page: its account, the bill open first, and a payment taken there.
  await page.goto(`/${co.slug}/units/${co.unitId}`);
  const account = page.getByTestId('payer-account');
  await expect(account.getByTestId('account-outstanding')).toHaveText(/¥88\.00$/);
  const bill = account.getByTestId('account-bill').first();
  await expect(bill.getByTestId('bill-status')).toHaveAttribute('data-status', 'OPEN');
  await expect(bill.getByRole('link', { name: '装修垃圾清运费' })).toHaveAttribute('href', /\/bills\//);
  await account.getByTestId('take-payment').click();
  const pay = page.getByRole('dialog', { name: /^Take a payment: / });
  await expect(pay.getByTestId('counts-on')).toContainText(`next open day, ${tomorrow}`); // said before it is taken
  await pay.getByRole('button', { name: 'Use this amount' }).click();
  await pay.getByRole('button', { name: 'Record payment' }).click();
  await expect(pay.getByTestId('counted-on')).toContainText(`next open day, ${tomorrow}`);
  await expect(pay.getByRole('link', { name: 'View receipt' })).toBeVisible();
  await pay.getByRole('button', { name: 'Done' }).click();
  await expect(bill.getByTestId('bill-status')).toHaveAttribute('data-status', 'PAID');
  await expect(account.getByTestId('account-outstanding')).toHaveText(/¥0\.00$/);
  await expect(account.getByRole('link', { name: /^\d{4}-\d{6}$/ }).first()).toBeVisible(); // the receipt in the payments

  // The bill page says paid.
  await bill.getByRole('link', { name: '装修垃圾清运费' }).click();
  await expect(page.getByTestId('bill-status').first()).toHaveAttribute('data-status', 'PAID');
  await cashier.close();

  // The admin sees where the payment went and reopens the day with a reason.
  const { ctx: admin, page: a } = await signedInPage(browser, co.admin.email);
  await a.goto(`/${co.slug}/day-close?day=${today}`);
  const later = a.getByTestId('counted-later');
  await expect(later).toContainText('¥88.00');
  await expect(later.getByRole('link', { name: tomorrow })).toBeVisible();
  await a.getByTestId('reopen-day').click();
  const reopen = a.getByRole('dialog', { name: `Reopen ${today}?` });
  await reopen.getByRole('textbox').fill('漏录一笔现金');
  await reopen.getByRole('button', { name: 'Reopen the day (反日结)' }).click();
  await expect(reopen).toBeHidden();
  await expect(a.getByTestId('day-totals').getByText('Open', { exact: true })).toBeVisible();
  await expect(a.getByTestId('day-reopens')).toContainText('Reason: 漏录一笔现金');
  await admin.close();
});
