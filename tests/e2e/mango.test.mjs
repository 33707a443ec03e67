// The MANGO connection in the browser: the sandbox's directory, its refresh, and
// "Test connection" with a success and a refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, signIn, screenshot, ADMIN_PASSWORD } from './harness.mjs';

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

test('directory: the sandbox company, who takes campaign calls, refresh', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.locator('nav.menu a', { hasText: 'Directory' }).click();
  await page.waitForURL(/\/directory$/);
  await hydrated(page);
  await page.getByTestId('sandbox-notice').waitFor();
  // The first fetch runs in the background at start; reload until it has landed.
  for (let i = 0; i < 50 && (await page.getByTestId('operator-row').count()) < 10; i++) {
    await page.waitForTimeout(200);
    await page.reload();
  }
  assert.equal(await page.getByTestId('operator-row').count(), 10);
  assert.equal(await page.getByTestId('line-row').count(), 3);
  assert.equal(await page.getByTestId('audio-row').count(), 10);
  const pavel = page.getByTestId('operator-row').filter({ hasText: 'Павел Соколов' });
  assert.match(await pavel.textContent(), /Contact Center status switched off/);
  assert.doesNotMatch(await page.getByTestId('directory-parts').textContent(), /never fetched/);

  await hydrated(page);
  await page.getByTestId('refresh-directory').click();
  await page.getByText('Directory refreshed.').waitFor();
  assert.equal(await page.getByTestId('operator-row').count(), 10);
  await screenshot(page, '09-directory');
  assert.deepEqual(page.errors, []);
});

test('settings: test connection against the sandbox, then a refused signature', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.goto(`${server.url}/settings`);
  await hydrated(page);
  await page.getByRole('button', { name: 'Test connection' }).click();
  const result = page.getByTestId('connection-result');
  await result.waitFor();
  assert.match(await result.textContent(), /Connected to the built-in sandbox/);
  assert.match(await result.textContent(), /account\/balance — OK: Balance/);
  assert.match(await result.textContent(), /config\/users\/request — OK: 10 employees/);

  // An account's key and salt at the built-in sandbox's address: the sandbox is served only
  // while it is the MANGO in use, so the address answers 404.
  await page.fill('input[name="vpbx_base_url"]', `${server.url}/sandbox/vpbx`);
  await page.fill('input[name="cc_base_url"]', `${server.url}/sandbox/cc`);
  await page.fill('input[name="vpbx_api_key"]', 'an-account-key');
  await page.fill('input[name="new_api_salt"]', 'an-account-salt');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText('The connection to').waitFor();
  const text = await result.textContent();
  assert.match(text, /failed: MANGO answered vpbx\/account\/balance with HTTP 404/);
  await screenshot(page, '10-connection-refused');
  assert.deepEqual(page.errors, []);
});
