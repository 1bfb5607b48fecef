// The benchmark page: loads the model in the real classifier worker (worker.js, real shards), times the first
// prediction from navigation start, then classifies one fixed input `runs` times in the worker and reports the
// per-run times. Sets window.benchResult = {build, arith, runs, medianMs, minMs, firstPredictionMs, bytesTransferred,
// top}. Query: build=wasm|js (default wasm), arith=float|int (the network's arithmetic; default the page's: int for
// wasm, float for js), simd=0 (the Wasm build's integer network on its Java kernels, not the SIMD ones; benchResult's
// build says which ran: 'wasm+simd' or 'wasm'), runs (default 30), warmups (default 3, not counted), profile=layers (then the worker also times
// each layer alone, runs times, and benchResult gains `layers`: [{kind, shape, multiplyAdds, medianMs, meanMs,
// minMs}] in the order they run, `kinds`: [{kind, layers, multiplyAdds, medianMs, meanMs, minMs}] summed over the
// layers of each kind, slowest first (on a busy machine the sum of minimums is the steadiest), and
// `crossOriginIsolated`: without it performance.now() ticks in 100 µs, not 5 µs, and only the means of
// sub-millisecond layers are worth reading).

const SIZE = 224; // the model's input: no resize in the timed runs beyond the crop's identity copy

const params = new URL(location.href).searchParams;
const build = params.get('build') ?? 'wasm';
const profile = params.get('profile');
const ARITHMETIC = {float: 'float', int: 'integer'};
const arith = params.get('arith') ?? (build === 'js' ? 'float' : 'int');

function countParam(name, fallback, least) {
  const text = params.get(name);
  const value = text === null ? fallback : Number(text);
  if (!Number.isSafeInteger(value) || value < least) {
    throw new Error(`?${name}= must be a whole number of at least ${least}, not ${JSON.stringify(text)}`);
  }
  return value;
}

// A fixed, smooth RGBA test pattern: the same input on every run and in every browser.
function testPattern() {
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const i = (y * SIZE + x) * 4;
      rgba[i] = x;
      rgba[i + 1] = y;
      rgba[i + 2] = (x * y) >> 8;
      rgba[i + 3] = 255;
    }
  }
  return rgba.buffer;
}

// Sends request to the worker and resolves to its answer of type `expected`; rejects on an error reply.
function ask(worker, request, expected) {
  return new Promise((resolve, reject) => {
    // Other replies ('ready', 'progress' of the download) are not answers.
    const onMessage = (event) => {
      const reply = event.data;
      const answer = reply.id === request.id && reply.type === expected;
      if (!answer && reply.type !== 'error') {
        return;
      }
      worker.removeEventListener('message', onMessage);
      if (answer) {
        resolve(reply);
      } else {
        reject(new Error(reply.message));
      }
    };
    worker.addEventListener('message', onMessage);
    worker.postMessage(request);
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Bytes this page fetched itself (the document, bench.js, app.css, worker.js); the worker reports its own.
function pageBytesTransferred() {
  return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
      .reduce((sum, entry) => sum + entry.transferSize, 0);
}

function show(rows) {
  const body = document.getElementById('bench-rows');
  body.replaceChildren(...rows.map(([name, value]) => {
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = name;
    const td = document.createElement('td');
    td.textContent = value;
    row.append(th, td);
    return row;
  }));
  document.getElementById('bench-table').hidden = false;
}

function status(text) {
  document.getElementById('bench-status').textContent = text;
}

async function benchmark() {
  if (!Object.hasOwn(ARITHMETIC, arith)) {
    throw new Error(`?arith= must be float or int, not ${JSON.stringify(arith)}`);
  }
  if (profile !== null && profile !== 'layers') {
    throw new Error(`?profile= must be layers, not ${JSON.stringify(profile)}`);
  }
  const runs = countParam('runs', 30, 1);
  const warmups = countParam('warmups', 3, 0);
  const simd = params.get('simd') === '0' ? '&simd=0' : '';
  const worker = new Worker(`worker.js?build=${encodeURIComponent(build)}${simd}`, {type: 'module'});
  worker.addEventListener('error', (event) => status(`The worker failed: ${event.message ?? 'see the console'}`));
  const loaded = await ask(worker,
      {type: 'load', id: 1, manifest: 'model/manifest.json', arithmetic: ARITHMETIC[arith]}, 'loaded');
  const pixels = testPattern();
  await ask(worker, {type: 'classify', id: 2, pixels, width: SIZE, height: SIZE}, 'result');
  const firstPredictionMs = performance.now(); // performance.now() counts from navigation start
  status(`Model loaded (${loaded.build}); running ${warmups} warm-up and ${runs} timed inferences…`);
  if (warmups > 0) {
    await ask(worker, {type: 'bench', id: 3, pixels, width: SIZE, height: SIZE, runs: warmups}, 'bench');
  }
  const timed = await ask(worker, {type: 'bench', id: 4, pixels, width: SIZE, height: SIZE, runs}, 'bench');
  let layerProfile = {};
  if (profile === 'layers') {
    status(`Timing each layer, ${runs} times…`);
    const {layers} = await ask(worker, {type: 'profile', id: 5, pixels, width: SIZE, height: SIZE, runs}, 'profile');
    layerProfile = summarizeLayers(layers);
  }
  worker.terminate();
  return {
    build: loaded.build,
    arith,
    runs: timed.ms.length,
    medianMs: round(median(timed.ms)),
    minMs: round(Math.min(...timed.ms)),
    firstPredictionMs: round(firstPredictionMs),
    bytesTransferred: pageBytesTransferred() + timed.bytesTransferred,
    top: timed.top[0]?.label ?? null,
    ...layerProfile,
  };
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

// Each layer's median and mean time, and the same summed over each kind of layer.
function summarizeLayers(timedLayers) {
  const layers = timedLayers.map(({kind, shape, multiplyAdds, ns}) =>
      ({kind, shape, multiplyAdds, medianMs: median(ns) / 1e6, meanMs: mean(ns) / 1e6,
        minMs: Math.min(...ns) / 1e6}));
  const kinds = new Map();
  for (const layer of layers) {
    const sum = kinds.get(layer.kind)
        ?? {kind: layer.kind, layers: 0, multiplyAdds: 0, medianMs: 0, meanMs: 0, minMs: 0};
    sum.layers++;
    sum.multiplyAdds += layer.multiplyAdds;
    sum.medianMs += layer.medianMs;
    sum.meanMs += layer.meanMs;
    sum.minMs += layer.minMs;
    kinds.set(layer.kind, sum);
  }
  const rounded = (entry) =>
      ({...entry, medianMs: round3(entry.medianMs), meanMs: round3(entry.meanMs), minMs: round3(entry.minMs)});
  return {
    crossOriginIsolated: self.crossOriginIsolated === true,
    layers: layers.map(rounded),
    kinds: [...kinds.values()].sort((a, b) => b.meanMs - a.meanMs).map(rounded),
  };
}

function round3(ms) {
  return Math.round(ms * 1000) / 1000;
}

// The profile as table rows: each kind, then each layer; GMAC/s = multiply-adds per nanosecond, by the mean.
function profileRows(result) {
  const rate = (entry) => (entry.multiplyAdds > 0 ? (entry.multiplyAdds / entry.meanMs / 1e6).toFixed(2) : '');
  const row = (name, entry, what) =>
      [name, what, (entry.multiplyAdds / 1e6).toFixed(1), entry.medianMs.toFixed(3), entry.meanMs.toFixed(3), rate(entry)];
  return [
    ...result.kinds.map((kind) => row(kind.kind, kind, `${kind.layers} layers`)),
    ...result.layers.map((layer, i) => row(`${i} ${layer.kind}`, layer, layer.shape)),
  ];
}

function showProfile(rows) {
  const body = document.getElementById('profile-rows');
  body.replaceChildren(...rows.map((cells) => {
    const row = document.createElement('tr');
    row.append(...cells.map((text, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      cell.textContent = text;
      return cell;
    }));
    return row;
  }));
  document.getElementById('profile-table').hidden = false;
}

function round(ms) {
  return Math.round(ms * 10) / 10;
}

benchmark().then((result) => {
  show([
    ['build', result.build],
    ['arithmetic', result.arith],
    ['timed runs', String(result.runs)],
    ['median ms', String(result.medianMs)],
    ['min ms', String(result.minMs)],
    ['first prediction ms (from navigation, incl. download)', String(result.firstPredictionMs)],
    ['bytes transferred', result.bytesTransferred.toLocaleString('en')],
    ['top label of the test pattern', String(result.top)],
  ]);
  if (result.layers) {
    showProfile(profileRows(result));
  }
  status('Done.');
  window.benchResult = result;
}, (e) => {
  status(`Benchmark failed: ${e.message}`);
  window.benchResult = {build, arith, error: e.message};
});
