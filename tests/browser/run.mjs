// The course in a real browser, the way a learner uses it: open a chapter in JupyterLab, choose
// Run → Run All Cells, wait for the Java kernel to finish, and look at what is on the screen.
//
// scripts/test_browser.sh starts JupyterLab and runs this; to run it against a JupyterLab you
// started yourself (on notebooks/, with a token):
//
//   JUPYTER_URL=http://127.0.0.1:8899 JUPYTER_TOKEN=secret node tests/browser/run.mjs
//
// Environment:
//   JUPYTER_URL         the server's base URL (required)
//   JUPYTER_TOKEN       its token (required)
//   BROWSER_CHAPTERS    comma-separated notebooks to run
//                       (default: 00-welcome.ipynb,06-training.ipynb,07-sampling.ipynb)
//   BROWSER_TIMEOUT     seconds one chapter may take to run all its cells (default 120)
//   BROWSER_OUT         where the screenshots go (default: <repo>/build/browser)
//   BROWSER_NOTEBOOK_DIR  the folder JupyterLab serves (default: <repo>/notebooks)
//   CHROMIUM            the browser binary (default: /usr/bin/chromium)
//
// Every check prints one line, PASS or FAIL with the reason; the last line is
// `browser: N passed, N failed`, and the exit status is 1 when any check failed.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const NOTEBOOKS = resolve(process.env.BROWSER_NOTEBOOK_DIR || join(REPO, 'notebooks'));
const BASE = (process.env.JUPYTER_URL || '').replace(/\/+$/, '');
const TOKEN = process.env.JUPYTER_TOKEN || '';
const CHAPTERS = (process.env.BROWSER_CHAPTERS || '00-welcome.ipynb,06-training.ipynb,07-sampling.ipynb')
  .split(',').map((s) => s.trim()).filter(Boolean);
const RUN_TIMEOUT_MS = Number(process.env.BROWSER_TIMEOUT || 120) * 1000;
const OUT = resolve(process.env.BROWSER_OUT || join(REPO, 'build', 'browser'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STDERR_MIME = 'application/vnd.jupyter.stderr';

if (!BASE || !TOKEN) {
  console.error('browser: JUPYTER_URL and JUPYTER_TOKEN must be set (scripts/test_browser.sh sets them)');
  process.exit(2);
}

// ------------------------------------------------------------------------------------ reporting
const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `: ${detail}` : ''}`);
  return ok;
}
const note = (msg) => console.log(`      ${msg}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------ server API
async function api(path, options = {}) {
  const res = await fetch(`${BASE}${path}`, {
    ...options,
    headers: { Authorization: `token ${TOKEN}`, ...(options.headers || {}) },
  });
  if (!res.ok) throw new Error(`${options.method || 'GET'} ${path}: HTTP ${res.status}`);
  return res.status === 204 ? null : res.json();
}
async function sessionFor(name) {
  const sessions = await api('/api/sessions');
  return sessions.find((s) => s.path === name || s.notebook?.path === name) || null;
}

// ------------------------------------------------------------------------------------ kernel messages
// JupyterLab 4 talks to the kernel over a websocket; with the v1 protocol a message is a binary frame:
// n (uint64 LE), n offsets (uint64 LE), then channel, header, parent_header, metadata, content, buffers.
// Reading them gives the exact iopub traffic: errors, and display / update_display_data per display id.
function decodeFrame(payload) {
  try {
    if (typeof payload === 'string') {
      const m = JSON.parse(payload);
      return m.header ? { channel: m.channel, header: m.header, content: m.content || {} } : null;
    }
    const buf = Buffer.from(payload);
    const n = Number(buf.readBigUInt64LE(0));
    const offsets = [];
    for (let i = 0; i < n; i++) offsets.push(Number(buf.readBigUInt64LE(8 * (i + 1))));
    const part = (i) => buf.subarray(offsets[i], offsets[i + 1]).toString('utf8');
    return { channel: part(0), header: JSON.parse(part(1)), content: JSON.parse(part(4)) };
  } catch {
    return null;
  }
}

class KernelTraffic {
  constructor(page) {
    this.seen = new Set();
    this.messages = [];
    page.on('websocket', (ws) => {
      if (!/\/api\/kernels\/[^/]+\/channels/.test(ws.url())) return;
      ws.on('framereceived', (frame) => {
        const msg = decodeFrame(frame.payload);
        // JupyterLab opens more than one connection to a kernel; each gets every iopub message.
        if (!msg || msg.channel !== 'iopub' || this.seen.has(msg.header.msg_id)) return;
        this.seen.add(msg.header.msg_id);
        this.messages.push({ type: msg.header.msg_type, content: msg.content });
      });
    });
  }
  of(type) {
    return this.messages.filter((m) => m.type === type);
  }
}

// ------------------------------------------------------------------------------------ the page
async function dismissDialogs(page) {
  // A "Select Kernel" dialog would mean the notebook's `java` kernelspec was not found: pick Java.
  const dialog = page.locator('.jp-Dialog');
  if (!(await dialog.count())) return null;
  const text = (await dialog.first().textContent()) || '';
  const select = dialog.locator('select');
  if (/kernel/i.test(text) && (await select.count())) {
    const options = await select.first().locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    const java = options.find(([, label]) => /java/i.test(label || ''));
    if (java) await select.first().selectOption(java[0]);
    await dialog.locator('.jp-Dialog-button.jp-mod-accept').first().click();
    return `a kernel dialog appeared ("${text.trim().slice(0, 80)}"); chose ${java ? java[1] : 'the default'}`;
  }
  return `a dialog appeared: "${text.trim().slice(0, 120)}"`;
}

async function waitForKernelIdle(page, name, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dialogNote = await dismissDialogs(page);
    if (dialogNote) note(dialogNote);
    const session = await sessionFor(name).catch(() => null);
    if (session?.kernel) {
      const kernel = await api(`/api/kernels/${session.kernel.id}`).catch(() => null);
      last = kernel?.execution_state || 'unknown';
      if (last === 'idle') return session;
    }
    await sleep(250);
  }
  throw new Error(`the kernel of ${name} was not idle after ${seconds(timeoutMs)} (last state: ${last || 'no session'})`);
}

/** Every code cell's prompt text, read from the DOM (textContent: cells off screen are not rendered). */
async function prompts(page) {
  return page.locator('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt').evaluateAll((els) =>
    els.map((e) => (e.textContent || '').trim()));
}

async function runAllCells(page) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click();
}

async function waitUntilAllRan(page, name, codeCells, kernelId, timeoutMs) {
  const started = Date.now();
  let lastLog = started;
  while (Date.now() - started < timeoutMs) {
    const p = await prompts(page);
    const done = p.filter((t) => /^\[\d+\]:$/.test(t)).length;
    const state = (await api(`/api/kernels/${kernelId}`).catch(() => ({}))).execution_state;
    // The chapters are committed without outputs, so every prompt starts as [ ]: and a number means it ran.
    if (state === 'idle' && p.length === codeCells && done === codeCells) {
      return { elapsed: Date.now() - started, prompts: p };
    }
    if (Date.now() - lastLog > 10_000) {
      note(`${name}: ${done}/${codeCells} cells done after ${seconds(Date.now() - started)} (kernel ${state})`);
      lastLog = Date.now();
    }
    await sleep(200);
  }
  const p = await prompts(page);
  throw new Error(`${name}: not every cell ran within ${seconds(timeoutMs)} ` +
    `(${p.length} code cells on the page, ${codeCells} in the file); prompts: ${p.join(' ')}`);
}

/** Records every distinct text of the progress line while cells run (MutationObserver in the page). */
async function watchProgress(page) {
  await page.evaluate(() => {
    const seen = [];
    window.__progressTexts = seen;
    const notebook = document.querySelector('.jp-NotebookPanel .jp-Notebook');
    const look = () => {
      for (const out of notebook.querySelectorAll('.jp-OutputArea-output[data-mime-type="text/html"]')) {
        const text = (out.textContent || '').replace(/\s+/g, ' ').trim();
        if (/^(step\s+\d+\/\d+|done: \d+ steps)/.test(text) && seen[seen.length - 1] !== text) seen.push(text);
      }
    };
    new MutationObserver(look).observe(notebook, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * Scrolls the notebook until the element sits where asked and stays there. JupyterLab 4 lays out
 * cells lazily (content-visibility), so a cell's position shifts while the ones above it render.
 */
async function scrollTo(page, locator, block = 'center') {
  let last = null;
  for (let i = 0; i < 20; i++) {
    await locator.evaluate((e, b) => e.scrollIntoView({ block: b }), block);
    await sleep(150);
    const box = await locator.boundingBox();
    if (box && last && Math.abs(box.y - last.y) < 1 && Math.abs(box.height - last.height) < 1) return box;
    last = box;
  }
  return last;
}

/**
 * The live widgets (microgpt.widgets): every cell that shows a `LivePanel.of(..)` has a rendered widget view,
 * and, where the chapter has the temperature slider, moving it with the arrow keys brings new samples.
 */
async function checkWidgets(page, stem, cells, src, traffic) {
  const panelCells = cells.map((c, i) => (/LivePanel\.of\(/.test(src(c)) ? i : -1)).filter((i) => i >= 0);
  if (!panelCells.length) return;
  const views = [];
  for (const i of panelCells) {
    const cell = page.locator('.jp-Notebook .jp-CodeCell').nth(i);
    await scrollTo(page, cell, 'start');
    views.push(await cell.locator('.jp-OutputArea-output .widget-vbox').count());
  }
  const broken = await page.locator('.jp-Notebook').evaluate((nb) => /Error displaying widget/.test(nb.textContent || ''));
  check(`${stem}: the live widgets render`, views.every((n) => n === 1) && !broken,
    `cells #${panelCells.map((i) => i + 1).join(', #')}: ${views.join(', ')} widget view(s)${broken ? '; "Error displaying widget" on the page' : ''}`);

  const sliderCell = panelCells.find((i) => /Slider\.decimal\("temperature τ"/.test(src(cells[i])));
  if (sliderCell === undefined) return;
  const cell = page.locator('.jp-Notebook .jp-CodeCell').nth(sliderCell);
  const slider = cell.locator('.widget-slider', { has: page.locator('.widget-label', { hasText: 'temperature τ' }) });
  const samples = cell.locator('.widget-html-content p.samples');
  const readout = slider.locator('.widget-readout');
  try {
    await scrollTo(page, slider, 'center');
    const before = ((await samples.textContent({ timeout: 10_000 })) || '').trim();
    const valueBefore = ((await readout.textContent()) || '').trim();
    const updatesBefore = traffic.of('comm_msg').length;
    const handle = slider.locator('.noUi-handle').first();
    await handle.focus();
    for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
    const deadline = Date.now() + 30_000;
    let after = before;
    while (Date.now() < deadline && after === before) {
      await sleep(250);
      after = ((await samples.textContent()) || '').trim();
    }
    const valueAfter = ((await readout.textContent()) || '').trim();
    const fromKernel = traffic.of('comm_msg').slice(updatesBefore)
      .filter((m) => /class="samples"/.test(m.content?.data?.state?.value || '')).length;
    check(`${stem}: moving the temperature slider resamples the names`,
      after !== before && valueAfter !== valueBefore && fromKernel > 0,
      `τ ${valueBefore} → ${valueAfter}; ${fromKernel} new output(s) from the kernel; ` +
      `samples "${before.slice(0, 50)}…" → "${after.slice(0, 50)}…"`);
    await scrollTo(page, cell, 'start');
    await shot(page, `${stem}-widget.png`);
  } catch (e) {
    check(`${stem}: moving the temperature slider resamples the names`, false, e.message.split('\n')[0]);
  }
}

async function shot(page, file) {
  const path = join(OUT, file);
  await page.screenshot({ path });
  note(`screenshot: ${path}`);
}

// ------------------------------------------------------------------------------------ one chapter
async function runChapter(browser, name) {
  const file = join(NOTEBOOKS, name);
  const original = readFileSync(file);
  const nb = JSON.parse(original.toString('utf8'));
  const cells = nb.cells.filter((c) => c.cell_type === 'code');
  const src = (c) => (Array.isArray(c.source) ? c.source.join('') : c.source);
  const trainingCell = cells.findIndex((c) => /new ProgressDisplay\(/.test(src(c)));
  const stem = name.replace(/\.ipynb$/, '');
  console.log(`\n== ${name}: ${cells.length} code cells`);

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const pageErrors = new Set();
  page.on('pageerror', (e) => pageErrors.add(String(e).split('\n')[0].slice(0, 200)));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = /\/lab\/extensions\/([^/]+)\//.exec(m.text()) || /\/lab\/extensions\/([^/]+)\//.exec(m.location()?.url || '');
    pageErrors.add(`${m.text().split('\n')[0].slice(0, 160)}${where ? ` [from the ${where[1]} extension]` : ''}`);
  });
  const traffic = new KernelTraffic(page);
  let session = null;
  try {
    const t0 = Date.now();
    // A workspace of its own per chapter, so that no tab of an earlier chapter is restored next to it.
    await page.goto(`${BASE}/lab/workspaces/browser-${encodeURIComponent(stem)}/tree/${encodeURIComponent(name)}?token=${TOKEN}`);
    await page.locator('.jp-NotebookPanel .jp-Notebook .jp-Cell').first().waitFor({ timeout: 60_000 });
    session = await waitForKernelIdle(page, name, 90_000);
    note(`JupyterLab and the kernel ready in ${seconds(Date.now() - t0)}`);
    const panels = await page.locator('.jp-NotebookPanel').count();
    if (panels !== 1) throw new Error(`expected ${name} alone in JupyterLab, found ${panels} notebooks open`);

    // ---- the kernel is the Java one
    const toolbarKernel = ((await page.locator('.jp-NotebookPanel-toolbar .jp-Toolbar-kernelName').first().textContent()) || '').trim();
    check(`${stem}: the kernel is Java`, session.kernel.name === 'java' && toolbarKernel === 'Java (jjava)',
      `session kernel "${session.kernel.name}", toolbar "${toolbarKernel}"`);

    // ---- Run → Run All Cells
    await watchProgress(page);
    await runAllCells(page);
    const run = await waitUntilAllRan(page, name, cells.length, session.kernel.id, RUN_TIMEOUT_MS);
    const counts = run.prompts.map((t) => Number(t.slice(1, -2)));
    const inOrder = counts.every((n, i) => i === 0 || n > counts[i - 1]);
    check(`${stem}: Run All Cells ran every code cell`, inOrder,
      `${cells.length} cells in ${seconds(run.elapsed)}, execution counts ${counts[0]}..${counts[counts.length - 1]}${inOrder ? '' : ' (out of order!)'}`);
    await sleep(300); // let the last outputs render

    // ---- no error output
    const stderr = await page.locator(`.jp-Notebook .jp-OutputArea-output[data-mime-type="${STDERR_MIME}"]`)
      .evaluateAll((els) => els.map((e) => (e.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 300)));
    const errors = traffic.of('error').map((m) => `error ${m.content.ename}: ${m.content.evalue}`.slice(0, 300));
    check(`${stem}: no errors and nothing on stderr`, stderr.length === 0 && errors.length === 0,
      stderr.length || errors.length
        ? `${errors.length} error message(s), ${stderr.length} stderr output(s):\n        ` +
          [...errors, ...stderr.map((t) => `on stderr: ${t}`)].join('\n        ')
        : `${traffic.messages.length} iopub messages read, none an error`);

    // ---- the live widgets show, and the temperature slider works
    await checkWidgets(page, stem, cells, src, traffic);

    // ---- a chart is rendered and visible
    const images = page.locator('.jp-Notebook .jp-RenderedImage img');
    const imageCount = await images.count();
    const sizes = await images.evaluateAll((els) => els.map((e) => [e.naturalWidth, e.naturalHeight]));
    const loaded = sizes.filter(([w, h]) => w > 0 && h > 0).length;
    let chartOk = imageCount > 0 && loaded === imageCount;
    let chartDetail = `${imageCount} chart image(s), ${loaded} decoded`;
    // The chart to look at: the training's loss curve (the first chart from the training cell on).
    const chartIndex = await page.locator('.jp-Notebook .jp-CodeCell').evaluateAll((els, from) =>
      els.findIndex((e, i) => i >= from && e.querySelector('.jp-RenderedImage img')), Math.max(trainingCell, 0));
    const focus = chartIndex >= 0
      ? page.locator('.jp-Notebook .jp-CodeCell').nth(chartIndex).locator('.jp-RenderedImage img').first()
      : images.last();
    if (imageCount > 0) {
      const chart = focus;
      const box = await scrollTo(page, chart, 'center');
      const viewport = page.viewportSize();
      const onScreen = box && box.width > 100 && box.height > 50 && box.y >= 0 && box.y + box.height <= viewport.height;
      // visible, and not covered by anything (a dialog, a notification): the image is what is at its centre
      const uncovered = await chart.evaluate((img) => {
        const r = img.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(r.height / 2, 200)) === img;
      });
      const visible = (await chart.isVisible()) && uncovered;
      chartOk &&= Boolean(onScreen && visible);
      chartDetail += `; ${chartIndex >= 0 ? `the loss curve (cell #${chartIndex + 1})` : 'the last one'} is ` +
        `${visible ? 'visible' : 'NOT visible'}` +
        (box ? ` at ${Math.round(box.width)}x${Math.round(box.height)} px, y=${Math.round(box.y)}` : ', no box');
    }
    check(`${stem}: charts render and show on screen`, chartOk, chartDetail);

    // ---- the progress line was updated in place
    if (trainingCell >= 0) {
      const cell = page.locator('.jp-Notebook .jp-CodeCell').nth(trainingCell);
      await scrollTo(page, cell, 'start');   // the training cell on top, its loss curve below it
      const outputs = await cell.locator('.jp-OutputArea-output').evaluateAll((els) =>
        els.map((e) => ({ mime: e.getAttribute('data-mime-type'), text: (e.textContent || '').replace(/\s+/g, ' ').trim() })));
      const progress = outputs.filter((o) => /^(step\s+\d+\/\d+|done: |interrupted )/.test(o.text));
      const final = progress[0]?.text || '';
      const domTexts = await page.evaluate(() => window.__progressTexts || []);
      const shown = traffic.of('display_data').filter((m) => m.content?.transient?.display_id &&
        /^(step\s+\d+\/\d+|done: )/.test(m.content.data?.['text/plain'] || ''));
      const ids = new Set(shown.map((m) => m.content.transient.display_id));
      const updates = traffic.of('update_display_data').filter((m) => ids.has(m.content?.transient?.display_id));
      const lineCount = final.split('\n').length;
      // On the page the one line went from its start (step 0/N) through at least one step in between to "done:".
      const steps = domTexts.map((t) => /^step\s+(\d+)\/(\d+)/.exec(t)).filter(Boolean);
      const between = steps.filter((m) => Number(m[1]) > 0 && Number(m[1]) < Number(m[2])).length;
      const ok = progress.length === 1 && /^done: \d+ steps in /.test(final) && lineCount === 1 && final.length < 400 &&
        shown.length === 1 && updates.length >= 2 && steps.length > 0 && Number(steps[0][1]) === 0 && between >= 1 &&
        /^done: /.test(domTexts[domTexts.length - 1] || '');
      check(`${stem}: the progress line updates in place`, ok,
        `cell #${trainingCell + 1}: ${progress.length} progress output(s) among ${outputs.length}, final "${final.slice(0, 110)}"; ` +
        `kernel sent ${shown.length} display + ${updates.length} updates; the page showed ${domTexts.length} states, ${between} between start and done` +
        (domTexts.length > 1 ? ` (first "${domTexts[0].slice(0, 40)}")` : ''));
      await shot(page, `${stem}.png`);
    } else {
      // The default chapters train; a chapter chosen by hand may not.
      if (!process.env.BROWSER_CHAPTERS) {
        check(`${stem}: the progress line updates in place`, false, 'no code cell trains with `new ProgressDisplay()`');
      } else {
        note('no code cell trains with `new ProgressDisplay()`: the progress line is not checked');
      }
      await shot(page, `${stem}.png`);
    }

    if (imageCount > 0) {
      const chart = focus;
      await scrollTo(page, chart, 'center');
      await chart.screenshot({ path: join(OUT, `${stem}-chart.png`) });
      note(`screenshot: ${join(OUT, `${stem}-chart.png`)}`);
    }
    check(`${stem}: no errors in the browser console`, pageErrors.size === 0,
      pageErrors.size === 0 ? 'none' : [...pageErrors].join(' | '));
  } catch (e) {
    check(`${stem}: runs in JupyterLab`, false, e.message);
    await page.screenshot({ path: join(OUT, `${stem}-failure.png`) }).catch(() => {});
    note(`screenshot of the failure: ${join(OUT, `${stem}-failure.png`)}`);
  } finally {
    // Stop this chapter's kernel (a JVM), so that the next chapter has the machine to itself.
    const s = session || (await sessionFor(name).catch(() => null));
    if (s) await api(`/api/sessions/${s.id}`, { method: 'DELETE' }).catch(() => {});
    await context.close();
    // JupyterLab runs with autosave off (scripts/test_browser.sh); never leave outputs in a chapter.
    const now = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    if (!now.equals(original)) {
      writeFileSync(file, original);
      check(`${stem}: the notebook file is left as it was`, false, 'it was saved during the run; restored it');
    }
  }
}

// ------------------------------------------------------------------------------------ main
mkdirSync(OUT, { recursive: true });
const started = Date.now();
// Should anything hang (the browser, a websocket), end the run anyway, as a failure.
const budgetMs = CHAPTERS.length * (RUN_TIMEOUT_MS + 150_000);
setTimeout(() => {
  check('the whole run ends in time', false, `still running after ${seconds(budgetMs)}`);
  const passed = results.filter((r) => r.ok).length;
  console.log(`browser: ${passed} passed, ${results.length - passed} failed`);
  process.exit(1);
}, budgetMs).unref();
let browser;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    console.log(`\nbrowser: stopped by ${signal}`);
    await browser?.close().catch(() => {});
    const passed = results.filter((r) => r.ok).length;
    console.log(`browser: ${passed} passed, ${results.length - passed + 1} failed`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}
try {
  // Autosave would write the outputs of the run into the committed chapters; test_browser.sh turns it off.
  const docmanager = await api('/lab/api/settings/@jupyterlab/docmanager-extension:plugin');
  if (docmanager.settings?.autosave !== false) {
    throw new Error('JupyterLab has autosave on: it would save outputs into the chapters. ' +
      'Start it the way scripts/test_browser.sh does (JUPYTERLAB_SETTINGS_DIR with autosave off).');
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    handleSIGINT: false, handleSIGTERM: false,   // ours close it (above)
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  console.log(`browser: Chromium ${browser.version()}, JupyterLab at ${BASE}`);
  for (const name of CHAPTERS) {
    if (!existsSync(join(NOTEBOOKS, name))) {
      check(`${name.replace(/\.ipynb$/, '')}: runs in JupyterLab`, false, `there is no ${join(NOTEBOOKS, name)}`);
      continue;
    }
    await runChapter(browser, name);
  }
} catch (e) {
  check('JupyterLab and the browser are ready', false, e.message);
} finally {
  await browser?.close().catch(() => {});
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\nbrowser: ${results.length} checks in ${seconds(Date.now() - started)}; screenshots in ${OUT}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed || !results.length ? 1 : 0);
