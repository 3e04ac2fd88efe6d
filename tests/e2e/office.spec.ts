import { test, expect } from '@playwright/test';
import { makeCompany, trpc, type Company } from './api';
import { asRole, DEMO, newContext, signedInPage } from './helpers';

// Issue #17 points 4 and 5, in the office: a cashier asks for a waiver on a bill; the admin sees
// the pending count in the nav, opens 减免审批, judges the request by its unit, bill, amount and
// requester and approves it; the cashier is told; the audit log shows the approval in Chinese
// with a link to the bill. A company of its own: the pending count is exactly this request.
// Point 9: a visitor's landing page in the demo offers the demo company and its logins; the
// collection page says why the current period cannot be closed yet. ~20 s.

const shanghai = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const today = shanghai(new Date());
const UNIT = '翠竹园 1号楼 1单元-101';

let co: Company;
let billId: string;
test.beforeAll(async () => {
  co = await makeCompany('审批物业');
  ({ id: billId } = await trpc<{ id: string }>(co.admin.ctx, 'billing.createOneOffCharge', {
    tenant: co.slug,
    unitId: co.unitId,
    description: '装修垃圾清运费',
    amountFen: 8_800,
    period: today.slice(0, 7),
    dueDate: today,
  }));
});

test('a waiver: requested by the cashier, counted in the nav, approved from the queue by its unit, the cashier told, the audit log in Chinese', async ({
  browser,
}) => {
  const { ctx: cashierCtx, page: cashier } = await signedInPage(browser, co.users.CASHIER);
  await cashier.goto(`/${co.slug}/bills/${billId}`);
  await cashier.getByRole('button', { name: 'Request discount or waiver' }).click();
  const form = cashier.getByRole('dialog', { name: 'Request discount or waiver' });
  await form.getByLabel('Kind').selectOption('WAIVER');
  await form.getByLabel('Amount (¥)').fill('30');
  await form.getByLabel('Reason').fill('低保户减免');
  await form.getByRole('button', { name: 'Send request' }).click();
  await expect(form).toBeHidden();

  const { ctx: adminCtx, page: admin } = await signedInPage(browser, co.admin.email, { locale: 'zh-CN' });
  // The badge comes with the page (rendered by the server, no request for it after the load).
  const html = await (await admin.request.get(`/${co.slug}`)).text();
  expect(html).toContain('data-testid="nav-pending-adjustments"');
  const badgeRequests: string[] = [];
  admin.on('request', (r) => {
    if (r.url().includes('billing.getPendingApprovals')) badgeRequests.push(r.url());
  });
  await admin.goto(`/${co.slug}`);
  await expect(admin.getByTestId('fee-stat-adjustments')).toContainText('待审批减免1');
  const nav = admin.getByTestId('nav');
  const queueLink = nav.getByRole('link', { name: /减免审批/ });
  const badge = queueLink.getByTestId('nav-pending-adjustments');
  await expect(badge).toContainText('1 项待审批');
  await expect(badge.locator('[aria-hidden]')).toHaveText('1');
  expect(badgeRequests).toEqual([]);
  await queueLink.click();
  const row = admin.getByTestId('adjustment-row').filter({ hasText: '低保户减免' });
  await expect(row.getByTestId('adjustment-unit')).toContainText(UNIT);
  await expect(row.getByTestId('adjustment-unit')).toContainText('缴费人：刘业主');
  await expect(row.getByTestId('adjustment-requester')).toHaveText('申请人：CASHIER');
  await expect(row).toContainText('装修垃圾清运费');
  await expect(row).toContainText('¥30.00');
  await row.getByRole('button', { name: '批准' }).click();
  const confirm = admin.getByRole('dialog', { name: '批准' });
  await expect(confirm).toContainText(UNIT);
  await confirm.getByRole('button', { name: '批准' }).click();
  await expect(confirm).toBeHidden();
  // Decided, it leaves the pending queue (and the count); the bill shows the waiver.
  await expect(row).toHaveCount(0);
  await expect(badge).toBeHidden();

  // The cashier hears of it (in the company's language), with a link to the bill.
  await cashier.goto(`/${co.slug}/notifications`);
  await expect(cashier.getByTestId('notification-count')).toHaveText('1');
  const note = cashier.getByTestId('notification').filter({ hasText: `减免申请已批准：${UNIT}` });
  await expect(note).toContainText('¥30.00');
  await expect(note.getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/${co.slug}/bills/${billId}`);

  // The audit log, in Chinese: the action by name, the bill by its unit, fee and period, linked.
  await admin.goto(`/${co.slug}/audit?action=adjustment.approve`);
  const entry = admin.getByRole('row').filter({ has: admin.getByTestId('audit-action') });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId('audit-action')).toHaveText('批准减免/优惠');
  await expect(entry.getByTestId('audit-object')).toContainText('减免/优惠');
  const link = entry.getByTestId('audit-object').getByRole('link');
  await expect(link).toHaveText(`${UNIT} · 装修垃圾清运费 · ${today.slice(0, 7)}`);
  await expect(link).toHaveAttribute('href', `/${co.slug}/bills/${billId}`);
  await expect(admin.getByLabel('操作类型')).toHaveValue('adjustment.approve');

  await cashierCtx.close();
  await adminCtx.close();
});

test('a first visit: the landing page offers the demo company and its logins; period close says why the current period cannot close yet', async ({
  browser,
}) => {
  const visitor = await newContext(browser, 'zh-CN');
  const landing = await visitor.newPage();
  await landing.goto('/');
  await expect(landing.getByTestId('landing-demo-link')).toHaveAttribute('href', `/${DEMO.slug}`);
  const logins = landing.getByTestId('landing-demo');
  await expect(logins).toContainText(DEMO.password);
  for (const email of Object.values(DEMO.emails)) await expect(logins).toContainText(email);
  await visitor.close();

  const { ctx, page } = await asRole(browser, 'admin', { locale: 'zh-CN' });
  await page.goto(`/${DEMO.slug}/collection`);
  const month = today.slice(0, 7);
  await expect(page.getByTestId('period-close-why')).toContainText(`${month} 是当前账期`);
  await expect(page.getByRole('button', { name: '关账' })).toBeDisabled();
  await ctx.close();
});
