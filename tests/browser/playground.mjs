// The playground page in Chromium: the reference run trained in the page's worker must give the
// CLI's numbers, every loss and the 20 names, through a stop and a resume; the next-letter box
// must show a distribution and each head's attention; nothing may be logged as an error.
//
// scripts/test_playground.sh builds the page, serves it and runs this:
//   PLAYGROUND_URL=http://127.0.0.1:8000/playground.html CLI_OUTPUT=/tmp/cli.txt node tests/browser/playground.mjs
//
// Environment: PLAYGROUND_URL (required), CLI_OUTPUT (the output of `java -jar microgpt.jar train`,
// required), PLAYGROUND_FILE (the page on disk, to check the file:// hint; optional),
// CHROMIUM (default /usr/bin/chromium), BROWSER_OUT (screenshot folder, default build/browser).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const URL = process.env.PLAYGROUND_URL;
const CLI = process.env.CLI_OUTPUT;
const OUT = resolve(process.env.BROWSER_OUT || join(REPO, 'build', 'browser'));
if (!URL || !CLI) {
  console.error('playground: PLAYGROUND_URL and CLI_OUTPUT must be set (scripts/test_playground.sh sets them)');
  process.exit(2);
}

const results = [];
function check(name, ok, detail = '') {
  results.push(ok);
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
}

// The CLI's numbers: every step's loss (4 decimals), the 20 samples, the mean of the last 100.
const cli = readFileSync(CLI, 'utf8');
const cliLosses = [...cli.matchAll(/^step +\d+ \/ \d+ \| loss (\S+)$/gm)].map((m) => m[1]);
const cliSamples = [...cli.matchAll(/^sample +\d+: (.*)$/gm)].map((m) => m[1]);
const cliMean = (cli.match(/mean loss of the last 100 steps (\S+)/) || [])[1];
const cliMsPerStep = (cli.match(/\| ([\d.]+) ms\/step/) || [])[1];
if (cliLosses.length !== 1000 || cliSamples.length !== 20 || !cliMean) {
  console.error(`playground: ${CLI} is not the output of the reference run (found ${cliLosses.length} losses, ${cliSamples.length} samples)`);
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const errors = [];
let page = null;
try {
  page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('worker', (w) => w.on('console', (m) => { if (m.type() === 'error') errors.push(`worker: ${m.text()}`); }));

  await page.goto(URL);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Ready'), null, { timeout: 30000 });
  check('the library loads in the worker', true);

  // Start, stop part-way, check that it stays stopped, resume.
  // Start and Stop in one task: the worker gets the stop right after the start, so it stops after its
  // first slice of steps (about 40 ms) however busy the machine is.
  await page.evaluate(() => { document.getElementById('start').click(); document.getElementById('stop').click(); });
  await page.waitForFunction(() => !document.getElementById('resume').disabled, null, { timeout: 10000 });
  const stoppedAt = Number(await page.textContent('#step'));
  await page.waitForTimeout(300);
  const stillAt = Number(await page.textContent('#step'));
  check('Stop stops the run', stoppedAt === stillAt && stoppedAt < 1000, `at step ${stoppedAt}, ${stillAt} after 300 ms`);
  await page.click('#resume');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Done'), null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelectorAll('#samples li').length === 20, null, { timeout: 10000 });

  const run = await page.evaluate(() => window.playgroundRun());
  const losses = run.losses.map((l) => l.toFixed(4));
  const firstDiff = losses.findIndex((l, i) => l !== cliLosses[i]);
  check('1000 losses, every one the CLI\'s (4 decimals)', losses.length === 1000 && firstDiff < 0,
    firstDiff < 0 ? `step 1 ${losses[0]}, step 1000 ${losses[999]}` : `step ${firstDiff + 1}: page ${losses[firstDiff]}, CLI ${cliLosses[firstDiff]}`);
  check('step-1 loss 3.3660 and step-1000 loss 2.6497 on the page',
    (await page.textContent('#loss1')) === '3.3660' && (await page.textContent('#lossLast')) === '2.6497');
  const mean = await page.textContent('#mean100');
  check('mean of the last 100 steps as the CLI', mean === cliMean && mean === '2.2761', `page ${mean}, CLI ${cliMean}`);
  check('the 20 samples are the CLI\'s', JSON.stringify(run.samples) === JSON.stringify(cliSamples), run.samples.join(' '));
  check('validation losses every 100 steps', run.validations.length === 10 && run.validations.every((v) => v.loss > 1 && v.loss < 4),
    run.validations.map((v) => v.loss.toFixed(3)).join(' '));
  const msPerStep = Number(await page.textContent('#msPerStep'));
  check('ms/step is shown', msPerStep > 0, `page ${msPerStep} ms/step (${(msPerStep * 1000).toFixed(0)} ms for 1,000 steps); CLI ${cliMsPerStep} ms/step`);

  // The next-letter box.
  await page.fill('#prefix', 'em');
  await page.waitForFunction(() => document.querySelectorAll('#probs .bar').length === 10, null, { timeout: 10000 });
  const shares = await page.$$eval('#probs .bar span', (s) => s.map((e) => parseFloat(e.textContent)));
  const heads = await page.$$eval('#attention table.attention tr', (rows) => rows.length);
  const headRow = await page.$$eval('#attention table.attention tr:first-child td', (cells) => cells.map((c) => c.textContent));
  check('next letter after "em": ten most likely, largest first', shares.every((p, i) => i === 0 || p <= shares[i - 1]) && shares[0] > 5,
    shares.slice(0, 3).map((p) => `${p}%`).join(' '));
  check('attention: one row per head over BOS, e, m', heads === 5 && headRow.join(',') === 'layer 0,·,e,m', headRow.join(' '));
  await page.fill('#prefix', 'é');
  await page.waitForFunction(() => document.getElementById('nextError').textContent.includes('not in the model'), null, { timeout: 10000 });
  check('a letter outside the vocabulary gives a one-line error', true, await page.textContent('#nextError'));
  await page.fill('#prefix', 'em');
  await page.waitForFunction(() => document.getElementById('nextError').textContent === '', null, { timeout: 10000 });
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, 'playground.png'), fullPage: true });

  // A shape the library refuses: its one-line message on the page, and Start usable again.
  await page.fill('#nHead', '3');
  await page.click('#start');
  await page.waitForFunction(() => document.getElementById('status').className === 'error', null, { timeout: 10000 });
  const refused = await page.textContent('#status');
  check('n_head 3 with n_embd 16: the library\'s one-line error', refused.startsWith('n_embd (16) must be divisible by n_head (3)')
    && !(await page.isDisabled('#start')), refused);
  await page.click('#reset');
  await page.waitForTimeout(300);   // the worker's answer to Reset's stop, which must not be an error
  const afterReset = await page.textContent('#status');
  check('Reset brings back the reference settings, without an error', (await page.inputValue('#nHead')) === '4'
    && (await page.inputValue('#seed')) === '42' && (await page.getAttribute('#status', 'class')) !== 'error', afterReset);

  if (process.env.PLAYGROUND_FILE) {
    const local = await browser.newPage();
    await local.goto(pathToFileURL(process.env.PLAYGROUND_FILE).href);
    check('from file:// the page says how to serve it', await local.isVisible('#served-note'), (await local.textContent('#served-note')).trim());
    await local.close();
  }
  check('no console errors', errors.length === 0, errors.join(' | '));
} catch (e) {
  const status = page ? await page.textContent('#status').catch(() => '?') : '?';
  check('the playground run', false, `${String(e && e.message || e).split('\n')[0]} (page status: ${status}; errors: ${errors.join(' | ') || 'none'})`);
} finally {
  await browser.close();
}
const failed = results.filter((ok) => !ok).length;
console.log(`playground: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
