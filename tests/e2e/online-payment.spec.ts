import { test, expect, type Page } from '@playwright/test';
import { signedIn, trpc, uniq } from './api';
import { asRole, DEMO, newContext, PHONE } from './helpers';

// #14 "A resident pays", end to end on the demo company (online payment READY on the Stripe fake,
// prisma/seed-online-payment.ts): the resident signs in with a phone code on a phone, ticks two
// bills, pays them on the fake's hosted Checkout page and sees the receipt; a declined payment
// leaves the bill open and says so; the day close lists the online money under its own method.
// (An admin refunding part of an online payment: online-refund.spec.ts, in a company of its own,
// so the demo's online total here stays the two bills.) The bills are one-off charges this spec
// makes on the demo resident's unit (unique descriptions), so other specs' bills do not matter.

/** Money as the English UI shows it for a CNY company ("CN¥123.45"). */
const cny = (fen: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(fen / 100);
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const period = today.slice(0, 7);

type Bill = { description: string; amountFen: number };
const PAID: Bill[] = [
  { description: uniq('在线缴费甲'), amountFen: 12_345 },
  { description: uniq('在线缴费乙'), amountFen: 6_789 },
];
const DECLINED: Bill = { description: uniq('在线缴费丙'), amountFen: 4_321 };
const PAID_TOTAL = PAID.reduce((s, b) => s + b.amountFen, 0);

/** The demo resident's mobile number (prisma/seed.ts: the owner of 翠竹园 1号楼 1单元-101). */
const RESIDENT_PHONE = '13900000001';

test.beforeAll(async () => {
  const resident = await signedIn(DEMO.emails.resident, DEMO.password);
  const summary = await trpc<{ units: { unitId: string }[] }>(resident, 'myBills.getSummary', { tenant: DEMO.slug }, { query: true });
  const unitId = summary.units[0]!.unitId;
  const admin = await signedIn(DEMO.emails.admin, DEMO.password);
  for (const b of [...PAID, DECLINED]) {
    await trpc(admin, 'billing.createOneOffCharge', { tenant: DEMO.slug, unitId, description: b.description, amountFen: b.amountFen, period, dueDate: today });
  }
  await Promise.all([resident.dispose(), admin.dispose()]);
});

/** A demo bill's row on my bills (by its description) and its pay tick box. */
const billRow = (page: Page, b: Bill) => page.getByTestId('bill-row').filter({ hasText: b.description });
const tick = (page: Page, b: Bill) => billRow(page, b).getByTestId('bill-select');

/** Signs in with a code sent to `phone`, on the page (a fresh phone-sized context). */
async function signInByPhone(page: Page, phone: string) {
  await page.goto('/sign-in');
  await page.getByRole('tab', { name: 'Phone' }).click();
  const form = page.getByTestId('phone-sign-in');
  await form.getByLabel('Mobile number').fill(phone);
  await form.getByTestId('get-code').click();
  // The embedded demo shows the code it "sent" on the page (its SMS transport is a log).
  const code = (await form.getByTestId('demo-code').textContent())?.match(/\d{6}/)?.[0];
  expect(code, 'the demo shows the code').toBeTruthy();
  await form.getByLabel('Code').fill(code!);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('user-menu').or(page.getByTestId('company-list'))).toBeVisible();
}

/**
 * On the fake's hosted Checkout page (Stripe's stand-in, its own port): Pay, or Decline — the
 * card is refused and the page says so, as Stripe's does — and then "Cancel and return".
 * Either way the browser comes back to Linli's return page of this attempt.
 */
async function onCheckout(page: Page, action: 'pay' | 'decline') {
  const lines = page.getByTestId('line-items');
  await expect(lines).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(`/${DEMO.slug}/`));
  await page.getByTestId(action).click();
  if (action === 'decline') {
    await expect(page.getByTestId('payment-error')).toContainText('declined');
    await page.getByTestId('cancel').click();
  }
  await expect(page).toHaveURL(new RegExp(`/${DEMO.slug}/my-bills/checkout/[^/?]+`));
}

test('a resident signs in by phone on a phone, pays two bills on the hosted page and sees the receipt', async ({ browser }) => {
  test.setTimeout(120_000);
  const ctx = await newContext(browser, 'en', PHONE);
  const page = await ctx.newPage();
  await signInByPhone(page, RESIDENT_PHONE);

  await page.goto(`/${DEMO.slug}/my-bills`);
  await expect(billRow(page, PAID[0]!)).toBeVisible();
  for (const b of PAID) await tick(page, b).check();
  const bar = page.getByTestId('pay-bar');
  await expect(bar).toContainText('2 bills selected');
  await expect(bar.getByTestId('pay-bar-total')).toHaveText(cny(PAID_TOTAL));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'my bills fits a 390 px screen').toBeLessThanOrEqual(1);

  // The server builds the attempt; the sheet shows its lines and total before leaving.
  await bar.getByRole('button', { name: 'Pay', exact: true }).click();
  const sheet = page.getByTestId('checkout-sheet');
  await expect(sheet.getByTestId('checkout-line')).toHaveCount(2);
  for (const b of PAID) await expect(sheet.getByTestId('checkout-line').filter({ hasText: b.description })).toContainText(cny(b.amountFen));
  await expect(sheet.getByTestId('checkout-total')).toHaveText(cny(PAID_TOTAL));
  await sheet.getByRole('button', { name: 'Pay now' }).click();

  await onCheckout(page, 'pay');
  // "Processing" until the webhook has recorded the payment, then the receipt.
  const paid = page.getByTestId('checkout-paid');
  await expect(paid).toBeVisible({ timeout: 30_000 });
  await expect(paid).toContainText('Payment received');
  await expect(paid.getByTestId('checkout-total')).toHaveText(cny(PAID_TOTAL));
  const receiptNo = (await paid.getByTestId('checkout-receipt-no').textContent()) ?? '';
  expect(receiptNo).toMatch(/^\d{4}-\d{6}$/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'the receipt fits a 390 px screen').toBeLessThanOrEqual(1);

  await paid.getByTestId('checkout-receipt-link').click();
  await expect(page).toHaveURL(new RegExp(`/${DEMO.slug}/receipts/[^/?]+$`));
  await expect(page.getByText(receiptNo)).toBeVisible();
  for (const b of PAID) await expect(page.getByText(b.description)).toBeVisible();

  // The bills turned paid: no tick box any more.
  await page.goto(`/${DEMO.slug}/my-bills`);
  for (const b of PAID) {
    await expect(billRow(page, b)).toContainText('Paid');
    await expect(tick(page, b)).toHaveCount(0);
  }
  await ctx.close();
});

test('a declined payment leaves the bill open and says so; the resident can pay again (in Chinese)', async ({ browser }) => {
  test.setTimeout(90_000);
  const { ctx, page } = await asRole(browser, 'resident', { ...PHONE, locale: 'zh-CN' });
  await page.goto(`/${DEMO.slug}/my-bills`);
  await tick(page, DECLINED).check();
  await page.getByTestId('pay-bar').getByRole('button', { name: '去支付', exact: true }).click();
  await page.getByTestId('checkout-sheet').getByRole('button', { name: '确认支付' }).click();

  await onCheckout(page, 'decline');
  const failed = page.getByTestId('checkout-failed');
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed).toContainText('支付未完成');
  await expect(failed).toContainText('账单仍未缴清');
  await expect(failed.getByTestId('checkout-line').filter({ hasText: DECLINED.description })).toContainText('43.21');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'fits a 390 px screen').toBeLessThanOrEqual(1);

  // 重新支付: a new attempt for the same bill, back to the hosted page (not paid here).
  await failed.getByRole('button', { name: '重新支付' }).click();
  const sheet = page.getByTestId('checkout-sheet');
  await expect(sheet.getByTestId('checkout-line')).toHaveCount(1);
  await expect(sheet.getByTestId('checkout-line')).toContainText(DECLINED.description);
  await sheet.getByRole('button', { name: '确认支付' }).click();
  await expect(page.getByTestId('line-items')).toBeVisible();

  await page.goto(`/${DEMO.slug}/my-bills`);
  await expect(billRow(page, DECLINED)).toBeVisible();
  await expect(tick(page, DECLINED)).toBeVisible();
  await ctx.close();
});

test('the day close lists the online payment under its own method', async ({ browser }) => {
  const { ctx, page } = await asRole(browser, 'cashier');
  await page.goto(`/${DEMO.slug}/day-close?day=${today}`);
  const totals = page.getByTestId('day-totals');
  const online = totals.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Online', exact: true }) });
  await expect(online).toHaveCount(1);
  // Only this spec pays online in the demo: the online net is the two bills.
  await expect(online.first()).toContainText(cny(PAID_TOTAL));
  await ctx.close();
});
