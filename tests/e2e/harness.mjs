// Starts a real Obzvon server (the built binary, a fresh data directory, a random port) and
// a headless Debian Chromium driven by playwright-core. Nothing here downloads a browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
