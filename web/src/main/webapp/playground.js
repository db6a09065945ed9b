// The playground page: settings in, a worker (worker.js) that runs the library in WebAssembly, and
// what comes back drawn: the losses on a canvas, the samples, the next-letter distribution and the
// attention of every head. No model code here: every number comes from the worker.
"use strict";

const $ = (id) => document.getElementById(id);
const MEAN_WINDOW = 100;        // the CLI's "mean loss of the last 100 steps"

let worker = null;
let losses = [];                // every step's loss, step 1 first
let means = [];                 // the mean of the last (up to) 100 losses at every step
let validations = [];           // { step, loss }
let totalSteps = 0;
let runFinished = false;
let awaitingRun = false;        // after Start or Reset: what the worker still posts about the old run is dropped

// For the browser test (tests/browser/playground.mjs) and the curious: the run so far, read-only copies.
window.playgroundRun = () => ({
  losses: losses.slice(),
  validations: validations.slice(),
  samples: Array.from(document.querySelectorAll("#samples li"), li => li.textContent),
});

if (location.protocol === "file:") {
  $("served-note").style.display = "block";
  $("status").textContent = "Not loaded: this page must be served over http (see above).";
} else {
  worker = new Worker("worker.js");
  worker.onmessage = (event) => handle(event.data);
  worker.onerror = (event) => showError("the worker failed: " + event.message);
  worker.postMessage({ type: "hello" });   // answered once the library and the names are loaded
  setStatus("Loading the library…");
}

function setStatus(text) {
  $("status").textContent = text;
  $("status").className = "";
}

function showError(text) {
  $("status").textContent = text;
  $("status").className = "error";
}

/** The settings as numbers, or null after a one-line error naming the box to fix. */
function readSettings() {
  const ints = { seed: [0, 2147483647], steps: [1, 1000000], nEmbd: [1, 512], nLayer: [1, 12], nHead: [1, 64], blockSize: [1, 256] };
  const s = {};
  for (const [id, [min, max]] of Object.entries(ints)) {
    const v = Number($(id).value);
    if (!Number.isInteger(v) || v < min || v > max) {
      showError(`${$(id).parentElement.textContent.trim()} must be a whole number from ${min} to ${max}, got "${$(id).value}"`);
      return null;
    }
    s[id] = v;
  }
  for (const id of ["learningRate", "temperature"]) {
    const v = Number($(id).value);
    if (!Number.isFinite(v) || v <= 0 || $(id).value.trim() === "") {
      showError(`${$(id).parentElement.textContent.trim()} must be a positive number, got "${$(id).value}"`);
      return null;
    }
    s[id] = v;
  }
  return s;
}

function temperature() {
  const v = Number($("temperature").value);
  return Number.isFinite(v) && v > 0 ? v : null;
}

function buttons(state) {           // state: idle, running, stopped, finished
  $("start").disabled = state === "running";
  $("stop").disabled = state !== "running";
  $("resume").disabled = state !== "stopped";
  $("more").disabled = state !== "finished" && state !== "stopped";
}

$("start").onclick = () => {
  const s = readSettings();
  if (!s || !worker) return;
  clearRun();
  totalSteps = s.steps;
  $("total").textContent = s.steps;
  awaitingRun = true;
  worker.postMessage({ type: "start", settings: s });
  buttons("running");
  setStatus("Training…");
};
$("stop").onclick = () => worker.postMessage({ type: "stop" });
$("resume").onclick = () => {
  worker.postMessage({ type: "run" });
  buttons("running");
  setStatus("Training…");
};
$("reset").onclick = () => {
  for (const [id, v] of Object.entries({ seed: 42, steps: 1000, learningRate: 0.01, temperature: 0.5, nEmbd: 16, nLayer: 1, nHead: 4, blockSize: 16 })) {
    $(id).value = v;
  }
  if (worker) worker.postMessage({ type: "stop" });
  awaitingRun = true;
  clearRun();
  buttons("idle");
  setStatus("Reset to the reference run's settings; press Start.");
};
$("more").onclick = () => {
  const t = temperature();
  if (t === null) return showError(`temperature must be a positive number, got "${$("temperature").value}"`);
  worker.postMessage({ type: "sample", count: 20, temperature: t });
};
$("prefix").oninput = () => askNext();

function askNext() {
  if (worker && losses.length > 0) worker.postMessage({ type: "next", prefix: $("prefix").value.trim().toLowerCase() });
}

function clearRun() {
  losses = [];
  means = [];
  validations = [];
  runFinished = false;
  $("samples").innerHTML = "";
  $("probs").innerHTML = "";
  $("attention").innerHTML = "";
  $("nextError").textContent = "";
  for (const id of ["loss1", "lossLast", "mean100", "validation", "msPerStep"]) $(id).textContent = "–";
  $("step").textContent = "0";
  draw();
}

function handle(m) {
  if (awaitingRun && (m.type === "steps" || m.type === "stopped" || m.type === "samples")) return;
  if (m.type === "error") {
    awaitingRun = false;
    showError(m.message);
    buttons(losses.length > 0 && !runFinished ? "stopped" : "idle");
  } else if (m.type === "ready") {
    if (losses.length === 0) setStatus("Ready: press Start to train.");
  } else if (m.type === "created") {
    awaitingRun = false;
    setStatus(`Training: ${m.info.docs} names, vocabulary ${m.info.vocab}, ${m.info.params} parameters…`);
  } else if (m.type === "steps") {
    addSteps(m);
  } else if (m.type === "stopped") {
    if (!runFinished && losses.length > 0) {
      buttons("stopped");
      setStatus(`Stopped after step ${m.step}; Resume continues exactly where it stopped.`);
    }
  } else if (m.type === "samples") {
    for (const name of m.samples) {
      const li = document.createElement("li");
      li.textContent = name;
      $("samples").appendChild(li);
    }
  } else if (m.type === "next") {
    showNext(m.result);
  }
}

function addSteps(m) {
  for (const loss of m.losses) {
    losses.push(loss);
    const from = Math.max(0, losses.length - MEAN_WINDOW);
    let sum = 0;
    for (let i = from; i < losses.length; i++) sum += losses[i];
    means.push(sum / (losses.length - from));
  }
  if (m.evaluation) {
    validations.push(m.evaluation);
    $("validation").textContent = m.evaluation.loss.toFixed(4);
  }
  $("step").textContent = losses.length;
  $("loss1").textContent = losses[0].toFixed(4);
  $("lossLast").textContent = losses[losses.length - 1].toFixed(4);
  $("mean100").textContent = means[means.length - 1].toFixed(4);
  $("msPerStep").textContent = m.msPerStep.toFixed(3);
  draw();
  if (m.finished) {
    runFinished = true;
    buttons("finished");
    setStatus(`Done: ${losses.length} steps at ${m.msPerStep.toFixed(3)} ms/step.`);
    askNext();
  }
}

function draw() {
  const canvas = $("chart");
  const g = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, pad = 36;
  g.clearRect(0, 0, w, h);
  g.font = "12px system-ui, sans-serif";
  g.fillStyle = "#555";
  if (losses.length === 0) return;
  const all = losses.concat(validations.map(v => v.loss)).filter(Number.isFinite);
  const top = Math.max(...all), bottom = Math.min(...all);
  const span = Math.max(top - bottom, 1e-9);
  const steps = Math.max(totalSteps, losses.length);
  const x = (step) => pad + (w - 2 * pad) * (step - 1) / Math.max(steps - 1, 1);
  const y = (loss) => h - pad - (h - 2 * pad) * (loss - bottom) / span;
  g.fillText(top.toFixed(2), 2, y(top) + 4);
  g.fillText(bottom.toFixed(2), 2, y(bottom) + 4);
  g.fillText(`step ${steps}`, w - pad - 50, h - 8);
  const line = (values, colour, stepOf) => {
    g.strokeStyle = colour;
    g.beginPath();
    const stride = Math.max(1, Math.floor(values.length / (w - 2 * pad)));   // at most one point per pixel
    for (let i = 0; i < values.length; i += stride) {
      const px = x(stepOf(i)), py = y(values[i]);
      if (i === 0) g.moveTo(px, py); else g.lineTo(px, py);
    }
    g.stroke();
  };
  line(losses, "#c8c8c8", i => i + 1);
  line(means, "#1f77b4", i => i + 1);
  if (validations.length > 0) {
    line(validations.map(v => v.loss), "#ff7f0e", i => validations[i].step);
  }
}

function showNext(result) {
  $("nextError").textContent = result.error || "";
  if (result.error) return;
  const order = result.probs.map((p, i) => i).sort((a, b) => result.probs[b] - result.probs[a]).slice(0, 10);
  $("probs").innerHTML = "";
  for (const i of order) {
    const row = document.createElement("div");
    row.className = "bar";
    row.innerHTML = `<b></b><i style="width:${Math.round(result.probs[i] * 300)}px"></i><span>${(100 * result.probs[i]).toFixed(1)}%</span>`;
    row.querySelector("b").textContent = result.vocab[i] === "<BOS>" ? "(end)" : result.vocab[i];
    $("probs").appendChild(row);
  }
  const box = $("attention");
  box.innerHTML = "";
  result.attention.forEach((layer, l) => {
    const table = document.createElement("table");
    table.className = "attention";
    const head = table.insertRow();
    head.insertCell().textContent = `layer ${l}`;
    for (const token of result.tokens) head.insertCell().textContent = token === "<BOS>" ? "·" : token;
    layer.forEach((weights, hIndex) => {
      const row = table.insertRow();
      row.insertCell().textContent = `head ${hIndex}`;
      for (const wgt of weights) {
        const cell = row.insertCell();
        cell.style.background = `rgba(31, 119, 180, ${wgt.toFixed(3)})`;
        cell.title = wgt.toFixed(3);
        cell.textContent = wgt >= 0.1 ? wgt.toFixed(1) : "";
      }
    });
    box.appendChild(table);
  });
}
