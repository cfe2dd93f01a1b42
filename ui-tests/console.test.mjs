// Drives the web console in Debian's headless Chromium (Playwright's playwright-core, no
// bundled browser) against a running master:
//   node console.test.mjs <master-url> --expect '{"cpus":4,"mem":1024}'
//        [--task-id ID --task-output TEXT] [--screenshot docs/console.png]
// Checks that the overview shows the expected totals and utilisation plots; with --task-id,
// prints READY_FOR_TASK, waits for the caller to launch that task, checks that it appears in the
// tasks page without a reload, that its stdout (read through the gateway's sandbox proxy)
// contains TEXT, and that the overview's cpus plot got the samples of its run. The screenshot,
// if asked for, is taken last, on the overview.
// Prints PASS and exits 0, or prints FAIL: <why> and exits 1.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { RecordIOParser } from '../src/main/resources/webroot/js/recordio.js';
import { UtilisationHistory } from '../src/main/resources/webroot/js/history.js';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WAIT_MS = 20000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    expect: { type: 'string', default: '{}' },
    'task-id': { type: 'string' },
    'task-output': { type: 'string', default: '' },
    screenshot: { type: 'string' },
  },
});
const master = positionals[0];
if (!master) {
  console.error('FAIL: usage: node console.test.mjs <master-url> --expect \'{"cpus":4}\' [--task-id ID --task-output TEXT] [--screenshot FILE]');
  process.exit(2);
}
const expected = JSON.parse(values.expect);
const step = text => console.log(`STEP ${text}`);

// The console's RecordIO parser, outside the browser: records split across chunks, several in
// one chunk, and lengths counted in bytes (a multi-byte character), as the stream delivers them.
{
  const bytes = new TextEncoder().encode('2\n{}13\n{"a":"\u00e9t\u00e9"}3\n[1]');
  const parser = new RecordIOParser();
  const records = [...parser.push(bytes.slice(0, 1)), ...parser.push(bytes.slice(1, 9)),
    ...parser.push(bytes.slice(9))];
  if (JSON.stringify(records) !== JSON.stringify(['{}', '{"a":"\u00e9t\u00e9"}', '[1]'])) {
    console.log(`FAIL: RecordIO parser read ${JSON.stringify(records)}`);
    process.exit(1);
  }
  step('RecordIO parser reads split and multi-byte records');
}

// The plots' history, outside the browser: a burst within the spacing is one point, samples
// older than the window go (the newest of them stays: it held until the next), and the last
// value holds until now.
{
  const history = new UtilisationHistory({ windowMs: 10000, minSpacingMs: 1000 });
  const sharing = cpus => ({ allocated: { cpus }, total: { cpus: 4 } });
  history.record(sharing(0), 0);
  history.record(sharing(1), 2000);
  history.record(sharing(2), 2500);
  history.record(sharing(3), 14000);
  const series = history.series('cpus', 15000);
  const shown = JSON.stringify(series.map(p => [p.t, p.allocated, p.total]));
  if (shown !== JSON.stringify([[2500, 2, 4], [14000, 3, 4], [15000, 3, 4]]) || history.size !== 2) {
    console.log(`FAIL: utilisation history kept ${shown}`);
    process.exit(1);
  }
  step('utilisation history coalesces bursts and forgets beyond its window');
}

const userDataDir = mkdtempSync(join(tmpdir(), 'meseta-console-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const pageErrors = [];
  page.on('pageerror', error => pageErrors.push(error.message));
  let loads = 0;
  page.on('load', () => { loads += 1; });

  step('overview shows the cluster totals');
  await page.goto(`${master}/#/overview`);
  for (const [resource, total] of Object.entries(expected)) {
    await page.waitForFunction(([name, value]) => {
      const cell = document.querySelector(`[data-resource="${name}"] .total`);
      return cell && Number(cell.textContent) === value;
    }, [resource, total], { timeout: WAIT_MS }).catch(async () => {
      const shown = await page.locator(`[data-resource="${resource}"] .total`).textContent({ timeout: 1000 }).catch(() => 'nothing');
      throw new Error(`overview shows ${resource} total '${shown}', expected ${total}`);
    });
  }
  await page.waitForSelector('#live[data-state="live"]', { timeout: WAIT_MS })
    .catch(() => { throw new Error('the operator event stream never became live'); });
  await page.locator('[data-count="active agents"] .big').waitFor({ timeout: WAIT_MS });

  step('overview plots utilisation per resource');
  for (const resource of Object.keys(expected)) {
    await page.locator(`[data-plot="${resource}"] svg.plot polyline`).waitFor({ state: 'attached', timeout: WAIT_MS })
      .catch(() => { throw new Error(`no utilisation plot for ${resource} on the overview`); });
  }
  const samplesBefore = Number(await page.locator('[data-plot="cpus"]').getAttribute('data-samples'));

  if (values['task-id']) {
    const taskId = values['task-id'];
    step('tasks page follows the event stream');
    await page.click('nav a[data-view="tasks"]');
    await page.waitForSelector('#view[data-view="tasks"]', { timeout: WAIT_MS });
    await page.evaluate(() => { window.consoleTestMarker = 'still the same page'; });
    const loadsBefore = loads;
    console.log('READY_FOR_TASK');
    const row = page.locator('tbody tr', { has: page.locator('code.task-id', { hasText: taskId }) });
    await row.waitFor({ timeout: WAIT_MS })
      .catch(() => { throw new Error(`task ${taskId} did not appear in the tasks page within ${WAIT_MS} ms`); });
    const marker = await page.evaluate(() => window.consoleTestMarker);
    if (marker !== 'still the same page' || loads !== loadsBefore) {
      throw new Error('the tasks page reloaded to show the task; it must update live');
    }

    step('task stdout is readable from its sandbox');
    await row.locator('a[data-file="stdout"]').click();
    await page.waitForFunction(text => document.getElementById('file-content')?.textContent.includes(text),
      values['task-output'], { timeout: WAIT_MS }).catch(async () => {
      const shown = await page.locator('#view').textContent().catch(() => 'nothing');
      const problem = await page.locator('#problem').textContent().catch(() => '');
      throw new Error(`stdout of ${taskId} never showed '${values['task-output']}'; page: ${shown.slice(0, 300)} ${problem}`);
    });

    step('the cpus plot got the samples of the task\'s run');
    await page.click('nav a[data-view="overview"]');
    await page.waitForFunction(before => {
      const plot = document.querySelector('[data-plot="cpus"]');
      return plot && Number(plot.dataset.samples) > before && Number(plot.dataset.peak) > 0
        && plot.querySelector('polyline').getAttribute('points').split(' ').length > 2;
    }, samplesBefore, { timeout: WAIT_MS }).catch(async () => {
      const plot = page.locator('[data-plot="cpus"]');
      const seen = `samples ${await plot.getAttribute('data-samples').catch(() => '?')}, peak ${await plot.getAttribute('data-peak').catch(() => '?')}`;
      throw new Error(`the cpus plot did not record the task (had ${samplesBefore} samples before; now ${seen})`);
    });
  }
  if (values.screenshot) {
    await page.click('nav a[data-view="overview"]');
    await page.locator('[data-plot="cpus"] svg.plot').waitFor({ timeout: WAIT_MS });
    await page.screenshot({ path: values.screenshot, fullPage: true });
    step(`screenshot written to ${values.screenshot}`);
  }
  if (pageErrors.length > 0) {
    throw new Error(`the page threw: ${pageErrors.join('; ')}`);
  }
  console.log('PASS');
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(0);
} catch (error) {
  console.log(`FAIL: ${error.message}`);
  await context?.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
  process.exit(1);
}
