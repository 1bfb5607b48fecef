// Lenslet classifier worker: runs the Java classifier (compiled by TeaVM) off the main thread.
// Start it as a module worker: new Worker('worker.js', {type: 'module'}); add ?build=js or ?build=wasm to force
// a build. Without it the WebAssembly GC build is used where the browser supports it, else the JavaScript one.
// The WebAssembly build runs integer arithmetic on the SIMD128 kernels (wasm/kernels.wasm) where the browser
// validates them; ?simd=0 keeps it on the Java kernels (for comparison, e.g. on /bench.html).
//
// Messages in:
//   {type: 'load', id, manifest: URL}                   fetch the model in shards (format below), verified
//   {type: 'load', id, model: ArrayBuffer, labels: string | null}   or take its bytes as they are
//     either may add arithmetic: 'float' | 'integer' (exact uint8 network, uint8 per-tensor models only); by default
//     integer in the Wasm build where the model allows it, else float
//   {type: 'classify', id, pixels: ArrayBuffer (RGBA, width*height*4), width, height, k = 5, crop = 'center'|'squash',
//     maps = 0, embedding = false}   maps: how many of the top classes get their activation map in the result
//   {type: 'bench', id, pixels, width, height, runs}  classify the same pixels runs times (for /bench.html)
//   {type: 'profile', id, pixels, width, height, runs}  time each layer of the float network on them, runs times
//   {type: 'embed', id, pixels, width, height, crop}   the image's embedding, to keep as a training example
//   {type: 'train', id, names: [string], embeddings: Float32Array (one after another), classIndices: Int32Array}
//     trains a head on them (replies 'training' after every epoch, then 'trained'); installs nothing
//   {type: 'head', id, head: ArrayBuffer | absent, use: boolean}   installs the head file (checked against the
//     loaded model) if given, then classifies with it (use) or with ImageNet; a head file refused changes nothing
// Messages out:
//   {type: 'ready', build}                                   once the build is loaded ('wasm' or 'js')
//   {type: 'progress', id, loaded, total}                    bytes of the model downloaded so far, of total
//   {type: 'loaded', id, build, arithmetic: 'float'|'integer', description, ms}   build: 'wasm+simd' when the
//                                                            network runs on the SIMD kernels
//   {type: 'result', id, top: [{index, label, score}], ms}   index: ImageNet class 0..999; best first
//     when asked, also maps: [{width, height, values: Float32Array (row-major, 0..1), region: {left, top, width,
//     height} (fractions of the image: where the map lies), text}] (one per top class, in order), embedding:
//     Float32Array, explainMs (their cost); or explainError: message, when the model cannot give them
//   {type: 'bench', id, top, ms: [per run], bytesTransferred}   bytes: this worker's downloads (resource timing)
//   {type: 'profile', id, layers: [{kind, shape, multiplyAdds, ns: [per run]}]}   in the order the layers run
//   {type: 'embedded', id, embedding: Float32Array}
//   {type: 'training', id, epoch, maxEpochs, loss}          after each epoch of a 'train'
//   {type: 'trained', id, head: ArrayBuffer (the head file), epochs, loss, accuracy, ms}
//   {type: 'head', id, classes: [string] | null (no head given), use}   classify results then carry the head's
//     classes: index = position in classes, label = class name
//   {type: 'error', id, message}                             for every failure; id is absent if no request caused it
// Requests are answered in the order they arrive; those sent before 'ready' wait for it.
//
// The manifest URL is resolved against this worker's URL (the site root), shard URLs against the manifest's; a
// shard must lie in the manifest's folder on the same server. Every manifest field is checked before it is used.
// Manifest ("lenslet-shards-1", written by the server's ModelShards):
//   {format, model: {name, bytes, sha256}, labels: string | null, shards: [{url, bytes, sha256}], ...}
// The shards are consecutive slices of the model file. Each one's SHA-256 is checked as it arrives and the whole
// file's at the end; on any mismatch nothing is loaded and the error names the shard. When a shard cannot be
// downloaded, the error says how many shards the service worker's caches lack, which is what an offline start needs.

// A type section declaring one empty struct: only browsers with Wasm GC accept it.
const WASM_GC_PROBE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 3, 1, 0x5f, 0]);

function supportsWasmGC() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(WASM_GC_PROBE);
  } catch {
    return false;
  }
}

// kernels.wasm's exports, which the WebAssembly build imports as module 'simd' (WasmSimdKernels.java).
const SIMD_KERNELS = ['gemm', 'conv', 'depthwise3x3', 'add', 'average_pool', 'copy'];
// What the build imports when kernels.wasm is not loaded: Java then never calls them.
const NO_SIMD_KERNELS = Object.fromEntries(SIMD_KERNELS.map((name) => [name, () => {
  throw new Error(`the SIMD kernel ${name} was called, but kernels.wasm is not loaded`);
}]));

// kernels.wasm compiled, or null where this browser does not validate it (no SIMD128) or it cannot be fetched.
// Compiled before TeaVM's module loads: its installImports callback is not awaited.
async function compileSimdKernels() {
  try {
    const response = await fetch(new URL('wasm/kernels.wasm', import.meta.url));
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const bytes = await response.arrayBuffer();
    return WebAssembly.validate(bytes) ? await WebAssembly.compile(bytes) : null;
  } catch (e) {
    console.warn('Lenslet: SIMD kernels not loaded, using the Java kernels:', e);
    return null;
  }
}

// Resolves to {java, simd}: simd tells whether kernels.wasm is installed on TeaVM's memory.
async function loadWasmBuild(simdWanted) {
  const runtime = await import('./wasm/classifier.wasm-runtime.js');
  const kernels = simdWanted ? await compileSimdKernels() : null;
  const teavm = await runtime.load(new URL('wasm/classifier.wasm', import.meta.url).href, {
    installImports(imports) {
      // The kernels work on TeaVM's own linear memory, where the network's arena (a direct buffer) lives.
      imports.simd = kernels === null ? NO_SIMD_KERNELS
          : new WebAssembly.Instance(kernels, {env: {memory: imports.env.memory}}).exports;
    },
  });
  return {java: teavm.exports, simd: kernels !== null};
}

async function loadJsBuild() {
  return import('./js/classifier.js');
}

// Resolves to {build, java, simd}: java holds the exported functions of ClassifierWorker, the same in both builds.
async function loadBuild(requested, simdWanted) {
  if (requested === 'js') {
    return {build: 'js', java: await loadJsBuild(), simd: false};
  }
  if (requested === 'wasm') {
    return {build: 'wasm', ...await loadWasmBuild(simdWanted)};
  }
  if (requested !== 'auto') {
    throw new Error(`build must be 'wasm', 'js' or 'auto', not ${JSON.stringify(requested)}`);
  }
  if (supportsWasmGC()) {
    try {
      return {build: 'wasm', ...await loadWasmBuild(simdWanted)};
    } catch (e) {
      // The probe passed but the module did not load (a Wasm feature TeaVM also uses is missing): use JS.
      console.warn('Lenslet: WebAssembly GC build failed to load, using the JavaScript build:', e);
    }
  }
  return {build: 'js', java: await loadJsBuild(), simd: false};
}

const workerParams = new URL(self.location.href).searchParams;
const runtime = loadBuild(workerParams.get('build') ?? 'auto', workerParams.get('simd') !== '0');
runtime.then(({build}) => self.postMessage({type: 'ready', build}),
    (e) => self.postMessage({type: 'error', message: `Could not load the classifier: ${messageOf(e)}`}));

// Java takes bytes as Int8Array: the one kind both TeaVM builds turn into byte[] without per-element calls.
function int8View(data, what) {
  if (data instanceof ArrayBuffer) {
    return new Int8Array(data);
  }
  if (ArrayBuffer.isView(data)) {
    return new Int8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  throw new Error(`${what} must be an ArrayBuffer or a typed array`);
}

const MANIFEST_FORMAT = 'lenslet-shards-1';
const RELOAD_ADVICE = 'Reload to try again; if it persists, the server\'s model files are damaged.';

// The model as {bytes: Int8Array, labels, source: the manifest's URL or 'given'}: fetched in verified shards, or
// given. The JavaScript build keeps a view of these bytes, not a copy: the buffer must not be reused or transferred
// after loading.
async function modelSource(request) {
  if (request.manifest != null) {
    const manifestUrl = new URL(request.manifest, self.location.href);
    const onProgress = (loaded, total) => self.postMessage({type: 'progress', id: request.id, loaded, total});
    return fetchShardedModel(manifestUrl, onProgress);
  }
  return {bytes: int8View(request.model, 'model'), labels: request.labels ?? null, source: 'given'};
}

async function fetchShardedModel(manifestUrl, onProgress) {
  if (!self.crypto?.subtle) {
    throw new Error('The model cannot be verified because this page is not a secure context. '
        + 'Open Lenslet through https:// or on http://localhost.');
  }
  const manifest = checkManifest(await fetchJson(manifestUrl), manifestUrl);
  const total = manifest.model.bytes;
  // Each shard is held as it arrived and the file is put together only once all have passed their checks, so
  // memory follows the bytes really received, never a size the manifest merely claims.
  const parts = [];
  let offset = 0;
  onProgress(0, total);
  for (const [index, shard] of manifest.shards.entries()) {
    const name = `shard ${index + 1} of ${manifest.shards.length}`;
    const start = offset;
    let part;
    try {
      part = await download(shard.url, name, shard.bytes, (received) => onProgress(start + received, total));
    } catch (e) {
      throw e instanceof NetworkError ? (await notCachedError(manifest)) ?? e : e;
    }
    if (await sha256Hex(part) !== shard.sha256) {
      throw corrupted(`${name} failed its SHA-256 check`, shard.url);
    }
    parts.push(part);
    offset += shard.bytes;
  }
  const file = new Uint8Array(total);
  parts.reduce((at, part) => (file.set(part, at), at + part.length), 0);
  if (await sha256Hex(file) !== manifest.model.sha256) {
    throw corrupted('the reassembled model failed its SHA-256 check');
  }
  return {bytes: new Int8Array(file.buffer), labels: manifest.labels, source: manifestUrl};
}

// The network failed, not the server or the data: no answer arrived at all.
class NetworkError extends Error {}

// Offline, a shard comes only from the service worker's caches; if some are not there, the model cannot load
// until the page is online once more. Null when every shard is cached (or there are no caches to ask): then the
// network error itself is the news.
async function notCachedError(manifest) {
  if (!self.caches) {
    return null;
  }
  const cached = await Promise.all(manifest.shards.map((shard) =>
      caches.match(shard.url.href).then((response) => response !== undefined, () => false)));
  const missing = cached.filter((isCached) => !isCached).length;
  if (missing === 0) {
    return null;
  }
  return new Error(`The model is not fully available offline: ${missing} of ${cached.length} parts `
      + `${missing === 1 ? 'is' : 'are'} missing. Connect once to finish downloading.`);
}

// url: the shard at fault, if one is.
function corrupted(what, url) {
  const shard = url ? ` (Shard: ${url.pathname})` : '';
  return new Error(`The model download is corrupted (${what}). ${RELOAD_ADVICE}${shard}`);
}

async function fetchJson(url) {
  const response = await fetchOk(url, 'the model manifest');
  try {
    return await response.json();
  } catch (e) {
    throw new Error(`The model manifest ${url.pathname} is not valid JSON. ${RELOAD_ADVICE}`);
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

// The manifest, once it is known to describe shards that add up to the model, with each shard's url resolved;
// else an error saying what is wrong. Every field is checked for its type and range before it is used, as the
// manifest may arrive damaged.
function checkManifest(manifest, url) {
  const invalid = (what) => new Error(`The model manifest ${url.pathname} is not valid: ${what}. ${RELOAD_ADVICE}`);
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw invalid(`it is ${describe(manifest)}, not an object`);
  }
  if (manifest.format !== MANIFEST_FORMAT) {
    throw invalid(manifest.format === undefined ? `it names no format, not ${MANIFEST_FORMAT}`
        : `its format is ${describe(manifest.format)}, not ${MANIFEST_FORMAT}`);
  }
  const {model, labels = null, shards} = manifest;
  if (!isSize(model?.bytes) || !SHA256_HEX.test(model.sha256) || !Array.isArray(shards)) {
    throw invalid('it lacks the model\'s size and SHA-256, or the shard list');
  }
  if (labels !== null && typeof labels !== 'string') {
    throw invalid(`its labels are ${describe(labels)}, not text`);
  }
  // Shards come from the manifest's own folder on this server: a damaged url must not send requests elsewhere.
  const folder = new URL('./', url);
  const checked = shards.map((shard, index) => {
    const name = `shard ${index + 1} of ${shards.length}`;
    if (typeof shard?.url !== 'string' || !isSize(shard.bytes) || !SHA256_HEX.test(shard.sha256)) {
      throw invalid(`${name} lacks its url, size or SHA-256`);
    }
    const shardUrl = resolve(shard.url, url);
    if (shardUrl?.origin !== folder.origin || !shardUrl.pathname.startsWith(folder.pathname)) {
      throw invalid(`${name} is at ${describe(shard.url)}, outside ${folder.pathname} on this server`);
    }
    return {url: shardUrl, bytes: shard.bytes, sha256: shard.sha256};
  });
  const shardBytes = checked.reduce((sum, shard) => sum + shard.bytes, 0);
  if (shardBytes !== model.bytes) {
    throw invalid(`its shards hold ${shardBytes} bytes but the model has ${model.bytes}`);
  }
  return {model, labels, shards: checked};
}

// url resolved against base, or null if it is no URL at all. (URL.parse does this, but only in recent browsers.)
function resolve(url, base) {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

// A byte count: a whole number from 0 up to what a double holds exactly.
function isSize(value) {
  return Number.isSafeInteger(value) && value >= 0;
}

// A manifest value quoted in an error, cut short: a damaged manifest may hold anything.
function describe(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// A successful response for url; what names the file in errors.
async function fetchOk(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new NetworkError(`Could not download ${what} from ${url.pathname}: the network connection failed. `
        + 'Check the connection and that the Lenslet server is running, then reload.');
  }
  if (!response.ok) {
    const status = [response.status, response.statusText].filter(Boolean).join(' ');
    throw new Error(`Could not download ${what} from ${url.pathname}: the server answered ${status}. `
        + 'Reload to try again.');
  }
  return response;
}

// The shard at url, which must be expectedBytes long, reporting the bytes received so far. A shard of the wrong
// length is corrupted; one that is too long is cut off rather than read to its end.
async function download(url, name, expectedBytes, onProgress) {
  const response = await fetchOk(url, `${name} of the model`);
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (e) {
      throw new NetworkError(`The download of ${name} of the model from ${url.pathname} broke off: the network `
          + 'connection failed. Check the connection, then reload.');
    }
    if (chunk.done) {
      break;
    }
    if (received + chunk.value.length > expectedBytes) {
      reader.cancel();
      throw corrupted(`${name} is longer than the manifest says`, url);
    }
    chunks.push(chunk.value);
    received += chunk.value.length;
    onProgress(received);
  }
  if (received !== expectedBytes) {
    throw corrupted(`${name} is shorter than the manifest says`, url);
  }
  const shard = new Uint8Array(received);
  chunks.reduce((at, chunk) => (shard.set(chunk, at), at + chunk.length), 0);
  return shard;
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The model download starts at once, while the build may still be loading.
async function handleLoad(runtime, request) {
  const [{build, java, simd}, model] = await Promise.all([runtime, modelSource(request)]);
  const start = performance.now();
  let loaded;
  try {
    loaded = loadClassifier(java, build, simd, model, request.arithmetic);
    java.modelLoaded(model.bytes);
  } catch (e) {
    throw unusable(model.source, e);
  }
  const running = java.simdKernels() ? `${build}+simd` : build;
  return {type: 'loaded', id: request.id, build: running, ...loaded, ms: performance.now() - start};
}

// Integer arithmetic is the faster in Wasm (three uint8 products per 64-bit multiply); TeaVM's JavaScript emulates
// 64-bit multiplies, so there float is. A model integer arithmetic cannot run exactly (per-channel) gets float.
// Resolves to {arithmetic, description}.
function loadClassifier(java, build, simd, model, requested) {
  const load = (arithmetic) => ({arithmetic,
    description: java.load(model.bytes, model.labels, arithmetic, simd)});
  if (requested != null) {
    return load(requested);
  }
  if (build === 'wasm') {
    try {
      return load('integer');
    } catch {
      // Float arithmetic runs every model Lenslet supports, and says what is wrong with one it cannot.
    }
  }
  return load('float');
}

// The classifier refused the model's bytes: said of a download, they passed every SHA-256 check, so what the
// server has is itself not a model Lenslet can run, and reloading cannot help.
function unusable(source, e) {
  if (source === 'given') {
    return new Error(`The model cannot be used: ${messageOf(e)}`);
  }
  return new Error(`The model described by ${source.pathname} cannot be used: ${messageOf(e)}. It arrived intact, `
      + 'so the server\'s model file itself is not one Lenslet can run: ask its operator to check it.');
}

async function handleClassify(runtime, request) {
  const {java} = await runtime;
  const {width, height, k = 5, crop = 'center'} = request;
  if (crop !== 'center' && crop !== 'squash') {
    throw new Error(`crop must be 'center' or 'squash', not ${JSON.stringify(crop)}`);
  }
  const pixels = int8View(request.pixels, 'pixels');
  const start = performance.now();
  const withHead = java.headInUse();
  const top = JSON.parse(withHead ? java.classifyWithHead(pixels, width, height, k, crop === 'center')
      : java.classify(pixels, width, height, k, crop === 'center'));
  const result = {type: 'result', id: request.id, top, ms: performance.now() - start};
  if (request.maps > 0 || request.embedding) {
    // Maps are of ImageNet's classes: a taught head's answers get the embedding only.
    explain(java, withHead ? {...request, maps: 0} : request, top, result);
  }
  return result;
}

// Adds the maps and embedding asked for to the result; a model that has none still gets its classes.
function explain(java, {maps = 0, embedding = false, width, height}, top, result) {
  const start = performance.now();
  try {
    if (maps > 0) {
      result.maps = top.slice(0, maps).map((prediction) => {
        const map = JSON.parse(java.activationMap(prediction.index, width, height));
        return {...map, values: Float32Array.from(map.values)};
      });
    }
    if (embedding) {
      result.embedding = java.embedding();
    }
    result.explainMs = performance.now() - start;
  } catch (e) {
    result.explainError = messageOf(e);
  }
}

async function handleEmbed(runtime, request) {
  const {java} = await runtime;
  const {width, height, crop = 'center'} = request;
  if (crop !== 'center' && crop !== 'squash') {
    throw new Error(`crop must be 'center' or 'squash', not ${JSON.stringify(crop)}`);
  }
  java.classify(int8View(request.pixels, 'pixels'), width, height, 1, crop === 'center');
  return {type: 'embedded', id: request.id, embedding: java.embedding()};
}

// Trains epoch by epoch, reporting each, so that the page can show the progress and the loss as they come.
async function handleTrain(runtime, request) {
  const {java} = await runtime;
  const {id, names, embeddings, classIndices} = request;
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')
      || !(embeddings instanceof Float32Array) || !(classIndices instanceof Int32Array)) {
    throw new Error('train needs names (strings), embeddings (Float32Array) and classIndices (Int32Array)');
  }
  const start = performance.now();
  java.trainBegin();
  names.forEach((name) => java.trainAddClass(name));
  java.trainAddExamples(embeddings, classIndices);
  const maxEpochs = java.trainMaxEpochs();
  while (java.trainStep()) {
    self.postMessage({type: 'training', id, epoch: java.trainEpoch(), maxEpochs, loss: java.trainLoss()});
  }
  const result = {epochs: java.trainEpoch(), loss: java.trainLoss(), accuracy: java.trainAccuracy()};
  // A copy of exactly the file's bytes, whatever buffer the build's array lives in.
  const head = new Int8Array(java.trainedHeadFile()).buffer;
  return {type: 'trained', id, head, ...result, ms: performance.now() - start};
}

async function handleHead(runtime, request) {
  const {java} = await runtime;
  const classes = request.head == null ? null : JSON.parse(java.installHead(int8View(request.head, 'head')));
  java.useHead(request.use === true);
  return {type: 'head', id: request.id, classes, use: java.headInUse()};
}

function checkedRuns(runs) {
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`runs must be a positive integer, not ${JSON.stringify(runs)}`);
  }
  return runs;
}

// Times whole classify calls (copy in, preprocess, network, top 5 as JSON), as the page pays them per frame.
async function handleBench(runtime, request) {
  const {java} = await runtime;
  const {width, height} = request;
  const runs = checkedRuns(request.runs);
  const pixels = int8View(request.pixels, 'pixels');
  const ms = [];
  let top;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    top = java.classify(pixels, width, height, 5, true);
    ms.push(performance.now() - start);
  }
  return {type: 'bench', id: request.id, top: JSON.parse(top), ms, bytesTransferred: bytesTransferred()};
}

// Times each layer alone (the network only: no copy in, preprocessing or top 5), for /bench.html?profile=layers.
async function handleProfile(runtime, request) {
  const {java} = await runtime;
  const {width, height} = request;
  const runs = checkedRuns(request.runs);
  const {layers} = JSON.parse(java.profileLayers(int8View(request.pixels, 'pixels'), width, height, runs));
  return {type: 'profile', id: request.id, layers};
}

// Bytes this worker fetched (its modules, the Wasm, the manifest and shards): encoded body plus headers as sent;
// cached responses count 0.
function bytesTransferred() {
  return performance.getEntriesByType('resource').reduce((sum, entry) => sum + entry.transferSize, 0);
}

const handlers = {load: handleLoad, classify: handleClassify, bench: handleBench, profile: handleProfile,
  embed: handleEmbed, train: handleTrain, head: handleHead};

function messageOf(e) {
  return (e instanceof Error ? e.message || e.name : String(e)) || 'Unknown error';
}

async function handle(request) {
  try {
    const handler = handlers[request.type];
    if (!handler) {
      throw new Error(`Unknown message type ${JSON.stringify(request.type)}`);
    }
    self.postMessage(await handler(runtime, request));
  } catch (e) {
    self.postMessage({type: 'error', id: request.id, message: messageOf(e)});
  }
}

// One request at a time, in arrival order, so a classify sent right after a load sees that model.
let queue = Promise.resolve();
self.onmessage = (event) => {
  const request = event.data ?? {};
  queue = queue.then(() => handle(request));
};
