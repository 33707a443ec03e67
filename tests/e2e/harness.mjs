// Starts a real Obzvon server (the built binary, a fresh data directory, a random port) and
// a headless Debian Chromium driven by playwright-core. Nothing here downloads a browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { words } from './words.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const artifacts = path.join(here, 'artifacts');
// Where cargo built the server and scripts/build-site.sh the site: target/ unless
// CARGO_TARGET_DIR says otherwise (as it does for cargo and the build script).
export const targetDir = path.resolve(repoRoot, process.env.CARGO_TARGET_DIR ?? 'target');
export const ADMIN_PASSWORD = 'first-admin-password-1';

const ANSI = /\x1b\[[0-9;]*m/g;

export async function startServer({ extraEnv = {}, args = ['serve'] } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'obzvon-e2e-'));
  const binary = path.join(targetDir, 'debug', 'server');
  const child = spawn(binary, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      OBZVON_BIND: '127.0.0.1:0',
      OBZVON_DATA_DIR: dataDir,
      OBZVON_SITE_ROOT: path.join(targetDir, 'site'),
      OBZVON_ADMIN_PASSWORD: ADMIN_PASSWORD,
      OBZVON_MANGO_LOOPBACK_ONLY: 'true',
      OBZVON_LOG: 'info,tower_http=warn',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${log}`)), 60_000);
    const onData = (chunk) => {
      log += chunk.toString().replace(ANSI, '');
      const match = log.match(/listening on (http:\/\/[0-9.:]+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
      // Keep the server's log with the screenshots, and show its errors in the test output.
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(path.join(artifacts, `server-${path.basename(dataDir)}.log`), log);
      const problems = log.split('\n').filter((line) => / (ERROR|WARN) /.test(line));
      if (problems.length > 0) console.error(`server errors and warnings:\n${problems.join('\n')}`);
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A new page that records browser-side errors, so a test can assert there were none. Its
 * browser reads `lang` (English unless asked: most tests check English wording); `page.tr`
 * turns the English wording a test is written in into the page's language. */
export async function newPage(browser, { lang = 'en' } = {}) {
  const locale = lang === 'ru' ? 'ru-RU' : 'en-US';
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
  const page = await context.newPage();
  page.tr = words(lang);
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  // Refusals the tests provoke on purpose (wrong password, a forbidden or missing page, a
  // second callback for a number that has one) are logged by Chromium as failed loads;
  // anything else is a real error.
  const expected = /^Failed to load resource: the server responded with a status of (401|403|404|409|422)/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected.test(message.text())) {
      // Name the request that failed, so a failure report says where to look.
      const where = message.location()?.url;
      page.errors.push(where ? `${message.text()} (${where})` : message.text());
    }
  });
  return page;
}

/** Waits until the wasm bundle has hydrated the page. */
export async function hydrated(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
}

export async function signIn(page, baseUrl, username, password) {
  await page.goto(`${baseUrl}/login`);
  await hydrated(page);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/campaigns$/, { timeout: 15_000 });
}

export async function signOut(page) {
  await page.getByRole('button', { name: page.tr('Sign out') }).click();
  await page.waitForURL(/\/login/, { timeout: 15_000 });
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

export async function menuEntries(page) {
  await page.locator('nav.menu a').first().waitFor();
  return page.locator('nav.menu a').allTextContents();
}

/// Opens the new-campaign form once it offers operators: the directory is fetched in the
/// background at start.
export async function openNewCampaign(page, url) {
  for (let i = 0; i < 50; i++) {
    await page.goto(`${url}/campaigns/new`);
    await hydrated(page);
    if ((await page.locator('[data-testid="operator-list"] input[type="checkbox"]').count()) >= 10) return;
    await page.waitForTimeout(200);
  }
  throw new Error('the directory never reached the campaign form');
}

/** Calls a server function as the page's signed-in user. */
export async function apiCall(page, baseUrl, endpoint, data) {
  const response = await page.request.post(`${baseUrl}/api/${endpoint}`, { data });
  const text = await response.text();
  return { status: response.status(), body: text ? JSON.parse(text) : null, text };
}

/** A campaign that calls around the clock, each lead once, created in the sandbox with its
 * leads pushed (not started); returns its id. */
export async function campaignWithLeads(page, baseUrl, leads) {
  const api = (page, endpoint, data) => apiCall(page, baseUrl, endpoint, data);
  const day = [{ start: 0, end: 1440 }];
  const form = {
    name: 'Живая доска', line_id: 400200001, author_user_id: null, priority: 'Normal', dial_mode: 'Simultaneous',
    timezone: 'Europe/Moscow', start_local: '', end_local: '',
    schedule: { days: [day, day, day, day, day, day, day] }, operators: [400100101, 400100102, 400100103],
    voice_message_id: null, hold_message_id: null, redial_if_busy: 1, redial_if_no_answer: 1,
    redial_if_unavailable: 1, answer_wait_seconds: 10, call_coefficient_tenths: 10,
    wait_if_busy_seconds: 60, wait_if_no_answer_seconds: 3600, wait_if_unavailable_seconds: 0,
    after_call_seconds: 0,
  };
  let id;
  for (let i = 0; i < 50 && !id; i++) {
    const saved = await api(page, 'campaigns/save', { id: null, form });
    if (saved.status === 200) id = saved.body.row.id;
    else await page.waitForTimeout(200);
  }
  assert.ok(id, 'the campaign was saved once the directory arrived');
  const created = await api(page, 'campaigns/act', { id, action: 'Create' });
  assert.equal(created.status, 200, created.text);

  const csv = 'ФИО,Телефон\n' + leads.map(([name, phone]) => `${name},${phone}`).join('\n') + '\n';
  const uploaded = await page.request.post(`${baseUrl}/campaigns/${id}/leads/upload`, {
    multipart: { file: { name: 'leads.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) } },
    maxRedirects: 0,
  });
  const upload = Number(new URL(uploaded.headers().location, baseUrl).searchParams.get('upload'));
  assert.ok(upload > 0, `uploaded: ${uploaded.headers().location}`);
  const accepted = await api(page, 'leads/accept', { upload_id: upload, batch_size: 100 });
  assert.equal(accepted.status, 200, accepted.text);
  for (let i = 0; i < 100; i++) {
    const overview = await api(page, 'leads/overview', { campaign_id: id });
    if (overview.body.push.state === 'done') break;
    await page.waitForTimeout(100);
  }
  return id;
}
