import { test, expect } from '@playwright/test';
import { makeCompany, trpc, uniq } from './api';
import { signedInPage } from './helpers';

// #14 "An admin refunds": a company of its own connects its Stripe account on the fake, its
// resident pays a bill through the fake's hosted page, and the admin refunds part of it from the
// receipt (退款, amount prefilled with what is refundable). Stripe (the fake) confirms the refund a
// moment later by charge.refunded; the receipt then shows the partial 红冲 and what remains, and
// the payments list marks the payment refunded. Its own company: the demo's day totals stay as
// the other online-payment spec expects them.

const cny = (fen: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(fen / 100);
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const AMOUNT = 15_000;
const REFUND = 4_000;

test('an admin refunds part of an online payment; the receipt shows the partial 红冲', async ({ browser }) => {
  test.setTimeout(120_000);
  const co = await makeCompany('退款 物业');
  const admin = co.admin.ctx;

  // Stripe Connect on the fake: the account, its onboarding completed by the fake's control call.
  const connected = await trpc<{ stripeAccountId: string; url: string }>(admin, 'onlinePayments.connect', { tenant: co.slug });
  const fakeOrigin = new URL(connected.url).origin;
  expect((await admin.post(`${fakeOrigin}/_fake/accounts/${connected.stripeAccountId}/complete`)).ok()).toBe(true);
  expect(await trpc<{ status: string }>(admin, 'onlinePayments.refreshStatus', { tenant: co.slug })).toMatchObject({ status: 'READY' });

  const description = uniq('在线退款');
  const bill = await trpc<{ id: string }>(admin, 'billing.createOneOffCharge', {
    tenant: co.slug,
    unitId: co.unitId,
    description,
    amountFen: AMOUNT,
    period: today.slice(0, 7),
    dueDate: today,
  });

  // The resident pays on the fake's hosted Checkout page.
  const resident = await signedInPage(browser, co.users.RESIDENT);
  const started = await trpc<{ intentId: string; checkoutUrl: string }>(resident.ctx.request, 'onlinePayments.startCheckout', {
    tenant: co.slug,
    billIds: [bill.id],
  });
  await resident.page.goto(started.checkoutUrl);
  await resident.page.getByTestId('pay').click();
  let paymentId = '';
  await expect(async () => {
    const c = await trpc<{ paymentId: string | null }>(
      resident.ctx.request,
      'onlinePayments.getCheckout',
      { tenant: co.slug, intentId: started.intentId },
      { query: true },
    );
    expect(c.paymentId).toBeTruthy();
    paymentId = c.paymentId!;
  }).toPass({ timeout: 30_000 });
  await resident.ctx.close();

  // The admin refunds part of it from the receipt.
  const { ctx: adminCtx, page } = await signedInPage(browser, co.admin.email);
  await page.goto(`/${co.slug}/receipts/${paymentId}`);
  const panel = page.getByTestId('online-refunds');
  await expect(panel).toContainText(`Can still be refunded: ${cny(AMOUNT)}`);
  await panel.getByRole('button', { name: 'Refund' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Refund (¥)')).toHaveValue('150.00');
  await dialog.getByLabel('Refund (¥)').fill('40.00');
  await dialog.getByLabel('Reason').fill('多收退回');
  await dialog.getByRole('button', { name: 'Refund' }).click();
  await expect(panel.getByRole('status')).toContainText('Sent to Stripe');
  await expect(panel.getByTestId('online-refund-row')).toHaveCount(1);

  // The fake confirms it shortly (charge.refunded): the receipt shows the partial 红冲.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('receipt-refunds')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const refunds = page.getByTestId('receipt-refunds');
  await expect(refunds).toContainText(`Refunded ${cny(REFUND)} on ${today}`);
  await expect(refunds).toContainText(`Remaining: ${cny(AMOUNT - REFUND)}`);
  await expect(page.getByTestId('receipt-refunded-stamp')).toBeVisible();
  await expect(panel).toContainText(`Can still be refunded: ${cny(AMOUNT - REFUND)}`);

  // The payments list marks it refunded; the approvals page lists the refund as done.
  await page.goto(`/${co.slug}/payments`);
  // (the refund itself is a row of its own, −¥40.00, entered by 在线支付)
  await expect(page.getByTestId('payment-row').filter({ hasText: cny(AMOUNT) })).toContainText(`Refunded ${cny(REFUND)}`);
  await page.goto(`/${co.slug}/refunds?online.status=ALL`);
  await expect(page.getByTestId('online-refunds-queue').getByTestId('online-refund-row')).toContainText('Refunded');
  await adminCtx.close();
});
