// The playground's worker: loads the library (microgpt.wasm, compiled from Java by TeaVM) and the
// names, and trains in slices of about 40 ms, so that the page stays live and a stop arrives
// between two steps. Every number comes from the WebAssembly module; nothing is computed here.
"use strict";
importScripts("microgpt.wasm-runtime.js");

const SLICE_MS = 40;            // train this long, then post the losses and look at the mailbox
const VALIDATION_EVERY = 100;   // steps between two validation losses (and after the last step)
const VALIDATION_DOCS = 200;    // the first 200 held-out names: enough for a curve, cheap between slices

let api = null;
let names = null;
let running = false;
let trainMs = 0;                // time spent in step() only, for ms/step
let stepsDone = 0;
let settings = null;

const ready = (async () => {
  const [teavm, text] = await Promise.all([
    TeaVM.wasmGC.load("microgpt.wasm"),
    fetch("names.txt").then(r => {
      if (!r.ok) throw new Error(`names.txt: HTTP ${r.status}`);
      return r.text();
    }),
  ]);
  api = teavm.exports;
  names = text;
})();

function post(message) {
  self.postMessage(message);
}

function create(s) {
  running = false;
  const info = JSON.parse(api.create(names, s.seed, s.nLayer, s.nEmbd, s.nHead, s.blockSize, s.steps, s.learningRate));
  if (info.error) {
    settings = null;
    post({ type: "error", message: info.error });
    return;
  }
  settings = s;
  trainMs = 0;
  stepsDone = 0;
  post({ type: "created", info });
}

function slice() {
  if (!running) return;
  const losses = [];
  const start = performance.now();
  let elapsed = 0;
  let evaluation = null;
  while (elapsed < SLICE_MS && api.remaining() > 0) {
    losses.push(api.step());
    stepsDone++;
    elapsed = performance.now() - start;
    if (stepsDone % VALIDATION_EVERY === 0 || api.remaining() === 0) {
      trainMs += elapsed;
      evaluation = { step: stepsDone, loss: api.validationLoss(VALIDATION_DOCS) };
      break;                    // post this slice now, its validation loss with it
    }
  }
  if (!evaluation) trainMs += elapsed;
  const finished = api.remaining() === 0;
  post({ type: "steps", first: stepsDone - losses.length + 1, losses, evaluation, msPerStep: trainMs / stepsDone, finished });
  if (finished) {
    running = false;
    post({ type: "samples", samples: samples(20, settings.temperature) });
  } else {
    setTimeout(slice, 0);       // let stop, sample and next-letter messages in
  }
}

function samples(count, temperature) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(api.sample(temperature));
  return out;
}

self.onmessage = async (event) => {
  const m = event.data;
  try {
    await ready;
    if (m.type === "hello") {
      post({ type: "ready" });
    } else if (m.type === "start") {
      create(m.settings);       // and run at once: a stop posted right after this one lands after the first slice
      if (settings) {
        running = true;
        slice();
      }
    } else if (m.type === "stop") {
      running = false;          // the next slice does not start; a stop without a run is no error
      post({ type: "stopped", step: stepsDone });
    } else if (!settings) {
      post({ type: "error", message: "no run yet: press Start" });
    } else if (m.type === "run") {
      if (!running && api.remaining() > 0) {
        running = true;
        slice();
      }
    } else if (m.type === "sample") {
      post({ type: "samples", samples: samples(m.count, m.temperature) });
    } else if (m.type === "next") {
      post({ type: "next", prefix: m.prefix, result: JSON.parse(api.nextLetter(m.prefix)) });
    }
  } catch (e) {
    running = false;
    post({ type: "error", message: String(e && e.message || e) });
  }
};
