// Call recordings in the browser: a campaign runs in the built-in sandbox, which records its
// talked calls; Results plays one in the page (the audio element learns its duration, so the
// audio really came through Obzvon's route from a one-time link), shows what was said, finds
// the call by words said in it, and filters by the topic MANGO's analytics gave it.
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

/** The results once a recording's transcript is ready and some call has a topic. */
async function resultsWithTranscript(page, campaign) {
  // The server asks MANGO 20 s after a call's recording completes, then every 30 s and more.
  for (let i = 0; i < 120; i++) {
    const { body } = await api(page, 'results/get', { campaign_id: campaign, filter: {} });
    const recordings = body.rows.flatMap((row) => row.recordings);
    const ready = recordings.find((r) => r.status === 'Stored' && r.transcript === 'Ready');
    if (ready && body.topics.length > 0) return { body, ready };
    await page.waitForTimeout(1000);
  }
  assert.fail('no transcript arrived in two minutes');
}

test('a recording plays in Results, and calls are found by what was said and by topic', async () => {
  const page = await newPage(browser);
  await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  const leads = Array.from({ length: 8 }, (_, i) => [`Клиент ${i + 1}`, `8916765430${i}`]);
  const campaign = await campaignWithLeads(page, server.url, leads);
  const started = await api(page, 'campaigns/act', { id: campaign, action: 'Start' });
  assert.equal(started.status, 200, started.text);
  const { body, ready } = await resultsWithTranscript(page, campaign);

  await page.goto(`${server.url}/campaigns/${campaign}/results`);
  await hydrated(page);
  await page.getByTestId('results-table').waitFor();
  const listen = page.getByTestId('listen').first();
  await listen.click();
  const audio = page.getByTestId('recording-audio');
  await audio.waitFor();
  await page.waitForFunction(() => {
    const element = document.querySelector('[data-testid="recording-audio"]');
    return element && Number.isFinite(element.duration) && element.duration > 0;
  }, null, { timeout: 20_000 });
  const duration = await audio.evaluate((element) => element.duration);
  assert.ok(duration >= 1 && duration <= 10, `the sandbox's recordings last 2–8 s: ${duration}`);
  assert.match(await page.getByTestId('recording-download').getAttribute('href'), /^\/recordings\/\d+\/download$/);
  await screenshot(page, '30-recording-playing');

  // What was said, turn by turn, under the call.
  const { body: transcript } = await api(page, 'recordings/transcript', { recording: ready.id });
  // Open the transcript of the recording whose text is known.
  const owner = body.rows.find((r) => r.recordings.some((rec) => rec.id === ready.id));
  const ownerRow = page.getByTestId('result-row').filter({ hasText: owner.number });
  await ownerRow.getByTestId('show-transcript').first().click();
  const turns = ownerRow.getByTestId('transcript').first().locator('li');
  await turns.first().waitFor();
  assert.equal(await turns.count(), transcript.phrases.length);
  assert.equal(await turns.first().getAttribute('data-speaker'), transcript.phrases[0].speaker.toLowerCase());

  // Search in what was said: a word of the client's, in capitals.
  const clientSaid = transcript.phrases.find((p) => p.speaker === 'Client').text;
  const word = clientSaid.split(/[^\p{L}\p{N}]+/u).filter(Boolean).sort((a, b) => b.length - a.length)[0];
  await page.fill('[data-testid="filter-said"]', word.toUpperCase());
  await page.press('[data-testid="filter-said"]', 'Enter');
  const match = page.getByTestId('said-match').first();
  await match.waitFor({ timeout: 15_000 });
  assert.match((await match.textContent()).toLowerCase(), new RegExp(word.toLowerCase()));
  const matchedRows = await page.getByTestId('result-row').count();
  assert.ok(matchedRows >= 1 && matchedRows <= 8);
  assert.ok(await page.getByTestId('result-row').filter({ hasText: owner.number }).count() === 1, 'the call whose words they are');
  await screenshot(page, '31-results-said');
  await page.fill('[data-testid="filter-said"]', '');
  await page.press('[data-testid="filter-said"]', 'Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="results-matching"]')?.textContent === '8 matching');

  // Filter by topic: every row left carries it.
  const topic = body.topics[0];
  await page.selectOption('[data-testid="filter-topic"]', topic);
  await page.waitForFunction(() => document.querySelector('[data-testid="results-matching"]')?.textContent !== '8 matching');
  const chips = await page.getByTestId('result-row').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('[data-testid="recording-topics"] li')].map((li) => li.textContent)));
  assert.ok(chips.length >= 1 && chips.every((names) => names.includes(topic)), JSON.stringify(chips));

  // The export of all leads, with what was said when asked.
  await page.selectOption('[data-testid="filter-topic"]', '');
  await page.waitForFunction(() => document.querySelector('[data-testid="results-matching"]')?.textContent === '8 matching');
  await page.getByTestId('export-transcripts').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  assert.match(csv.split(/\r?\n/)[0], /;Topics;Transcript$/);
  assert.ok(csv.includes(`Client: ${clientSaid}`), 'the transcript, turn by turn');
  assert.deepEqual(page.errors, []);
});
