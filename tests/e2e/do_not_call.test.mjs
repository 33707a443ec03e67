// The do-not-call list in the browser: "Do not call again" on a lead in Results puts its
// number on the list (with a reason, shown on the list's page and on the campaign's board),
// and the next upload of that number to another campaign is refused with its own reason.
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

test('a number listed from Results is refused by the next upload', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  const first = await campaignWithLeads(page, server.url, [['Анна Смирнова', '8 916 123-45-67'], ['Борис Ким', '8 916 123-45-68']]);

  await page.goto(`${server.url}/campaigns/${first}/results`);
  await hydrated(page);
  const anna = page.getByTestId('result-row').filter({ hasText: 'Анна Смирнова' });
  await anna.getByTestId('result-dnc-add').click();
  await anna.getByPlaceholder('Reason for the do-not-call list').fill('asked not to be called again');
  await anna.getByRole('button', { name: 'Do not call this number again' }).click();
  await anna.getByTestId('result-dnc').waitFor();
  assert.equal(await anna.getByTestId('result-dnc').textContent(), 'On the do-not-call list');
  const boris = page.getByTestId('result-row').filter({ hasText: 'Борис Ким' });
  assert.equal(await boris.getByTestId('result-dnc').count(), 0, 'only the lead it was asked for');
  await screenshot(page, 'dnc-01-results');

  // The list's page has it, with who, why and where from.
  await page.locator('nav.menu a', { hasText: 'Do not call' }).click();
  await page.waitForURL(/\/do-not-call$/);
  await hydrated(page);
  const entry = page.locator('[data-testid="dnc-entries"] tr[data-number="79161234567"]');
  await entry.waitFor();
  assert.match(await entry.textContent(), /asked not to be called again/);
  assert.match(await entry.textContent(), /from Results/);
  assert.match(await entry.textContent(), /Administrator/);
  assert.match(await page.getByTestId('dnc-counts').textContent(), /On the list: 1;/);
  await screenshot(page, 'dnc-02-list');

  // The board of the first campaign names the task MANGO may still dial, and what to do.
  await page.goto(`${server.url}/campaigns/${first}/board`);
  await hydrated(page);
  const waiting = page.getByTestId('board-dnc');
  await waiting.waitFor();
  assert.match(await waiting.textContent(), /Анна Смирнова, 79161234567/);
  assert.match(await waiting.textContent(), /no way to remove one task/);

  // Another campaign: the same number in another spelling is refused, counted apart.
  const form = (await apiCall(page, server.url, 'campaigns/get', { id: first })).body.form;
  const saved = await apiCall(page, server.url, 'campaigns/save', { id: null, form: { ...form, name: 'Вторая волна' } });
  assert.equal(saved.status, 200, saved.text);
  const second = saved.body.row.id;
  await page.goto(`${server.url}/campaigns/${second}/leads`);
  await hydrated(page);
  const csv = 'ФИО;Телефон\r\nАнна Смирнова;+7 (916) 123-45-67\r\nВера Орлова;89161234569\r\n';
  await page.setInputFiles('input[name="file"]', { name: 'wave.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.waitForURL(/\?upload=\d+/);
  await hydrated(page);
  await page.getByTestId('upload-summary').waitFor();
  assert.equal(await page.getByTestId('count-accepted').textContent(), '1 accepted');
  assert.match(await page.locator('[data-kind="do_not_call"]').textContent(), /1 — on the do-not-call list/);
  const rejected = page.getByTestId('rejected-row');
  assert.equal(await rejected.count(), 1);
  assert.match(await rejected.nth(0).textContent(), /On the do-not-call list since .+, by Administrator/);
  await screenshot(page, 'dnc-03-refused');
  assert.deepEqual(page.errors, []);
  await page.close();
});
