import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { trpc, uniq } from './api';
import { asRole, DEMO, newContext, phonePage, signInContext } from './helpers';

// #15 on the demo company (prisma/seed-services.ts, prisma/seed-street.ts), each role from its
// saved session:
// - a resident asks for sewing (钉纽扣) at a station with a photo; the admin finds it on the
//   dispatch board and assigns it to the demo staff member (张师傅), who accepts, starts and
//   completes it on a phone (390×844) with a photo of the result; the resident rates it 5 stars;
// - the seeded emergency leak nobody answered is overdue on the board (SLA filter), in Chinese;
// - an order is escalated (吹哨) to 南湖街道; the street office's liaison answers at
//   /street/nanhu and the answer shows in the order's timeline.

const PHOTO = resolve('tests/e2e/fixtures/photo.png'); // 96×96, drawn with sharp
const LIAISON = 'liaison@demo.linli.test';
const base = `/${DEMO.slug}`;

/** Chooses the fixture photo in a photo picker and waits until the server has it. */
async function addPhoto(scope: Page | ReturnType<Page['locator']>) {
  const picker = scope.getByTestId('photo-picker');
  await picker.locator('input[type=file]').setInputFiles(PHOTO);
  await expect(picker.getByText('Uploaded')).toBeVisible();
}

test('sewing at a station with a photo: assigned on the board, completed on a phone with a photo, rated 5 stars', async ({ browser }) => {
  test.slow(); // three people, three browser contexts, two photo uploads
  const text = uniq('西装外套掉了两颗纽扣');
  // ── the resident asks ──
  const resident = await asRole(browser, 'resident');
  const r = resident.page;
  await r.goto(`${base}/my-requests/new`);
  await r.getByLabel('What kind').selectOption({ label: '针线缝补' });
  await r.getByLabel('Service', { exact: true }).selectOption({ label: '钉纽扣' });
  await expect(r.getByTestId('item-terms')).toContainText('Free');
  const station = r.getByLabel('Service station (optional)');
  const stationName = (await station.locator('option').nth(1).textContent())!;
  await station.selectOption({ index: 1 });
  await r.getByLabel('Describe it').fill(text);
  await r.getByLabel('Preferred time').fill('周六上午');
  await addPhoto(r);
  await r.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(r).toHaveURL(/\/my-requests\/(?!new$)[^/]+$/);
  const orderId = r.url().split('/').pop()!;
  const number = Number((await r.getByText(/^Request \d+$/).textContent())!.match(/\d+/)![0]);

  // ── the admin assigns it from the board, found by its text ──
  const admin = await asRole(browser, 'admin');
  const a = admin.page;
  await a.goto(`${base}/work-orders`);
  await a.getByLabel('Search').fill(text);
  const card = a.getByTestId('work-order-row').filter({ hasText: text });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(`#${number} 针线缝补 · 钉纽扣`);
  await expect(card.getByTestId('order-status')).toHaveAttribute('data-status', 'SUBMITTED');
  await card.getByRole('button', { name: `Assign #${number}` }).click();
  const dialog = a.getByRole('dialog');
  await dialog.getByRole('radio', { name: /张师傅/ }).check();
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText('张师傅');
  await expect(card.getByTestId('order-status')).toHaveAttribute('data-status', 'ASSIGNED');

  // ── the staff member works it on a phone ──
  const staff = await phonePage(browser, 'staff');
  const s = staff.page;
  await s.goto(`${base}/work-orders`);
  const job = s.getByTestId('queue-card').filter({ hasText: text });
  await expect(job).toContainText(`#${number} 钉纽扣`);
  await job.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(job.getByTestId('order-status')).toHaveAttribute('data-status', 'ACCEPTED');
  await job.getByRole('button', { name: 'Start work' }).click();
  await expect(job.getByTestId('order-status')).toHaveAttribute('data-status', 'IN_PROGRESS');
  await job.getByRole('button', { name: 'Complete', exact: true }).click();
  const complete = s.getByRole('dialog');
  await complete.getByLabel('What was done').fill('两颗纽扣已钉好');
  await addPhoto(complete);
  await complete.getByRole('button', { name: 'Mark as completed' }).click();
  await expect(complete).toBeHidden();
  await expect(job).toBeHidden(); // off the open queue
  const overflow = await s.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);

  // ── the resident sees the result and rates it 5 ──
  await r.goto(`${base}/my-requests/${orderId}`);
  const confirm = r.getByTestId('confirm-form');
  await confirm.getByRole('radio', { name: '5 stars' }).check({ force: true });
  await confirm.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(r.getByTestId('order-status').first()).toHaveAttribute('data-status', 'CLOSED');

  // ── the order as the office sees it: both photos, the station, the rating ──
  await a.goto(`${base}/work-orders/${orderId}`);
  await expect(a.getByTestId('order-status').first()).toHaveAttribute('data-status', 'CLOSED');
  await expect(a.getByText(stationName.split('（')[0]!).first()).toBeVisible();
  await expect(a.getByRole('heading', { name: 'From the request' })).toBeVisible();
  await expect(a.getByRole('heading', { name: 'From the work' })).toBeVisible();
  await expect(a.getByText('5 stars')).toBeVisible();
  const timeline = a.getByTestId('order-timeline');
  await expect(timeline).toContainText('两颗纽扣已钉好');
  await expect(timeline).toContainText('Confirm and rate');
  await Promise.all([resident.ctx.close(), admin.ctx.close(), staff.ctx.close()]);
});

test('the emergency leak nobody answered is overdue on the board (Chinese)', async ({ browser }) => {
  const { ctx, page } = await asRole(browser, 'admin', { locale: 'zh-CN' });
  await page.goto(`${base}/work-orders?sla=overdue`);
  const leak = page.getByTestId('work-order-row').filter({ hasText: '卫生间墙内水管渗水' });
  await expect(leak).toHaveCount(1);
  await expect(leak).toContainText('应急维修 · 管道漏水抢修');
  await expect(leak.getByTestId('sla-flag')).toHaveAttribute('data-flag', 'overdue');
  await expect(leak.getByTestId('sla-flag')).toContainText('已超时');
  // every card under this filter is overdue; the tab counts add up to at least these
  await expect(page.getByTestId('sla-flag').first()).toHaveAttribute('data-flag', 'overdue');
  const flags = await page
    .getByTestId('work-order-row')
    .locator('[data-flag]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-flag')));
  expect(flags.filter((f) => f !== 'overdue' && f !== 'ok')).toEqual([]);
  await ctx.close();
});

test('an order escalated to the street office; the liaison answers and the answer is in its timeline', async ({ browser }) => {
  const admin = await asRole(browser, 'admin');
  const a = admin.page;
  const text = uniq('小区北门外市政路灯整排不亮');
  const communities = (await trpc<{ rows: { id: string }[] }>(a.request, 'property.listCommunities', { tenant: DEMO.slug }, { query: true })).rows;
  const categories = await trpc<{ id: string; name: string }[]>(a.request, 'services.listCategories', { tenant: DEMO.slug }, { query: true });
  const order = await trpc<{ id: string; number: number }>(a.request, 'workOrders.createOrder', {
    tenant: DEMO.slug,
    communityId: communities[0]!.id,
    categoryId: categories.find((c) => c.name === '公共报修')!.id,
    text,
  });
  await a.goto(`${base}/work-orders/${order.id}`);
  await a.getByTestId('escalate-order').click();
  const dialog = a.getByRole('dialog');
  await dialog.getByLabel('Street office').selectOption({ label: '南湖街道（建邺区）' });
  await dialog.getByLabel('Note to the office').fill('市政路灯归街道管理，请协调修复');
  await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
  await expect(a.getByText('Escalated to 南湖街道.')).toBeVisible();
  await expect(a.getByTestId('escalations')).toContainText('南湖街道');

  // the liaison (the street office's account, demo password)
  const ctx = await newContext(browser);
  await signInContext(ctx, LIAISON, DEMO.password);
  const l = await ctx.newPage();
  await l.goto('/street/nanhu');
  await l.getByRole('link', { name: new RegExp(`#${order.number} · 公共报修`) }).click();
  await expect(l.getByText(text)).toBeVisible();
  await expect(l.getByTestId('escalation-contact')).toHaveCount(0); // not shared
  const answer = uniq('已派城管维修班组，今晚修复');
  await l.getByLabel('Your answer').fill(answer);
  await l.getByRole('button', { name: 'Send answer' }).click();
  await expect(l.getByText('Answer sent.')).toBeVisible();

  // the company sees the answer in the order's timeline
  await a.reload();
  const reply = a.getByTestId('order-timeline').locator('li[data-kind="street_reply"]').filter({ hasText: answer });
  await expect(reply).toHaveCount(1);
  await expect(reply).toContainText('南湖街道');
  await expect(a.getByTestId('order-timeline').locator('li[data-kind="escalation"]').first()).toBeVisible();
  await Promise.all([admin.ctx.close(), ctx.close()]);
});
