// Callbacks in the browser: one typed in on the Callbacks page (checked while typing, sent to
// the built-in sandbox, followed until its automatic call is over), and many at once from a
// campaign's results with a progress bar — a repeated request creates nothing new.
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

async function api(page, endpoint, data) {
  const response = await page.request.post(`${server.url}/api/${endpoint}`, { data });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null, text };
}

async function teamLead() {
  const admin = await newPage(browser);
  await signIn(admin, server.url, 'admin', ADMIN_PASSWORD);
  const created = await api(admin, 'users/create', { form: { username: 'lida', display_name: 'Лида', role: 'lead', password: 'lead-password-0001' } });
  assert.equal(created.status, 200, created.text);
  await admin.context().close();
  const page = await newPage(browser);
  await signIn(page, server.url, 'lida', 'lead-password-0001');
  return page;
}

test('a callback typed in is checked, created in MANGO and followed to its end', async () => {
  const page = await teamLead();
  await page.goto(`${server.url}/callbacks`);
  await hydrated(page);
  await page.getByTestId('callbacks-empty').waitFor();
  const form = page.getByTestId('callback-form');
  // The sandbox directory arrives a moment after start.
  for (let i = 0; i < 50 && (await form.locator('select[name="operator"] option').count()) === 0; i++) {
    await page.reload();
    await hydrated(page);
  }
  assert.ok((await form.locator('select[name="operator"] option').count()) > 0, 'operators to choose from');

  // Checked in the browser before anything is sent.
  await form.locator('input[name="phone"]').fill('12345');
  await form.locator('input[name="duration"]').fill('2000');
  await form.getByRole('button', { name: 'Create callback' }).click();
  await form.getByText('A phone number has 10 to 15 digits (5 here).').waitFor();
  await form.getByText('Use 1 to 1440 minutes (2000 given).').waitFor();
  assert.equal((await api(page, 'callbacks/list', {})).body.rows.length, 0, 'nothing was sent');
  await screenshot(page, '20-callback-checked');

  await form.locator('input[name="phone"]').fill('+7 916 555-00-01');
  await form.locator('input[name="duration"]').fill('15');
  await form.locator('textarea[name="description"]').fill('Просил перезвонить после обеда');
  await form.getByRole('button', { name: 'Create callback' }).click();
  await page.getByText(/Callback for 79165550001 at .*: scheduled\./).waitFor();
  const row = page.locator('[data-testid="callback-row"][data-number="79165550001"]');
  await row.waitFor();

  // The sandbox (a simulated minute per second) calls it; the page follows without a reload.
  await page.waitForFunction(() => {
    const state = document.querySelector('[data-testid="callback-row"][data-number="79165550001"]')?.dataset.state;
    return state === 'talked' || state === 'failed';
  }, null, { timeout: 90_000 });
  const state = await row.getAttribute('data-state');
  const details = await row.locator('td').last().textContent();
  if (state === 'failed') assert.match(details, /: 1\d{3} /, 'the reason carries the end code');
  else assert.match(details, /of talk/);
  await screenshot(page, '21-callback-followed');

  // While one is open, a second for the same number needs a deliberate tick. It is due
  // tomorrow, so the sandbox (a simulated minute a second) cannot call it meanwhile.
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 16);
  await form.locator('input[name="start"]').fill(tomorrow);
  await form.locator('input[name="phone"]').fill('8 916 555 00 02');
  await form.getByRole('button', { name: 'Create callback' }).click();
  await page.getByText(/Callback for 79165550002/).waitFor();
  await form.locator('input[name="phone"]').fill('+79165550002');
  await form.getByRole('button', { name: 'Create callback' }).click();
  await page.getByText(/79165550002 already has a callback/).waitFor();
  await form.locator('input[name="allow_another"]').check();
  await form.getByRole('button', { name: 'Create callback' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="callback-row"][data-number="79165550002"]').length === 2);
  assert.deepEqual(page.errors, []);
});

/** A campaign created in the sandbox with these leads pushed (not started). */
async function campaignWithLeads(page, leads) {
  const day = [{ start: 540, end: 1080 }];
  const form = {
    name: 'Перезвоны', line_id: 400200001, author_user_id: null, priority: 'Normal', dial_mode: 'Simultaneous',
    timezone: 'Europe/Moscow', start_local: '', end_local: '',
    schedule: { days: [day, day, day, day, day, [], []] }, operators: [400100101],
    voice_message_id: null, hold_message_id: null, redial_if_busy: 1, redial_if_no_answer: 1,
    redial_if_unavailable: 1, answer_wait_seconds: 10, call_coefficient_tenths: 10,
    wait_if_busy_seconds: 60, wait_if_no_answer_seconds: 3600, wait_if_unavailable_seconds: 0, after_call_seconds: 0,
  };
  let id;
  for (let i = 0; i < 50 && !id; i++) {
    const saved = await api(page, 'campaigns/save', { id: null, form });
    if (saved.status === 200) id = saved.body.row.id;
    else await page.waitForTimeout(200);
  }
  assert.ok(id, 'saved once the directory arrived');
  assert.equal((await api(page, 'campaigns/act', { id, action: 'Create' })).status, 200);
  const csv = 'ФИО,Телефон\n' + leads.map(([name, phone]) => `${name},${phone}`).join('\n') + '\n';
  const uploaded = await page.request.post(`${server.url}/campaigns/${id}/leads/upload`, {
    multipart: { file: { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
    maxRedirects: 0,
  });
  const upload = Number(new URL(uploaded.headers().location, server.url).searchParams.get('upload'));
  assert.equal((await api(page, 'leads/accept', { upload_id: upload, batch_size: 100 })).status, 200);
  return id;
}

test('callbacks for leads chosen on the results page, with progress, never doubled', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  const campaign = await campaignWithLeads(page, [['Анна', '89161110001'], ['Борис', '89161110002'], ['Вера', '89161110003']]);
  await page.goto(`${server.url}/campaigns/${campaign}/results`);
  await hydrated(page);
  await page.getByTestId('results-table').waitFor();
  await page.getByRole('checkbox', { name: 'Select 79161110001' }).check();
  await page.getByRole('checkbox', { name: 'Select 79161110003' }).check();
  const panel = page.getByTestId('bulk-callback-form');
  await panel.getByText('The 2 selected leads').waitFor();

  // No operator chosen: said in place, nothing sent.
  await panel.getByRole('button', { name: 'Create callbacks' }).click();
  await panel.getByText('Choose at least one operator.').waitFor();
  const operators = panel.locator('input[name="operator"]');
  await operators.nth(0).check();
  await operators.nth(1).check();
  await panel.getByRole('button', { name: 'Create callbacks' }).click();
  const batch = page.getByTestId('callback-batch');
  await page.waitForSelector('[data-testid="callback-batch"][data-finished="true"]', { timeout: 30_000 });
  assert.equal(await batch.getAttribute('data-total'), '2');
  assert.match(await page.getByTestId('callback-batch-summary').textContent(), /100 %: 2 of 2 handled — 2 created, 0 refused, 0 skipped\./);
  // Created in MANGO; the first, due now, may already be ringing in the sandbox.
  const states = await batch.locator('[data-testid="batch-item"]').evaluateAll((items) => items.map((i) => i.dataset.state));
  assert.equal(states.length, 2);
  assert.ok(states.every((s) => ['scheduled', 'calling', 'talked', 'failed'].includes(s)), states.join(', '));
  await screenshot(page, '22-bulk-callbacks');

  // The same click again: the batch from before, nothing new.
  await panel.getByRole('button', { name: 'Create callbacks' }).click();
  await page.getByText('This request was made before: nothing new was created.').waitFor();
  assert.equal((await api(page, 'callbacks/list', {})).body.rows.filter((r) => r.campaign_id === campaign).length, 2);
  // The results table says which leads have a callback.
  await page.reload();
  await hydrated(page);
  const callbacks = await page.getByTestId('result-callback').allTextContents();
  assert.equal(callbacks.filter((c) => /^(Scheduled|Calling|Talked|Failed) \d{4}-/.test(c)).length, 2, callbacks.join(' | '));
  assert.deepEqual(page.errors, []);
});
