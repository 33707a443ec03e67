// Every page, in the browser, as the role that uses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newPage, hydrated, signIn, signOut, screenshot, menuEntries,
  ADMIN_PASSWORD,
} from './harness.mjs';

let server;
let browser;
// The account test changes the administrator's password; later tests use the current one.
let adminPassword = ADMIN_PASSWORD;

before(async () => {
  server = await startServer({ extraEnv: { OBZVON_PUBLIC_URL: 'http://obzvon.test.local' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('settings: sandbox notice, write-only salt, validation next to the field', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.goto(`${server.url}/settings`);
  await hydrated(page);
  await page.getByTestId('sandbox-notice').waitFor();
  assert.equal(await page.getByTestId('webhook-url').inputValue(), 'http://obzvon.test.local');
  assert.match(await page.getByTestId('salt-state').textContent(), /Currently not set/);

  // What arrived from MANGO, and what was learnt of it: nothing yet on a fresh server.
  await page.getByTestId('event-health').getByTestId('last-event').waitFor();
  assert.equal(await page.getByTestId('last-event').textContent(), 'No event has arrived yet.');
  assert.match(await page.getByTestId('last-ping').textContent(), /No connection check yet/);
  await page.getByTestId('mango-health').getByTestId('cc-ok').waitFor();
  assert.match(await page.getByTestId('list-path').textContent(), /get_list/);

  // A bad address is caught in the browser, next to its field, before anything is sent.
  await page.fill('input[name="vpbx_base_url"]', 'not an address');
  await page.getByText('Enter a full address, e.g. https://app.mango-office.ru/vpbx.').waitFor();
  await page.fill('input[name="vpbx_base_url"]', 'https://app.mango-office.ru/vpbx');

  await page.fill('input[name="vpbx_api_key"]', 'demo-api-key');
  await page.fill('input[name="new_api_salt"]', 'salt-that-stays-secret-9f3k');
  await page.selectOption('select[name="timezone"]', 'Asia/Vladivostok');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
  assert.match(await page.getByTestId('salt-state').textContent(), /set, ends with …9f3k/);
  assert.equal(await page.locator('input[name="new_api_salt"]').inputValue(), '');
  assert.equal(await page.getByTestId('sandbox-notice').count(), 0);

  // After a reload the salt is still only described, never sent back.
  const response = await page.reload();
  const html = await response.text();
  assert.ok(!html.includes('salt-that-stays-secret'), 'the salt never reaches the browser');
  await hydrated(page);
  assert.equal(await page.locator('select[name="timezone"]').inputValue(), 'Asia/Vladivostok');
  await screenshot(page, '05-settings');
  assert.deepEqual(page.errors, []);
});

test('audit log lists sign-ins, failures and settings changes', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.url}/login`);
  await hydrated(page);
  await page.fill('input[name="username"]', 'admin');
  await page.fill('input[name="password"]', 'wrong-password-here');
  await page.click('button[type="submit"]');
  await page.getByText('Wrong username or password.').waitFor();
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.locator('nav.menu a', { hasText: 'Audit' }).click();
  await page.waitForURL(/\/audit$/);
  const table = page.getByTestId('audit-table');
  await table.waitFor();
  const text = await table.textContent();
  for (const action of ['login', 'login_failed', 'settings_changed', 'user_created']) {
    assert.ok(text.includes(action), `audit shows ${action}`);
  }
  assert.ok(!text.includes('salt-that-stays-secret'), 'the audit log never holds the salt');
  await page.selectOption('select[aria-label="Filter by action"]', 'login_failed');
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('[data-testid="audit-table"] tbody td:nth-child(3)')];
    return cells.length > 0 && cells.every((cell) => cell.textContent === 'login_failed');
  });
  await screenshot(page, '06-audit');
  assert.deepEqual(page.errors, []);
});

test('users: role change, disable ends the session, password reset', async () => {
  const admin = await newPage(browser);
  await signIn(admin, server.url, 'admin', ADMIN_PASSWORD);
  await admin.goto(`${server.url}/users`);
  await hydrated(admin);
  const form = admin.getByTestId('new-user-form');
  await form.locator('input[name="username"]').fill('lena');
  await form.locator('input[name="display_name"]').fill('Lena Lead');
  await form.locator('select[name="role"]').selectOption('marketer');
  await form.locator('input[name="password"]').fill('lena-password-2026');
  await form.getByRole('button', { name: 'Create user' }).click();
  const row = admin.locator('tr[data-username="lena"]');
  await row.waitFor();

  // Promote to team lead.
  await row.locator('select[aria-label="Role"]').selectOption('lead');
  await admin.getByText('lena is now a team lead.').waitFor();

  // Lena signs in elsewhere and sees Callbacks, as team leads do.
  const lena = await newPage(browser);
  await signIn(lena, server.url, 'lena', 'lena-password-2026');
  assert.deepEqual(await menuEntries(lena), ['Campaigns', 'Callbacks', 'Do not call', 'Directory']);
  await lena.locator('nav.menu a', { hasText: 'Callbacks' }).click();
  await lena.getByTestId('callbacks-empty').waitFor();

  // Disabling asks first, then signs her out everywhere.
  await row.getByRole('button', { name: 'Disable' }).click();
  await row.getByText('Disable lena and sign them out?').waitFor();
  await row.getByRole('button', { name: 'Yes' }).click();
  await admin.getByText('lena is disabled and signed out everywhere.').waitFor();
  await lena.goto(`${server.url}/campaigns`);
  assert.match(lena.url(), /\/login/);

  // Enable again and reset her password; the old one stops working.
  await row.getByRole('button', { name: 'Enable' }).click();
  await row.getByRole('button', { name: 'Yes' }).click();
  await admin.getByText('lena can sign in again.').waitFor();
  await row.getByRole('button', { name: 'Reset password' }).click();
  await row.locator('input[aria-label="New password"]').fill('lena-new-password-1');
  await row.getByRole('button', { name: 'Set password', exact: true }).click();
  await row.getByRole('button', { name: 'Yes' }).click();
  await admin.getByText("Password changed; the user's other sessions were signed out.").waitFor();
  await signIn(lena, server.url, 'lena', 'lena-new-password-1');
  assert.deepEqual(admin.errors, []);
  assert.deepEqual(lena.errors, []);
});

test('account: change own password; 404 page', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.locator('.whoami-name').click();
  await page.waitForURL(/\/account$/);
  const inputs = page.locator('form input[type="password"]');
  await inputs.nth(0).fill('wrong-current-password');
  await inputs.nth(1).fill('admin-password-renewed');
  await inputs.nth(2).fill('admin-password-renewed');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('This is not your current password.').waitFor();
  await inputs.nth(0).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed. Your other sessions were signed out.').waitFor();
  // This session stays signed in.
  await page.goto(`${server.url}/campaigns`);
  await page.getByRole('heading', { name: 'Campaigns', exact: true }).waitFor();
  await signOut(page);
  await signIn(page, server.url, 'admin', 'admin-password-renewed');
  adminPassword = 'admin-password-renewed';

  const missing = await page.goto(`${server.url}/no/such/page`);
  assert.equal(missing.status(), 404);
  await page.getByTestId('not-found').waitFor();
  await screenshot(page, '07-not-found');
  assert.deepEqual(page.errors, []);
});

test('pages fit a phone screen without sideways scrolling', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await hydrated(page);
  await page.fill('input[name="username"]', 'admin');
  await page.fill('input[name="password"]', adminPassword);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/campaigns$/);
  for (const path of ['/campaigns', '/campaigns/new', '/directory', '/users', '/settings', '/audit', '/account']) {
    await page.goto(`${server.url}${path}`);
    await hydrated(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`);
  }
  await page.goto(`${server.url}/users`);
  await screenshot(page, '08-users-phone');
  await context.close();
});
