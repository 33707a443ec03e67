// The campaign builder in the browser: a two-window schedule in Asia/Vladivostok, three
// operators, the UTC preview, then create in MANGO (the built-in sandbox), start and stop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, signIn, openNewCampaign, screenshot, ADMIN_PASSWORD } from './harness.mjs';

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

test('build a Vladivostok campaign, preview its UTC schedule, create, start, stop', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await page.getByTestId('campaigns-empty').waitFor();
  await page.getByTestId('new-campaign').click();
  await openNewCampaign(page, server.url);

  // Problems are named next to their fields before anything is sent.
  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.getByText('Give the campaign a name.').waitFor();
  await page.getByText('Choose the line MANGO calls from.').waitFor();
  await page.fill('input[name="name"]', 'x'.repeat(71));
  await page.getByText('At most 70 characters (71 now).').waitFor();

  await page.fill('input[name="name"]', 'Зимняя акция — Владивосток');
  await page.selectOption('select[name="line_id"]', { index: 1 });
  await page.selectOption('select[name="timezone"]', 'Asia/Vladivostok');
  // Monday: 09:00–13:00 and 14:00–18:00, then the same for every weekday.
  await page.getByRole('button', { name: 'Add a window on Monday' }).click();
  await page.getByLabel('Monday window 1 to').fill('13:00');
  await page.getByLabel('Monday window 1 to').dispatchEvent('change');
  await page.getByLabel('Monday window 2 from').fill('14:00');
  await page.getByLabel('Monday window 2 from').dispatchEvent('change');
  await page.getByLabel('Monday window 2 to').fill('18:00');
  await page.getByLabel('Monday window 2 to').dispatchEvent('change');
  await page.getByRole('button', { name: 'Copy Monday to all weekdays' }).click();

  // The preview shows exactly what MANGO gets: the day before 23:00–24:00, then 00:00–03:00
  // and 04:00–08:00 UTC, for each weekday.
  const preview = page.getByTestId('utc-preview');
  await preview.getByText('Monday 00:00–03:00').waitFor();
  const windows = await preview.getByTestId('utc-window').allTextContents();
  assert.deepEqual(windows.slice(0, 3), ['Monday 00:00–03:00', 'Monday 04:00–08:00', 'Monday 23:00–24:00']);
  assert.ok(windows.includes('Sunday 23:00–24:00'), windows.join(', '));
  assert.equal(windows.length, 15);

  // Three operators found by name and by extension.
  const search = page.getByLabel('Search operators');
  await search.fill('Анна');
  await page.locator('[data-testid="operator-list"] label', { hasText: 'Анна Смирнова' }).locator('input').check();
  await search.fill('102');
  await page.locator('[data-testid="operator-list"] label', { hasText: 'ext. 102' }).locator('input').check();
  await search.fill('Павел');
  const pavel = page.locator('[data-testid="operator-list"] label', { hasText: 'Павел Соколов' });
  assert.match(await pavel.textContent(), /gets no campaign calls/);
  await search.fill('');
  await page.locator('[data-testid="operator-list"] label', { hasText: 'Мария Попова' }).locator('input').check();
  await page.getByText('3 chosen').waitFor();
  await screenshot(page, '11-campaign-form');

  await page.getByRole('button', { name: 'Save as draft' }).click();
  await page.waitForURL(/\/campaigns\/\d+$/);
  await hydrated(page);
  assert.equal(await page.getByTestId('campaign-status').textContent(), 'Draft');
  assert.match(await page.getByTestId('campaign-settings').textContent(), /Monday 00:00–03:00/);
  assert.match(await page.getByTestId('campaign-settings').textContent(), /3: Анна Смирнова \(ext. 101\), Игорь Кузнецов \(ext. 102\), Мария Попова \(ext. 103\)/);

  // Create in MANGO (asks first), then start and stop.
  await page.getByRole('button', { name: 'Create in MANGO' }).click();
  await page.getByRole('button', { name: 'Yes' }).click();
  await page.getByText('Created in MANGO, not started').first().waitFor();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('button', { name: 'Yes' }).click();
  await page.waitForFunction(() => /Running|Scheduled/.test(document.querySelector('[data-testid="campaign-status"]')?.textContent ?? ''));
  await screenshot(page, '12-campaign-running');
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('button', { name: 'Yes' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="campaign-status"]')?.textContent === 'Stopped');
  assert.equal(await page.getByRole('button', { name: 'Edit' }).count(), 0, 'a campaign in MANGO cannot be edited');

  // The list shows it with its status; the filter finds it.
  await page.goto(`${server.url}/campaigns`);
  await hydrated(page);
  await page.selectOption('select[aria-label="Filter by status"]', 'stopped');
  const rows = page.getByTestId('campaign-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  assert.match(await rows.first().textContent(), /Зимняя акция — Владивосток/);
  await page.fill('input[aria-label="Search by name"]', 'нет такой');
  await page.getByText('No campaign matches.').waitFor();
  await screenshot(page, '13-campaigns-list');
  assert.deepEqual(page.errors, []);
});
