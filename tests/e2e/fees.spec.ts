import { test, expect, type Locator, type Page } from '@playwright/test';
import { makeCompany, type Company } from './api';
import { newContext, signInUi } from './helpers';

// The fee story end to end, each role's key step through its own screens:
// an admin defines a fee item, previews and commits a billing run; a cashier takes a cash
// payment, prints the receipt and closes the day; the resident sees the bill turn paid.
// (The company, its units and its members are fixtures made over HTTP.)

const COMPANY = '竹园物业服务有限公司';
const CASHIER = '收费员张敏';
const ITEM = '物业服务费';
// Unit 101 is 89.50 m² (102 is 120.00 m²); both are OCCUPIED (factor 1) and have no billing
// start, so each is billed the whole month. The price is chosen so that unit 101 lands on half
// a fen, where rounding half-up once (and not a float or banker's rounding) matters:
//   101: 89.50 × 2.3500 = 210.325  → ¥210.33
//   102: 120.00 × 2.3500 = 282.00  → ¥282.00
//   run total                        ¥492.33
const PRICE = '2.35';
const BILL_101 = '210.33';
const BILL_102 = '282.00';
const RUN_TOTAL = '492.33';
const BILL_101_CAPITAL = '贰佰壹拾元叁角叁分';

/** Money as the English UI shows it for a CNY company ("CN¥210.33"). */
const cny = (yuan: string) => new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(yuan as unknown as number);

/** Today and this billing period in the company's time zone (the default, Asia/Shanghai). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const period = today.slice(0, 7);
const [year, month] = period.split('-').map(Number) as [number, number];
/** Due day 0 = the period's last day. */
const lastDayOfPeriod = `${period}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;

/** The value of a <dt>label</dt><dd>value</dd> pair inside `scope`. */
const term = (scope: Locator, label: string) =>
  scope
    .locator('dl > div')
    .filter({ has: scope.page().locator('dt').getByText(label, { exact: true }) })
    .locator('dd');

const navTo = (page: Page, name: string) => page.getByTestId('nav').getByRole('link', { name, exact: true }).click();

let co: Company;
test.beforeAll(async () => {
  co = await makeCompany(COMPANY, { memberNames: { CASHIER } });
});

test('an admin bills a fee item, a cashier takes cash and closes the day, the resident sees the bill paid', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await newContext(browser);
  const cashier = await newContext(browser);
  const resident = await newContext(browser);
  // window.print is counted rather than opening a print dialog.
  await cashier.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += 1;
    };
  });
  const printed = (page: Page) => page.evaluate(() => (window as unknown as { __printed: number }).__printed);

  let feeItemUrl = '';

  await test.step('admin creates the fee item through the form (refused first without a community)', async () => {
    const page = await admin.newPage();
    await signInUi(page, co.admin.email);
    await navTo(page, 'Fee items');
    await expect(page.getByRole('heading', { level: 1, name: 'Fee items' })).toBeVisible();
    await expect(page.getByText('No fee items yet. Create the property fee first.')).toBeVisible();

    await page.getByRole('button', { name: 'New fee item' }).click();
    const dialog = page.getByRole('dialog', { name: 'New fee item' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(ITEM);
    await dialog.getByLabel('Calculation').selectOption('PER_AREA');
    await expect(dialog.getByLabel('Billed to')).toHaveValue('UNIT');
    await dialog.getByLabel('Cycle').selectOption('MONTHLY');
    await dialog.getByLabel('Due day').fill('0');
    await expect(dialog.getByLabel('Effective from')).toHaveValue(period);
    await dialog.getByLabel('Price per m² per month (¥)').fill(PRICE);

    // No community ticked: the form refuses, says why, and nothing is created.
    const community = dialog.getByRole('checkbox', { name: '翠竹园' });
    await expect(community).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Create fee item' }).click();
    await expect(dialog.getByRole('alert').filter({ hasText: 'Choose at least one community' })).toBeVisible();
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/${co.slug}/fee-items$`));

    await community.check();
    await dialog.getByRole('button', { name: 'Create fee item' }).click();
    await expect(page).toHaveURL(new RegExp(`/${co.slug}/fee-items/[^/?]+$`));
    await expect(page.getByRole('heading', { level: 1, name: ITEM })).toBeVisible();
    await expect(term(page.locator('main'), 'Current price')).toHaveText(`¥2.3500/m²/month (since ${period})`);
    await expect(term(page.locator('main'), 'Calculation')).toHaveText('Per m² · Monthly');
    await expect(term(page.locator('main'), 'Due')).toHaveText('Last day');
    await expect(term(page.locator('main'), 'Scope')).toHaveText('翠竹园');
    feeItemUrl = page.url();

    await navTo(page, 'Fee items');
    const row = page.getByTestId('fee-item-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(ITEM);
    await expect(row).toContainText('¥2.3500/m²/month');
  });
  expect(feeItemUrl).not.toBe('');

  await test.step('admin previews the billing run, then commits it', async () => {
    const page = admin.pages()[0]!;
    await navTo(page, 'Billing runs');
    await expect(page.getByRole('heading', { level: 1, name: 'Billing runs' })).toBeVisible();
    await expect(page.getByText('No billing run yet')).toBeVisible();
    await expect(page.getByLabel('Period')).toHaveValue(period);
    await page.getByRole('checkbox', { name: ITEM }).check();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();

    const preview = page.getByTestId('billing-preview');
    await expect(preview.getByRole('heading', { name: `Preview of ${period}` })).toBeVisible();
    await expect(preview.getByTestId('billing-preview-objects')).toHaveText('2');
    await expect(preview.getByTestId('billing-preview-bills')).toHaveText('2');
    await expect(preview.getByTestId('billing-preview-total')).toHaveText(cny(RUN_TOTAL));
    // By item: price, due date, bills, total, none left out.
    await expect(preview.getByRole('table', { name: 'By fee item' }).getByRole('row').filter({ hasText: ITEM }).getByRole('cell')).toHaveText([
      `${ITEM}Per m² · Monthly`,
      '¥2.3500/m²/month',
      lastDayOfPeriod,
      '2',
      cny(RUN_TOTAL),
      '0',
    ]);
    await expect(preview.getByTestId('billing-skipped')).toHaveCount(0);
    // The bills it would issue, one per unit.
    await preview.getByText('First bills (2)').click();
    const sample = preview.locator('details li');
    await expect(sample.filter({ hasText: '1号楼 1单元 101' })).toContainText(cny(BILL_101));
    await expect(sample.filter({ hasText: '1号楼 1单元 102' })).toContainText(cny(BILL_102));
    // Previewing issued nothing yet.
    await expect(page.getByTestId('run-row')).toHaveCount(0);

    await preview.getByRole('button', { name: `Commit: 2 bills, ${cny(RUN_TOTAL)}` }).click();
    const committed = page.getByTestId('billing-committed');
    await expect(committed).toContainText(`2 bills issued for ${period}, ${cny(RUN_TOTAL)} in all`);
    await expect(page.getByTestId('billing-preview')).toHaveCount(0);
    const run = page.getByTestId('run-row');
    await expect(run).toHaveCount(1);
    await expect(run.getByRole('cell').nth(1)).toHaveText(period);
    await expect(run.getByRole('cell').nth(3)).toHaveText('2');
    await expect(run.getByRole('cell').nth(4)).toHaveText(cny(RUN_TOTAL));
    await expect(run.getByRole('cell').nth(5)).toContainText('Committed');

    // A second preview finds nothing new to bill: the run cannot bill twice.
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await expect(page.getByTestId('billing-preview-bills')).toHaveText('0');
    await expect(page.getByTestId('billing-skipped')).toContainText('Already billed');
    await expect(page.getByRole('button', { name: /^Commit:/ })).toBeDisabled();
  });

  await test.step('the resident sees the new bill open', async () => {
    const page = await resident.newPage();
    await signInUi(page, co.users.RESIDENT);
    await navTo(page, 'My bills');
    await expect(page.getByRole('heading', { level: 1, name: 'My bills' })).toBeVisible();
    const bill = page.getByTestId('bill-row');
    await expect(bill).toHaveCount(1);
    await expect(bill).toContainText(ITEM);
    await expect(bill).toContainText('1号楼 1单元-101');
    await expect(bill.getByTestId('bill-status')).toHaveAttribute('data-status', 'OPEN');
    await expect(bill.getByTestId('bill-status')).toHaveText('Open');
    await expect(term(bill, 'Amount')).toHaveText(cny(BILL_101));
    await expect(term(bill, 'To pay')).toHaveText(cny(BILL_101));
    await expect(term(bill, 'Due')).toHaveText(lastDayOfPeriod);
    await expect(page.getByText('Total owed', { exact: true }).locator('xpath=following-sibling::p[1]')).toHaveText(cny(BILL_101));
  });

  let receiptNo = '';
  await test.step('the cashier finds unit 101 and records a cash payment', async () => {
    const page = await cashier.newPage();
    await signInUi(page, co.users.CASHIER);
    await navTo(page, 'Cashier desk');
    await expect(page.getByRole('heading', { level: 1, name: 'Cashier desk' })).toBeVisible();
    await page.getByLabel('Find a unit').fill('101');
    const result = page.getByRole('list', { name: 'Matches' }).getByTestId('payer-result');
    await expect(result).toHaveCount(1);
    await expect(result).toContainText('翠竹园 1号楼 1单元-101');
    await expect(result).toContainText('刘业主');
    await result.click();

    await expect(page).toHaveURL(new RegExp(`/${co.slug}/cashier\\?unit=${co.unitId}$`));
    await expect(page.getByRole('heading', { level: 2, name: '翠竹园 1号楼 1单元-101' })).toBeVisible();
    await expect(term(page.locator('main'), 'Household')).toHaveText('刘业主');
    await expect(page.getByTestId('payer-owed')).toHaveText(cny(BILL_101));
    await expect(page.getByTestId('payer-credit')).toHaveText(cny('0'));
    const open = page.getByTestId('open-bill');
    await expect(open).toHaveCount(1);
    await expect(open.getByRole('cell')).toHaveText(['', ITEM, period, lastDayOfPeriod, cny(BILL_101)]);

    const form = page.getByTestId('payment-form');
    // An empty amount is refused before anything is recorded.
    await form.getByRole('button', { name: 'Record payment' }).click();
    await expect(form.getByRole('alert').filter({ hasText: 'Enter an amount in yuan, e.g. 256.80' })).toBeVisible();
    await expect(page.getByTestId('payment-recorded')).toHaveCount(0);

    await form.getByRole('button', { name: 'Use this amount' }).click();
    await expect(form.getByLabel('Amount (¥)')).toHaveValue(BILL_101);
    await form.getByLabel('Method').selectOption({ label: 'Cash' });
    await expect(form.getByLabel('Method')).toHaveValue('CASH');
    await expect(form.getByLabel('Received on')).toHaveValue(today);
    await form.getByRole('button', { name: 'Record payment' }).click();

    const recorded = page.getByTestId('payment-recorded');
    receiptNo = `${year}-000001`; // the company's first receipt of the year
    await expect(recorded).toContainText(`Payment recorded: receipt ${receiptNo}, ${cny(BILL_101)}`);
    await expect(recorded).toContainText('Paid 1 bill');
    await expect(page.getByTestId('payer-owed')).toHaveText(cny('0'));
    await expect(page.getByTestId('payer-credit')).toHaveText(cny('0'));

    // The PDF link serves a real PDF to the signed-in cashier.
    const href = await recorded.getByRole('link', { name: 'PDF', exact: true }).getAttribute('href');
    expect(href).toMatch(new RegExp(`^/api/receipts/[^/]+/pdf\\?tenant=${co.slug}$`));
    const pdf = await cashier.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  await test.step('the cashier prints the receipt', async () => {
    const page = cashier.pages()[0]!;
    expect(await printed(page)).toBe(0);
    await page.getByTestId('payment-recorded').getByRole('link', { name: 'Print receipt' }).click();
    await expect(page).toHaveURL(new RegExp(`/${co.slug}/receipts/[^/?]+\\?print=1$`));
    const receipt = page.getByTestId('receipt');
    await expect(receipt).toBeVisible();
    // ?print=1 opens the print dialog by itself, once.
    await expect.poll(() => printed(page)).toBe(1);

    await expect(receipt.locator('header')).toContainText(COMPANY);
    await expect(receipt.getByRole('heading', { level: 1 })).toHaveText('收款收据');
    await expect(receipt.getByTestId('receipt-no')).toHaveText(receiptNo);
    await expect(receipt).toContainText(`Received on: ${today}`);
    await expect(term(receipt, 'Unit:')).toHaveText('翠竹园 1号楼 1单元-101');
    await expect(term(receipt, 'Paid by:')).toHaveText('刘业主');
    const item = receipt.getByTestId('receipt-item');
    await expect(item).toHaveCount(1);
    await expect(item.getByRole('cell')).toHaveText([ITEM, period, cny(BILL_101), cny(BILL_101)]);
    await expect(receipt.getByTestId('receipt-total')).toHaveText(cny(BILL_101));
    await expect(receipt.getByTestId('receipt-capital')).toHaveText(BILL_101_CAPITAL);
    await expect(receipt).toContainText(`人民币 ${BILL_101_CAPITAL}`);
    await expect(term(receipt, 'Method:')).toHaveText('Cash');
    await expect(term(receipt, 'Cashier:')).toHaveText(CASHIER);
    await expect(term(receipt, 'Entered:')).toHaveText(new RegExp(`^${today} \\d{2}:\\d{2}$`));
    await expect(page.getByTestId('receipt-reversed')).toHaveCount(0);

    // The Print button prints again; on paper only the receipt shows, not the app around it.
    await page.getByRole('button', { name: 'Print', exact: true }).click();
    await expect.poll(() => printed(page)).toBe(2);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('nav')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
    await expect(receipt).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
  });

  await test.step('the cashier closes the day with the cash in the totals', async () => {
    const page = cashier.pages()[0]!;
    await navTo(page, 'Day close');
    await expect(page.getByRole('heading', { level: 1, name: 'Day close' })).toBeVisible();
    await expect(page.getByLabel('Business day')).toHaveValue(today);
    const totals = page.getByTestId('day-totals');
    await expect(totals).toContainText(`Totals of ${today}`);
    await expect(totals.getByText('Open', { exact: true })).toBeVisible();
    await expect(page.getByTestId('day-money-net')).toHaveText(cny(BILL_101));
    const line = [cny(BILL_101), cny('0'), cny('0'), cny(BILL_101)];
    await expect(totals.getByRole('table', { name: 'Method' }).getByRole('row').filter({ hasText: 'Cash' }).getByRole('cell')).toHaveText([
      'Cash',
      '1',
      ...line,
    ]);
    await expect(totals.getByRole('table', { name: 'Cashier' }).getByRole('row').filter({ hasText: CASHIER }).getByRole('cell')).toHaveText([
      CASHIER,
      '1',
      ...line,
    ]);

    await page.getByRole('button', { name: 'Close the day' }).click();
    const dialog = page.getByRole('dialog', { name: `Close ${today}?` });
    await expect(dialog).toContainText(`1 record, ${cny(BILL_101)} money taken.`);
    await dialog.getByRole('button', { name: 'Close the day' }).click();
    await expect(dialog).toBeHidden();

    await expect(totals.getByText(new RegExp(`^Closed by ${CASHIER} at `))).toBeVisible();
    await expect(page.getByRole('button', { name: 'Close the day' })).toHaveCount(0);
    await expect(page.getByTestId('day-money-net')).toHaveText(cny(BILL_101));
    await expect(totals.getByRole('table', { name: 'Cashier' }).getByRole('row').filter({ hasText: CASHIER }).getByRole('cell')).toHaveText([
      CASHIER,
      '1',
      ...line,
    ]);
    const records = totals.getByRole('table', { name: 'Records of the day' }).getByRole('row').filter({ hasText: receiptNo });
    await expect(records).toHaveCount(1);
    await expect(records.getByRole('cell').nth(1)).toHaveText(receiptNo);
    await expect(records.getByRole('cell').nth(2)).toHaveText('翠竹园 1号楼 1单元-101');
    await expect(records.getByRole('cell').nth(3)).toHaveText('Cash');
    await expect(records.getByRole('cell').nth(4)).toHaveText(cny(BILL_101));
    await expect(records.getByRole('cell').nth(5)).toHaveText(CASHIER);
  });

  await test.step('the resident sees the bill paid and nothing owed', async () => {
    const page = resident.pages()[0]!;
    await page.reload();
    const bill = page.getByTestId('bill-row');
    await expect(bill).toHaveCount(1);
    await expect(bill.getByTestId('bill-status')).toHaveAttribute('data-status', 'PAID');
    await expect(bill.getByTestId('bill-status')).toHaveText('Paid');
    await expect(term(bill, 'Amount')).toHaveText(cny(BILL_101));
    await expect(term(bill, 'To pay')).toHaveText(cny('0'));
    await expect(page.getByText('Total owed', { exact: true }).locator('xpath=following-sibling::p[1]')).toHaveText(cny('0'));
    await expect(page.getByRole('button', { name: 'Pay', exact: true })).toHaveCount(0);
    // The filter agrees: the bill is among the paid ones, and nothing is open.
    await page.getByRole('radio', { name: 'Paid', exact: true }).click();
    await expect(page.getByTestId('bill-row')).toHaveCount(1);
    await page.getByRole('radio', { name: 'Open', exact: true }).click();
    await expect(page.getByText('No bills with this status')).toBeVisible();
    await expect(page.getByTestId('bill-row')).toHaveCount(0);
    // and the receipt is among their payments.
    await page.getByRole('link', { name: 'Payments and receipts' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My payments' })).toBeVisible();
    await expect(page.getByText(`Receipt ${receiptNo}`)).toBeVisible();
  });

  await Promise.all([admin.close(), cashier.close(), resident.close()]);
});
