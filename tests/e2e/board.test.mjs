// The live board in the browser: a campaign with eight leads runs in the built-in sandbox
// (a simulated minute per second); its calls arrive as signed events and the open board follows
// them over server-sent events, without reloading, until MANGO counts every task finished.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, newPage, hydrated, signIn, screenshot, apiCall, campaignWithLeads, ADMIN_PASSWORD,
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

const api = (page, endpoint, data) => apiCall(page, server.url, endpoint, data);
const runningCampaign = (page, leads) => campaignWithLeads(page, server.url, leads);

test('the board follows a running campaign live until every task is finished', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  const leads = Array.from({ length: 8 }, (_, i) => [`Клиент ${i + 1}`, `8916123450${i}`]);
  const campaign = await runningCampaign(page, leads);

  // Open the board from the campaign page before the campaign starts.
  await page.goto(`${server.url}/campaigns/${campaign}`);
  await hydrated(page);
  await page.getByTestId('board-link').click();
  await page.waitForURL(new RegExp(`/campaigns/${campaign}/board$`));
  await hydrated(page);
  await page.waitForSelector('[data-testid="board-live"][data-live="true"]');
  assert.match(await page.getByText('No calls yet.').textContent(), /No calls yet/);
  assert.equal(await page.getByTestId('board-queued').textContent(), '8 leads not called yet.');

  const started = await api(page, 'campaigns/act', { id: campaign, action: 'Start' });
  assert.equal(started.status, 200, started.text);

  // Calls appear on the open page without a reload: the feed fills and names the leads.
  await page.waitForSelector('[data-testid="board-feed"] tbody tr', { timeout: 30_000 });
  assert.match(await page.getByTestId('board-feed').textContent(), /Клиент \d/);
  await screenshot(page, '16-board-live');

  // MANGO's own count reaches every task (polled every 10 s; the board hears of it).
  await page.waitForFunction(() => {
    const progress = document.querySelector('[data-testid="board-progress"]');
    return progress && progress.dataset.total === '8' && progress.dataset.finished === '8';
  }, null, { timeout: 120_000 });
  assert.match(await page.getByTestId('board-progress').locator('h2').textContent(), /8 of 8 tasks finished \(100 %\)/);
  const outcomes = await page.getByTestId('board-outcomes').locator('li').allTextContents();
  const finished = outcomes
    .filter((text) => !/In progress/.test(text))
    .reduce((sum, text) => sum + Number(text.split(' ')[0]), 0);
  assert.ok(finished >= 8, `every lead was called at least once: ${outcomes.join(', ')}`);
  assert.ok((await page.getByTestId('board-operators').locator('tbody tr').count()) >= 1);
  const segments = await page.locator('[data-testid="outcome-chart"] rect title').allTextContents();
  const charted = segments.reduce((sum, text) => sum + Number(text.split(': ').pop()), 0);
  assert.equal(charted, finished, `the chart holds every finished call: ${segments.join(', ')}`);
  assert.equal(await page.getByTestId('board-queued').textContent(), '0 leads not called yet.');
  await screenshot(page, '17-board-done');
  const talkedOnBoard = Number(outcomes.find((text) => /Talked/.test(text)).split(' ')[0]);

  // Results: every lead, filtered by outcome and searched, exported as shown.
  await page.getByRole('link', { name: 'Results for every lead' }).click();
  await page.waitForURL(new RegExp(`/campaigns/${campaign}/results$`));
  await hydrated(page);
  await page.getByTestId('results-table').waitFor();
  assert.equal(await page.getByTestId('result-row').count(), 8);
  assert.equal(await page.getByTestId('results-matching').textContent(), '8 matching');
  await page.selectOption('select[aria-label="Filter by outcome"]', 'talked');
  await page.waitForFunction((n) => document.querySelector('[data-testid="results-matching"]')?.textContent === `${n} matching`, talkedOnBoard);
  await page.selectOption('select[aria-label="Filter by outcome"]', '');
  await page.fill('input[aria-label="Search by number or name"]', 'Клиент 3');
  await page.waitForFunction(() => document.querySelector('[data-testid="results-matching"]')?.textContent === '1 matching');
  assert.match(await page.getByTestId('result-row').first().textContent(), /79161234502.*Клиент 3/);
  await screenshot(page, '18-results');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines.length, 2, `the header and the one row shown: ${csv}`);
  assert.match(lines[1], /^79161234502;Клиент 3;/);
  assert.deepEqual(page.errors, []);
});
