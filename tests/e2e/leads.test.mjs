// A lead list in the browser: a Windows-1251 CSV from Russian Excel is uploaded through the
// form, read with its header, its bad rows explained; one is fixed in place, the accepted rows
// are added and pushed to MANGO (the built-in sandbox) while the progress bar runs.
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

/** Windows-1251 bytes of `text` (Cyrillic, ASCII and «Ёё» are all this test needs). */
function windows1251(text) {
  const bytes = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else if (code === 0x401) bytes.push(0xa8);
    else if (code === 0x451) bytes.push(0xb8);
    else throw new Error(`not in this test's Windows-1251 table: ${ch}`);
  }
  return Buffer.from(bytes);
}

/** A campaign created in the sandbox MANGO, through the same server functions the pages use. */
async function campaignInMango(page) {
  const day = [{ start: 540, end: 1080 }];
  const form = {
    name: 'Лиды из Excel', line_id: 400200001, author_user_id: null, priority: 'Normal', dial_mode: 'Simultaneous',
    timezone: 'Europe/Moscow', start_local: '', end_local: '',
    schedule: { days: [day, day, day, day, day, [], []] }, operators: [400100101],
    voice_message_id: null, hold_message_id: null, redial_if_busy: 3, redial_if_no_answer: 3,
    redial_if_unavailable: 3, answer_wait_seconds: 30, call_coefficient_tenths: 10,
    wait_if_busy_seconds: 300, wait_if_no_answer_seconds: 3600, wait_if_unavailable_seconds: 3600,
    after_call_seconds: 30,
  };
  // The directory is fetched in the background at start: the line is known once it arrives.
  for (let i = 0; i < 50; i++) {
    const saved = await page.request.post(`${server.url}/api/campaigns/save`, { data: { id: null, form } });
    if (saved.ok()) {
      const id = (await saved.json()).row.id;
      const created = await page.request.post(`${server.url}/api/campaigns/act`, { data: { id, action: 'Create' } });
      assert.equal(created.status(), 200, await created.text());
      return id;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the campaign could not be saved');
}

test('upload a Russian Excel CSV, fix a row, push the accepted rows to MANGO', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  const campaign = await campaignInMango(page);

  // From the campaign page to its lead list.
  await page.goto(`${server.url}/campaigns/${campaign}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Lead list' }).click();
  await page.waitForURL(new RegExp(`/campaigns/${campaign}/leads$`));
  await hydrated(page);

  // A file that is not a list is refused with the reason, and nothing is stored.
  await page.setInputFiles('input[name="file"]', { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('\r\n\r\n') });
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.getByTestId('upload-error').waitFor();
  assert.match(await page.getByTestId('upload-error').textContent(), /no rows/);

  const csv =
    'ФИО;Телефон;Компания;Должность;Город\r\n' +
    'Иванов Иван;8 (912) 345-67-89;ООО Ромашка;директор;Тверь\r\n' +
    'Петров Пётр;+7 912 345-67-89;;;\r\n' +
    ';79123450000;ИП Сидоров;;\r\n' +
    'Сидорова Анна;12345;;;\r\n' +
    'Смирнова Ольга;9161234567;;;\r\n';
  await hydrated(page);
  await page.setInputFiles('input[name="file"]', { name: 'лиды.csv', mimeType: 'text/csv', buffer: windows1251(csv) });
  await page.getByRole('button', { name: 'Upload and check' }).click();
  await page.waitForURL(/\?upload=\d+/);
  await hydrated(page);
  const summary = page.getByTestId('upload-summary');
  await summary.waitFor();
  assert.match(await summary.locator('h2').textContent(), /лиды\.csv — CSV, windows-1251, separated by ;/);
  assert.equal(await page.getByTestId('count-accepted').textContent(), '2 accepted');
  assert.equal(await page.getByLabel('Column 1 holds').inputValue(), 'name');
  assert.equal(await page.getByLabel('Column 2 holds').inputValue(), 'phone');
  assert.equal(await page.getByLabel('Column 5 holds').inputValue(), 'extra');

  // Each rejected row says why.
  const rejected = page.getByTestId('rejected-row');
  assert.equal(await rejected.count(), 3);
  assert.match(await rejected.nth(0).textContent(), /Same number as row 2/);
  assert.match(await rejected.nth(1).textContent(), /No name/);
  assert.match(await rejected.nth(2).textContent(), /Phone number: "12345"/);
  const accepted = page.getByTestId('accepted-table');
  assert.match(await accepted.textContent(), /79123456789.*Иванов Иван.*ООО Ромашка.*директор.*Город: Тверь/);
  await screenshot(page, '14-lead-list-checked');

  // Adjust the mapping: the city is not wanted in MANGO's additional info.
  await page.getByLabel('Column 5 holds').selectOption('ignore');
  await page.waitForFunction(() => !/Город/.test(document.querySelector('[data-testid="accepted-table"]')?.textContent ?? 'Город'));
  assert.equal(await page.getByLabel('Column 5 holds').inputValue(), 'ignore');
  assert.equal(await page.getByTestId('count-accepted').textContent(), '2 accepted');

  // Fix the row without a name where it is shown.
  await rejected.nth(1).getByRole('button', { name: 'Fix' }).click();
  await page.getByLabel('Row 4 cell 1').fill('Сидоров Игорь');
  await page.getByRole('button', { name: 'Save row' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="count-accepted"]')?.textContent === '3 accepted');
  assert.equal(await page.getByTestId('rejected-row').count(), 2);

  // Add and push; the progress reaches "all in MANGO".
  await page.getByLabel('Tasks per request').fill('2');
  await page.getByTestId('accept-upload').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="push-progress"]')?.dataset.state === 'done', null, { timeout: 30_000 });
  assert.match(await page.getByTestId('push-counts').textContent(), /^3 of 3 tasks sent \(100 %\)/);
  await page.getByText(/^Added to the campaign/).waitFor();
  assert.equal(await page.getByTestId('accept-upload').count(), 0, 'an added list cannot be added again');
  await screenshot(page, '15-lead-list-pushed');
  assert.deepEqual(page.errors, []);
});
