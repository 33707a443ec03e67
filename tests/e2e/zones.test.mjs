// The campaign form's live UTC preview runs in the browser with the browser's own time-zone
// database (Intl, app/src/api/zone.rs); the server converts with chrono-tz when it saves. For
// zones with and without daylight saving, odd offsets, the days the clocks change and a zone
// nobody knows, what the browser shows before saving must be what the server computes for the
// same form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, signIn, openNewCampaign, screenshot, ADMIN_PASSWORD } from './harness.mjs';

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

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hhmm = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const FIELDS = ['timezone', 'start_local', 'end_local'];

// Last Sundays of March and October 2027 are the 28th and the 31st (Berlin, 02:00 and 03:00);
// St John's moves on the second Sunday of March (the 14th) and the first of November (the 7th).
const CASES = [
  { zone: 'Europe/Moscow', start: '2026-12-01T08:00', end: '' },
  { zone: 'Europe/Moscow', start: '', end: '' },
  { zone: 'Asia/Kamchatka', start: '2027-01-11T09:00', end: '2027-02-01T18:00' },
  { zone: 'Europe/Berlin', start: '2027-03-22T09:00', end: '2027-04-05T18:00' },
  { zone: 'Europe/Berlin', start: '2027-03-28T01:59', end: '' },
  { zone: 'Europe/Berlin', start: '2027-03-28T02:30', end: '' },
  { zone: 'Europe/Berlin', start: '2027-03-28T03:00', end: '' },
  { zone: 'Europe/Berlin', start: '2027-10-25T09:00', end: '2027-11-08T18:00' },
  { zone: 'Europe/Berlin', start: '2027-10-31T02:30', end: '' },
  { zone: 'Europe/Berlin', start: '2027-10-31T03:00', end: '' },
  { zone: 'Europe/Berlin', start: '', end: '' },
  { zone: 'America/St_Johns', start: '2027-03-01T09:00', end: '2027-03-31T18:00' },
  { zone: 'America/St_Johns', start: '2027-03-14T02:30', end: '' },
  { zone: 'America/St_Johns', start: '2027-11-07T01:30', end: '2027-11-20T18:00' },
  { zone: 'Asia/Kathmandu', start: '2026-12-01T00:00', end: '' },
  { zone: 'Mars/Olympus', start: '2026-12-01T09:00', end: '' },
];

/** What the page shows: the preview (windows, dates, warnings) and the three fields' messages. */
async function shown(page) {
  return page.evaluate((fields) => {
    const preview = document.querySelector('[data-testid="utc-preview"]');
    const blocked = preview.querySelector('p.muted') !== null;
    const messages = {};
    for (const field of fields) {
      const control = document.querySelector(`[name="${field}"]`);
      messages[field] = control?.closest('label')?.querySelector('.field-error')?.textContent ?? null;
    }
    return {
      windows: blocked ? null : [...preview.querySelectorAll('[data-testid="utc-window"]')].map((e) => e.textContent),
      dates: blocked ? null : preview.querySelector('.field-hint')?.textContent ?? null,
      warnings: blocked ? null : [...preview.querySelectorAll('.warnings li')].map((e) => e.textContent),
      messages,
    };
  }, FIELDS);
}

/** The same, as the server computes it when the form is saved (the page's own fetch, so its
 * session and language). */
async function computedByServer(page, form) {
  const { status, body } = await page.evaluate(async (form) => {
    const response = await fetch('/api/campaigns/save', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: null, form }),
    });
    return { status: response.status, body: await response.json() };
  }, form);
  const messages = Object.fromEntries(FIELDS.map((f) => [f, null]));
  if (status !== 200) {
    assert.equal(status, 422, JSON.stringify(body));
    for (const { field, message } of body.Invalid) if (field in messages) messages[field] = message;
    return { windows: null, dates: null, warnings: null, messages };
  }
  const schedule = body.mango_schedule;
  return {
    windows: schedule.windows.map((w) => `${WEEKDAYS[w.weekday - 1]} ${hhmm(w.start)}–${hhmm(w.end)}`),
    dates: `start_date: ${schedule.start_date ?? 'not set'} · end_date: ${schedule.end_date ?? 'not set'}`,
    warnings: schedule.warnings,
    messages,
  };
}

test('the browser previews every zone and clock change exactly as the server converts it', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  await openNewCampaign(page, server.url);

  // A complete form, so that only the schedule decides what the preview shows: the draft's
  // office hours (Monday to Friday 09:00–18:00) and Sunday 20:00–24:00, which crosses UTC
  // midnight east and west.
  await page.fill('input[name="name"]', 'Часовые пояса');
  await page.selectOption('select[name="line_id"]', { index: 1 });
  const line = Number(await page.locator('select[name="line_id"]').inputValue());
  await page.getByRole('button', { name: 'Add a window on Sunday' }).click();
  // The end first (20:00–18:00 on the way would be refused). Each change redraws the day a
  // moment later, so a time counts as set once the redrawn field still shows it.
  const setTime = async (label, value) => {
    for (let i = 0; i < 20; i++) {
      await page.getByLabel(label).fill(value);
      await page.getByLabel(label).dispatchEvent('change');
      await page.waitForTimeout(150);
      if ((await page.getByLabel(label).inputValue()) === value) return;
    }
    throw new Error(`${label} never kept ${value}`);
  };
  await setTime('Sunday window 1 to', '24:00');
  await setTime('Sunday window 1 from', '20:00');
  const operator = page.locator('[data-testid="operator-list"] label', { hasText: 'Анна Смирнова' }).locator('input');
  await operator.check();

  const form = {
    name: 'Часовые пояса', line_id: line, author_user_id: null, priority: 'Normal', dial_mode: 'Simultaneous',
    schedule: { days: [...Array(5).fill([{ start: 540, end: 1080 }]), [], [{ start: 1200, end: 1440 }]] },
    operators: [400100101], voice_message_id: null, hold_message_id: null, redial_if_busy: 3,
    redial_if_no_answer: 3, redial_if_unavailable: 3, answer_wait_seconds: 30, call_coefficient_tenths: 10,
    wait_if_busy_seconds: 300, wait_if_no_answer_seconds: 3600, wait_if_unavailable_seconds: 3600,
    after_call_seconds: 30,
  };

  const results = [];
  for (const { zone, start, end } of CASES) {
    // A zone the server does not offer is not in the list: add it, as a stored draft could have it.
    await page.evaluate((zone) => {
      const select = document.querySelector('select[name="timezone"]');
      if (![...select.options].some((o) => o.value === zone)) select.add(new Option(zone, zone));
    }, zone);
    await page.selectOption('select[name="timezone"]', zone);
    await page.fill('input[name="start_local"]', start);
    await page.fill('input[name="end_local"]', end);

    const expected = await computedByServer(page, { ...form, timezone: zone, start_local: start, end_local: end });
    // The preview follows the inputs as they change: give it a moment to settle on the answer.
    let actual = await shown(page);
    for (let i = 0; i < 20 && JSON.stringify(actual) !== JSON.stringify(expected); i++) {
      await page.waitForTimeout(100);
      actual = await shown(page);
    }
    const onPage = await page.locator('.field-error').allTextContents();
    assert.deepEqual(actual, expected,
      `${zone}, from "${start}" to "${end}": the browser's preview against the server's (messages on the page: ${onPage.join(' | ')})`);
    results.push({ zone, start, ...actual });
  }
  await screenshot(page, 'zones-preview');

  // Not only equal, also right: the rules the server's unit tests hold, now seen in the browser.
  const at = (zone, start) => results.find((r) => r.zone === zone && r.start === start);
  const weekdays = (start, end) => WEEKDAYS.slice(0, 5).map((day) => `${day} ${start}–${end}`);
  assert.deepEqual(at('Europe/Moscow', '2026-12-01T08:00').windows, [...weekdays('06:00', '15:00'), 'Sunday 17:00–21:00']);
  // UTC+12: each weekday's hours begin the evening before in UTC.
  assert.deepEqual(at('Asia/Kamchatka', '2027-01-11T09:00').windows, [
    'Monday 00:00–06:00', 'Monday 21:00–24:00', 'Tuesday 00:00–06:00', 'Tuesday 21:00–24:00',
    'Wednesday 00:00–06:00', 'Wednesday 21:00–24:00', 'Thursday 00:00–06:00', 'Thursday 21:00–24:00',
    'Friday 00:00–06:00', 'Sunday 08:00–12:00', 'Sunday 21:00–24:00',
  ]);
  assert.deepEqual(at('Asia/Kathmandu', '2026-12-01T00:00').windows, [...weekdays('03:15', '12:15'), 'Sunday 14:15–18:15']);
  assert.deepEqual(at('America/St_Johns', '2027-03-01T09:00').windows.slice(0, 2), ['Monday 00:00–03:30', 'Monday 12:30–21:30']);
  assert.match(at('Europe/Berlin', '2027-03-22T09:00').warnings[0], /2027-03-28 \(Sun\).*an hour earlier/);
  assert.match(at('Europe/Berlin', '2027-10-25T09:00').warnings[0], /2027-10-31 \(Sun\).*an hour later/);
  assert.match(at('Europe/Berlin', '2027-03-28T02:30').messages.start_local, /2027-03-28 02:30 does not exist in Europe\/Berlin/);
  assert.match(at('Europe/Berlin', '2027-10-31T02:30').dates, /^start_date: 2027-10-31 00:30:00 /, 'a repeated time is its first occurrence');
  assert.match(at('Europe/Berlin', '2027-10-31T03:00').dates, /^start_date: 2027-10-31 02:00:00 /);
  assert.match(at('America/St_Johns', '2027-03-14T02:30').messages.start_local, /does not exist/);
  assert.match(at('America/St_Johns', '2027-11-07T01:30').dates, /^start_date: 2027-11-07 04:00:00 /);
  assert.equal(at('Mars/Olympus', '2026-12-01T09:00').messages.timezone, '"Mars/Olympus" is not a known time zone.');
  assert.deepEqual(page.errors, []);
});
