// The foundation story: an administrator creates a marketer; the marketer sees campaigns,
// and Settings is neither in the menu nor reachable by address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newPage, hydrated, signIn, signOut, screenshot, menuEntries,
  ADMIN_PASSWORD,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('admin creates a marketer, who cannot reach settings', async () => {
  const page = await newPage(browser);

  // Not signed in: the campaigns page sends us to the login page, which hydrates.
  const first = await page.goto(`${server.url}/campaigns`);
  assert.match(page.url(), /\/login\?next=\/campaigns$/);
  assert.equal(first.status(), 200);
  await hydrated(page);

  // A wrong password is refused with a clear message.
  await page.fill('input[name="username"]', 'admin');
  await page.fill('input[name="password"]', 'not-the-password');
  await page.click('button[type="submit"]');
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
  await screenshot(page, '01-login-refused');

  await page.fill('input[name="password"]', ADMIN_PASSWORD);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/campaigns$/);
  assert.deepEqual(await menuEntries(page), ['Campaigns', 'Callbacks', 'Do not call', 'Directory', 'Settings', 'Users', 'Audit']);

  // Client-side navigation to Users (no full reload: the hydration mark stays).
  await page.locator('nav.menu a', { hasText: 'Users' }).click();
  await page.waitForURL(/\/users$/);
  await page.getByRole('heading', { name: 'Add a user' }).waitFor();

  const form = page.getByTestId('new-user-form');
  await form.locator('input[name="username"]').fill('maria');
  await form.locator('input[name="display_name"]').fill('Maria Marketer');
  await form.locator('select[name="role"]').selectOption('marketer');
  // The password rule runs in the browser while typing.
  await form.locator('input[name="password"]').fill('short');
  await form.getByText('Use at least 12 characters (5 so far).').waitFor();
  await form.locator('input[name="password"]').fill('maria-password-2026');
  assert.equal(await form.locator('.field-error').count(), 0);
  await form.getByRole('button', { name: 'Create user' }).click();
  await page.getByText('Created maria (Marketer). They can sign in now.').waitFor();
  const row = page.locator('tr[data-username="maria"]');
  await row.waitFor();
  assert.match(await row.textContent(), /Maria Marketer/);
  await screenshot(page, '02-users');

  await signOut(page);

  await signIn(page, server.url, 'maria', 'maria-password-2026');
  await page.getByRole('heading', { name: 'Campaigns', exact: true }).waitFor();
  await page.getByTestId('campaigns-empty').waitFor();
  assert.deepEqual(await menuEntries(page), ['Campaigns', 'Directory']);
  assert.match(await page.locator('.whoami').textContent(), /Maria Marketer\s*Marketer/);
  await screenshot(page, '03-marketer-campaigns');

  // Settings by address: refused with a reason, and an HTTP 403.
  const settings = await page.goto(`${server.url}/settings`);
  assert.equal(settings.status(), 403);
  await hydrated(page);
  await page.getByTestId('forbidden').waitFor();
  assert.match(await page.getByTestId('forbidden').textContent(), /Only administrators can change settings\./);
  assert.equal(await page.locator('[data-testid="settings-form"]').count(), 0);
  await screenshot(page, '04-marketer-settings-forbidden');

  assert.deepEqual(page.errors, [], 'no errors in the browser console');
});
