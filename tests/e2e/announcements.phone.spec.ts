import { test, expect } from '@playwright/test';
import { asRole, DEMO, PHONE } from './helpers';

// #15 on a phone (390×844): an admin publishes a notice (公告) to 翠竹园 in Chinese; the demo
// resident (翠竹园) sees it on the home page under the pinned one; staff see the register
// without residents' phones; an admin makes a staff member a dispatcher with skills.

test('an admin publishes a notice and the resident sees it on the home page, pinned one first', async ({ browser }) => {
  const title = `电梯维保通知 ${Date.now() % 100000}`;
  const admin = await asRole(browser, 'admin', { locale: 'zh-CN', ...PHONE });
  await admin.page.goto(`/${DEMO.slug}/announcements`);
  await expect(admin.page.getByRole('heading', { name: '公告' })).toBeVisible();
  await expect(admin.page.getByTestId('announcement-row').filter({ hasText: '冬季管道防冻提醒' })).toContainText('置顶至');
  await admin.page.getByRole('button', { name: '发布公告' }).click();
  const dialog = admin.page.getByRole('dialog');
  // nothing chosen: keyed errors in Chinese
  await dialog.getByRole('button', { name: '发布', exact: true }).click();
  await expect(dialog.getByText('请填写公告标题。')).toBeVisible();
  await expect(dialog.getByText('请选择小区。')).toBeVisible();
  await dialog.getByLabel('标题').fill(title);
  await dialog.getByLabel('内容').fill('本周四 9:00–11:00 1号楼电梯维保，请走楼梯。');
  await dialog.getByLabel('翠竹园').check();
  await dialog.getByRole('button', { name: '发布', exact: true }).click();
  await expect(dialog.getByText(/已发布。已站内通知 \d+ 位住户/)).toBeVisible();
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(admin.page.getByTestId('announcement-row').filter({ hasText: title })).toBeVisible();
  const overflow = await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await admin.ctx.close();

  const resident = await asRole(browser, 'resident', { locale: 'zh-CN', ...PHONE });
  await resident.page.goto(`/${DEMO.slug}`);
  const notices = resident.page.getByTestId('announcement');
  await expect(notices.first()).toContainText('置顶');
  await expect(notices.first()).toContainText('冬季管道防冻提醒');
  await expect(notices.nth(1)).toContainText(title);
  // 银杏里's notice is not for 翠竹园
  await expect(resident.page.getByText('银杏里 3 号楼二次供水水箱清洗')).toHaveCount(0);
  await resident.ctx.close();
});

test('staff read the register without residents’ phones; admins see them', async ({ browser }) => {
  const staff = await asRole(browser, 'staff', { locale: 'zh-CN', ...PHONE });
  await staff.page.goto(`/${DEMO.slug}/residents`);
  await expect(staff.page.getByTestId('resident-row').first()).toBeVisible();
  await expect(staff.page.getByRole('columnheader', { name: '电话' })).toHaveCount(0);
  await expect(staff.page.getByText('13900000001')).toHaveCount(0);
  await staff.ctx.close();
  const admin = await asRole(browser, 'admin', { locale: 'zh-CN', ...PHONE });
  await admin.page.goto(`/${DEMO.slug}/residents`);
  await expect(admin.page.getByRole('columnheader', { name: '电话' })).toBeVisible();
  await admin.ctx.close();
});

test('an admin sets a staff member’s duties: dispatcher and skills', async ({ browser }) => {
  const admin = await asRole(browser, 'admin', { locale: 'zh-CN', ...PHONE });
  await admin.page.goto(`/${DEMO.slug}/members`);
  await admin.page.getByRole('button', { name: '设置职责：周阿姨' }).click();
  const dialog = admin.page.getByRole('dialog');
  await dialog.getByLabel('技能').fill('sewing、cleaning, 熨烫');
  await dialog.getByLabel('派单员').check();
  await dialog.getByRole('button', { name: '保存职责' }).click();
  await expect(dialog).toBeHidden();
  const row = admin.page.getByRole('row').filter({ hasText: '周阿姨' });
  await expect(row.getByTestId('staff-duties')).toContainText('派单员');
  await expect(row.getByTestId('staff-duties')).toContainText('熨烫');
  // put it back (other specs read the demo's staff)
  await admin.page.getByRole('button', { name: '设置职责：周阿姨' }).click();
  await dialog.getByLabel('技能').fill('sewing, cleaning');
  await dialog.getByLabel('派单员').uncheck();
  await dialog.getByRole('button', { name: '保存职责' }).click();
  await expect(dialog).toBeHidden();
  await admin.ctx.close();
});
