// Lenslet classifier worker: runs the Java classifier (compiled by TeaVM) off the main thread.
// Start it as a module worker: new Worker('worker.js', {type: 'module'}); add ?build=js or ?build=wasm to force
// a build. Without it the WebAssembly GC build is used where the browser supports it, else the JavaScript one.
//
// Messages in:
//   {type: 'load', id, model: ArrayBuffer, labels: string | null}
//   {type: 'classify', id, pixels: ArrayBuffer (RGBA, width*height*4), width, height, k = 5, crop = 'center'|'squash'}
// Messages out:
//   {type: 'ready', build}                                   once the build is loaded ('wasm' or 'js')
//   {type: 'loaded', id, build, description, ms}
//   {type: 'result', id, top: [{index, label, score}], ms}   index: ImageNet class 0..999; best first
//   {type: 'error', id, message}                             for every failure; id is absent if no request caused it
// Requests are answered in the order they arrive; those sent before 'ready' wait for it.

// A type section declaring one empty struct: only browsers with Wasm GC accept it.
const WASM_GC_PROBE = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 3, 1, 0x5f, 0]);

function supportsWasmGC() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(WASM_GC_PROBE);
  } catch {
    return false;
  }
}

async function loadWasmBuild() {
  const runtime = await import('./wasm/classifier.wasm-runtime.js');
  const teavm = await runtime.load(new URL('wasm/classifier.wasm', import.meta.url).href);
  return teavm.exports;
}

async function loadJsBuild() {
  return import('./js/classifier.js');
}

// Resolves to {build, java}: java holds the exported functions of ClassifierWorker, the same in both builds.
async function loadBuild(requested) {
  if (requested === 'js') {
    return {build: 'js', java: await loadJsBuild()};
  }
  if (requested === 'wasm') {
    return {build: 'wasm', java: await loadWasmBuild()};
  }
  if (requested !== 'auto') {
    throw new Error(`build must be 'wasm', 'js' or 'auto', not ${JSON.stringify(requested)}`);
  }
  if (supportsWasmGC()) {
    try {
      return {build: 'wasm', java: await loadWasmBuild()};
    } catch (e) {
      // The probe passed but the module did not load (a Wasm feature TeaVM also uses is missing): use JS.
      console.warn('Lenslet: WebAssembly GC build failed to load, using the JavaScript build:', e);
    }
  }
  return {build: 'js', java: await loadJsBuild()};
}

const requestedBuild = new URL(self.location.href).searchParams.get('build') ?? 'auto';
const runtime = loadBuild(requestedBuild);
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

// The model's bytes. Fetching the model in shards and checking their SHA-256 belongs here. The JavaScript build
// keeps a view of these bytes, not a copy: the buffer must not be reused or transferred after loading.
async function modelBytes(request) {
  return int8View(request.model, 'model');
}

async function handleLoad({build, java}, request) {
  const model = await modelBytes(request);
  const start = performance.now();
  const description = java.load(model, request.labels ?? null);
  return {type: 'loaded', id: request.id, build, description, ms: performance.now() - start};
}

function handleClassify({java}, request) {
  const {width, height, k = 5, crop = 'center'} = request;
  if (crop !== 'center' && crop !== 'squash') {
    throw new Error(`crop must be 'center' or 'squash', not ${JSON.stringify(crop)}`);
  }
  const pixels = int8View(request.pixels, 'pixels');
  const start = performance.now();
  const top = JSON.parse(java.classify(pixels, width, height, k, crop === 'center'));
  return {type: 'result', id: request.id, top, ms: performance.now() - start};
}

const handlers = {load: handleLoad, classify: handleClassify};

function messageOf(e) {
  return (e instanceof Error ? e.message || e.name : String(e)) || 'Unknown error';
}

async function handle(request) {
  try {
    const handler = handlers[request.type];
    if (!handler) {
      throw new Error(`Unknown message type ${JSON.stringify(request.type)}`);
    }
    self.postMessage(await handler(await runtime, request));
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
