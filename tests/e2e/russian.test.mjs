// Obzvon in Russian: a first visit is Russian with 24-hour times; every page, as each role, on
// the demo's data (a finished campaign, its board, results and callbacks) shows no English UI
// word; the Account page switches to English and back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, newPage, hydrated, screenshot, ADMIN_PASSWORD } from './harness.mjs';

let server;
let browser;
let passwords;

before(async () => {
  server = await startServer({ args: ['serve', '--demo'] });
  browser = await launchBrowser();
  // The demo prints its people's generated passwords once, then plays the story (~30 s).
  const deadline = Date.now() + 240_000;
  let match;
  while (!(match = server.log().match(/campaign \d+ finished/)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(match, `the demo did not finish its campaign:\n${server.log()}`);
  const people = server.log().match(/sign in as `marina` \(marketer\) with password `([^`]+)`, or as `leonid` \(team lead\) with `([^`]+)`/);
  assert.ok(people, 'the demo printed its passwords');
  passwords = { admin: ADMIN_PASSWORD, marina: people[1], leonid: people[2] };
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Latin words a Russian page may show: names of products, formats and protocols, and the
 * data on the pages that is Latin by nature (user names, time zones, addresses). */
const ALLOWED = new Set([
  'Obzvon', 'OBZVON', 'MANGO', 'OFFICE', 'CSV', 'XLSX', 'XLS', 'ODS', 'SIP', 'API', 'UTC', 'URL', 'ID', 'HTTP', 'HTTPS', 'JSON',
  'Excel', 'English', 'admin', 'marina', 'leonid', 'MSK', 'YEKT', 'vpbx', 'TXT', 'UTF', 'Windows',
  // MANGO's own names of its directory parts and line kind, shown beside the Russian words.
  'incominglines', 'audiofiles', 'LINE',
  // The first administrator's display name, as the installation created it (data).
  'Administrator',
]);

/** Every Latin word a person can read on the page: text, button and field labels,
 * placeholders, titles; minus what is data (addresses, zones, file names, identifiers). */
async function englishWords(page) {
  const texts = await page.evaluate(() => {
    // A select's innerText is every option's; options are read one by one below instead.
    for (const select of document.querySelectorAll('select')) select.style.display = 'none';
    const out = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[placeholder],[title],[aria-label]')) {
      for (const name of ['placeholder', 'title', 'aria-label']) {
        const text = el.getAttribute(name);
        // A tooltip that is a bare code (the audit action's stored name) is data.
        if (text && !(name === 'title' && /^[a-z_]+$/.test(text))) out.push(text);
      }
    }
    // An option whose text is its value is a datum (a time zone's name), not a UI word.
    for (const option of document.querySelectorAll('option')) if (option.textContent !== option.value) out.push(option.textContent);
    return out;
  });
  const words = new Set();
  for (const text of texts) {
    const cleaned = text
      .replace(/https?:\/\/\S+/g, ' ')          // addresses
      .replace(/\S*\/[\w\/.-]+/g, ' ')           // paths: …/events/summary, config/users/request, Asia/Omsk
      .replace(/\b[A-Za-z_]+\/[A-Za-z_\/+-]+/g, ' ') // time zones such as Asia/Yekaterinburg
      .replace(/\S+\.(csv|xlsx|xls|ods)\b/gi, ' ')  // file names
      .replace(/\S+@\S+/g, ' ')                  // SIP addresses
      .replace(/\b[A-Za-z]+_[A-Za-z0-9_]+\b/g, ' '); // identifiers: settings such as OBZVON_WEBHOOK_SOURCES
    for (const word of cleaned.match(/[A-Za-z]{2,}/g) ?? []) if (!ALLOWED.has(word)) words.add(word);
  }
  return [...words];
}

async function signInAs(page, username) {
  await page.goto(`${server.url}/login`);
  await hydrated(page);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', passwords[username]);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/campaigns$/, { timeout: 15_000 });
}

test('a first visit is in Russian', async () => {
  const page = await newPage(browser, { lang: 'ru' });
  await page.goto(`${server.url}/login`);
  await hydrated(page);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  assert.equal(await page.locator('h1').textContent(), 'Вход');
  assert.match(await page.title(), /^Вход · Obzvon$/);
  assert.deepEqual(await englishWords(page), []);
  await page.close();
});

test('every page, as each role, in Russian: no English UI word', async () => {
  const pages = {
    marina: ['/campaigns', '/campaigns/new', '/campaigns/1', '/campaigns/1/edit', '/campaigns/1/board', '/campaigns/1/results', '/directory', '/account'],
    leonid: ['/campaigns', '/campaigns/1', '/campaigns/1/leads', '/do-not-call', '/campaigns/1/board', '/campaigns/1/results', '/callbacks', '/directory', '/account', '/settings'],
    admin: ['/campaigns', '/campaigns/1', '/campaigns/1/leads', '/do-not-call', '/campaigns/1/results', '/callbacks', '/settings', '/users', '/audit', '/account', '/no-such-page'],
  };
  const found = [];
  for (const [username, paths] of Object.entries(pages)) {
    const page = await newPage(browser, { lang: 'ru' });
    await signInAs(page, username);
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      await hydrated(page);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.locator('html').getAttribute('lang'), 'ru', path);
      const words = await englishWords(page);
      if (words.length > 0) found.push(`${username} ${path}: ${words.join(', ')}`);
      await screenshot(page, `ru-${username}${path.replaceAll('/', '-')}`);
    }
    assert.deepEqual(page.errors, [], `${username}: browser errors`);
    await page.close();
  }
  assert.deepEqual(found, [], `English words on Russian pages:\n${found.join('\n')}`);
});

test('the Account page switches to English and back, and the choice stays with the account', async () => {
  const page = await newPage(browser, { lang: 'ru' });
  await signInAs(page, 'leonid');
  await page.goto(`${server.url}/account`);
  await hydrated(page);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByRole('button', { name: 'Сохранить язык' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 15_000 });
  await hydrated(page);
  await page.getByRole('heading', { name: 'Your account' }).waitFor();
  await page.goto(`${server.url}/campaigns`);
  await page.getByRole('link', { name: 'Campaigns', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en', 'the saved choice beats the browser (ru)');

  await page.goto(`${server.url}/account`);
  await hydrated(page);
  await page.getByTestId('language-select').selectOption('ru');
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'ru', null, { timeout: 15_000 });
  await page.getByRole('heading', { name: 'Ваша учётная запись' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.close();
});
