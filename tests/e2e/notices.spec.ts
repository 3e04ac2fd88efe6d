import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';
import { trpc } from './api';
import { asRole, DEMO } from './helpers';

// #17 points 2 and 6 on the demo company: an admin reminds a selection of arrears and reads the
// result per channel, downloads their 催缴通知单 (text read back from the PDF); the receipt — on
// screen and as PDF — carries the company's address and phone, the seal from settings and
// 不作发票使用.

/** Each page's text, without the spaces pdf.js puts between runs. */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: false });
  return text.map((p) => p.replace(/\s+/g, ''));
}

async function unitArrears(page: Page) {
  await page.goto(`/${DEMO.slug}/arrears?level=unit`);
  // 银杏里: away from the demo resident's own unit (翠竹园 1号楼 1单元 101) and its notifications
  await page.getByLabel('Community', { exact: true }).selectOption({ label: '银杏里' });
  const rows = page.getByTestId('arrears-row').filter({ has: page.getByRole('checkbox') });
  // the list of the community chosen, not the one before it
  await expect(page).toHaveURL(/communityId=/);
  await expect(rows.first().getByRole('cell').nth(1)).toHaveText('银杏里');
  await expect(rows.getByRole('cell', { name: '梅园新村' })).toHaveCount(0);
  return rows;
}

test('an admin reminds two households in arrears, reads the result per channel and prints their 催缴通知单', async ({ browser }) => {
  const { ctx, page } = await asRole(browser, 'admin');
  const rows = await unitArrears(page);
  const labels: string[] = [];
  for (const i of [0, 1]) {
    const row = rows.nth(i);
    // building and unit, as the notice names the household: two households in arrears may have
    // the same unit number in different buildings (1号楼 2单元-602, 4号楼 2单元-602)
    const cells = row.getByRole('cell');
    labels.push(`${(await cells.nth(2).innerText()).trim()}${(await cells.nth(3).innerText()).trim()}`);
    await row.getByRole('checkbox').check();
  }
  // a household's row opens its unit page
  await expect(rows.first().getByRole('cell').nth(3).getByRole('link')).toHaveAttribute('href', new RegExp(`^/${DEMO.slug}/units/[^/]+$`));

  await test.step('the 催缴通知单 PDF: a page per household, with company, unit, amounts in capitals, how to pay and the date', async () => {
    const link = page.getByTestId('arrears-notices');
    await expect(link).toHaveText('Print payment notices (2)');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^notices-demo-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pages = await pdfPages(new Uint8Array(await readFile((await download.path())!)));
    expect(pages).toHaveLength(2);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    // one page per household chosen
    for (const label of labels) expect(pages.filter((text) => text.includes(label.replace(/\s+/g, '')))).toHaveLength(1);
    pages.forEach((text) => {
      expect(text).toContain('睦宁里物业（演示）');
      expect(text).toContain('南京市鼓楼区睦宁路18号');
      expect(text).toContain('催缴通知单');
      expect(text).toContain(`银杏里`);
      expect(text).toMatch(/合计欠缴（大写）：人民币[零壹贰叁肆伍陆柒捌玖拾佰仟万元角分整]+（小写）¥[\d,]+\.\d{2}/);
      expect(text).toMatch(/\d{4}-\d{2}/); // the bills' periods
      expect(text).toContain('缴费方式');
      expect(text).toContain(today);
    });
  });

  await test.step('reminders: the result says how many households each channel reached', async () => {
    await page.getByRole('button', { name: 'Send reminders (2)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send reminders' });
    await expect(dialog).toContainText('a text message');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    const result = dialog.getByTestId('reminder-result');
    await expect(result).toContainText('2 reminders sent');
    // Every demo resident has a mobile number: both households get a text.
    await expect(result.getByTestId('reminder-channel-sms')).toHaveText(/^SMS2 households \(\d+ messages\)$/);
    await expect(result.getByTestId('reminder-channel-inApp')).toHaveText(/^In-app\d+ households? \(\d+ messages?\)$/);
    await expect(result.getByTestId('reminder-channel-email')).toHaveText(/^E-mail\d+ households? \(\d+ messages?\)$/);
    await expect(result.getByTestId('reminder-no-contact')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Done' }).click();
  });
  await ctx.close();
});

// A 1×1 red PNG: the seal.
const SEAL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

test('the receipt, on screen and as PDF, shows the company address and phone, its seal and 不作发票使用', async ({ browser }) => {
  const { ctx, page } = await asRole(browser, 'admin');
  await page.goto(`/${DEMO.slug}/settings`);
  const form = page.getByTestId('receipt-details-form');
  await expect(form.getByLabel('Company address')).toHaveValue('南京市鼓楼区睦宁路 18 号 物业服务中心');
  await form.getByLabel('Phone').fill('call us');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Enter a valid phone number')).toBeVisible();
  await form.getByLabel('Phone').fill('025-8366 1201');
  await form.getByLabel('Company seal').setInputFiles({ name: 'seal.png', mimeType: 'image/png', buffer: SEAL });
  await expect(form.getByTestId('seal-preview')).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('Saved', { exact: true })).toBeVisible();

  const payments = await trpc<{ rows: { id: string; kind: string; receiptNo: string | null }[] }>(
    ctx.request,
    'payments.listPayments',
    { tenant: DEMO.slug, kind: 'PAYMENT', pageSize: 1 },
    { query: true },
  );
  const id = payments.rows[0]!.id;
  await page.goto(`/${DEMO.slug}/receipts/${id}`);
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-company-contact')).toHaveText('Address: 南京市鼓楼区睦宁路 18 号 物业服务中心　Phone: 025-8366 1201');
  await expect(receipt.getByTestId('receipt-not-invoice')).toContainText('不作发票使用');
  await expect(receipt.getByRole('img', { name: 'Company seal' })).toBeVisible();

  const pdf = await ctx.request.get(`/api/receipts/${id}/pdf?tenant=${DEMO.slug}`);
  expect(pdf.status()).toBe(200);
  const [text] = await pdfPages(new Uint8Array(await pdf.body()));
  expect(text).toContain('地址：南京市鼓楼区睦宁路18号物业服务中心');
  expect(text).toContain('电话：025-83661201');
  expect(text).toContain('本收据为收款凭证，不作发票使用。');
  await ctx.close();
});
