import { test, expect } from '@playwright/test';
import { authFile, DEMO } from './helpers';

// The `phone` project (390×844, touch): the demo resident, from the session the setup project
// saved, owner of 翠竹园 1号楼 1单元-101 in a company of 300 units.
test.use({ storageState: authFile('resident') });

test('a resident on a phone sees only their own unit', async ({ page }) => {
  await page.goto(`/${DEMO.slug}`);
  expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
  const cards = page.getByTestId('unit-card');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText('翠竹园');
  await expect(cards.first()).toContainText('1号楼 1单元-101');
  // The page fits the phone: nothing wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  // The register is not theirs to browse.
  await page.goto(`/${DEMO.slug}/units`);
  await expect(page.getByText('No access')).toBeVisible();
  await expect(page.getByRole('cell', { name: '102' })).toHaveCount(0);
});
