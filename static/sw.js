// Lenslet service worker: after one visit the page starts, loads its model and classifies with no network.
//
// Caches:
//   lenslet-shell-v<N>         the app shell, precached on install; served cache-first.
//   lenslet-model-<modelSha16> one model's manifest and weight shards; one such cache at a time.
// Requests it leaves to the network: anything but GET, other origins, /api/ (answers about the user's own
// images must never be replayed from a cache), and same-origin files outside the shell.
// Caching the model is best effort: when storage is full, requests are still answered from the network. Then, and
// when the shell itself does not fit (the install fails), every open page is sent {type: 'STORAGE_FULL'} so that
// it can say Lenslet is not kept for offline use.

// Bump SHELL_VERSION in every release that changes any file in SHELL_FILES (or this list): the changed sw.js is
// what tells browsers there is an update, and the new number gives its files a cache of their own, so a page
// never mixes files from two releases. The new worker waits until the page asks it to take over.
const SHELL_VERSION = 3;
const SHELL_CACHE = `lenslet-shell-v${SHELL_VERSION}`;
const SHELL_CACHE_PREFIX = 'lenslet-shell-';
const MODEL_CACHE_PREFIX = 'lenslet-model-';

// Relative to this script, which sits at the site root.
const SHELL_FILES = [
  './',
  'index.html',
  'app.css',
  'manifest.webmanifest',
  'icons/icon-192.png',
  'icons/icon-512.png',
  'icons/icon-maskable-192.png',
  'icons/icon-maskable-512.png',
  'icons/favicon-32.png',
  'worker.js',
  'js/page.js',
  'js/classifier.js',
  'wasm/classifier.wasm',
  'wasm/classifier.wasm-runtime.js',
];
const SHELL_PATHS = new Set(SHELL_FILES.map((file) => new URL(file, self.location.href).pathname));

const MODEL_MANIFEST_PATH = '/model/manifest.json';
// Shards are named by content: /model/<first 16 hex digits of the model's SHA-256>/<the shard's SHA-256>.bin.
const SHARD_PATH = /^\/model\/([0-9a-f]{16})\/([0-9a-f]{64})\.bin$/;

self.addEventListener('install', (event) => {
  // The shell first, then the model: on a nearly full device the room goes to what offline use cannot do
  // without. Storage checks each write against what is already stored, so shards written beside the shell could
  // take the space the shell needed, and the install would fail for a model that is only a cache.
  event.waitUntil(precacheShell().then(precacheModel));
  // No skipWaiting() here: an open page keeps the release it started with until the user accepts the update
  // (the page posts SKIP_WAITING), so its page script, worker and TeaVM builds never come from two releases.
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') {
    self.skipWaiting();
  }
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
        .filter((name) => name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE)
        .map((name) => caches.delete(name)));
    // Control the page that installed us, so that it works offline without first being reloaded.
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  if (url.pathname === MODEL_MANIFEST_PATH) {
    event.respondWith(modelManifestNetworkFirst(request, event));
    return;
  }
  const shard = SHARD_PATH.exec(url.pathname);
  if (shard) {
    event.respondWith(shardCacheFirst(request, shard[1], shard[2]));
    return;
  }
  if (SHELL_PATHS.has(url.pathname)) {
    event.respondWith(shellCacheFirst(request));
  }
});

// Without the whole shell there is no offline use: the install fails, and the page goes on online only.
async function precacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  try {
    // 'reload' skips the HTTP cache: a new release must not be assembled from the previous one's files.
    await cache.addAll(SHELL_FILES.map((file) => new Request(file, {cache: 'reload'})));
  } catch (e) {
    if (e?.name === 'QuotaExceededError') {
      await tellPagesStorageIsFull();
    }
    throw e;
  }
}

// Without this, the first visit's model download may happen before this worker controls the page, and the
// manifest (which is revalidated on every use) would then be missing offline. Best effort: a failure here must
// not block the shell; the page fetches the model through this worker later anyway.
async function precacheModel() {
  try {
    const response = await fetch(MODEL_MANIFEST_PATH, {cache: 'no-cache'});
    if (!response.ok) {
      return;
    }
    const {modelKey, shards} = await rememberModelManifest(response);
    await Promise.all(shards.map(({url, shardSha}) => shardCacheFirst(new Request(url), modelKey, shardSha)));
  } catch (e) {
    console.warn('Lenslet service worker: could not precache the model; it is cached when the page loads it:', e);
  }
}

// Cache-first, versioned: the shell only changes with a new sw.js (see SHELL_VERSION), so the cache is always
// current. The query is ignored in the lookup because it only carries options (?build=js) for the page and the
// worker; but a document or worker takes its URL from the response it is given, so a response cached under
// another URL is handed over as a new Response, which has none, leaving the requested URL (and query) in place.
async function shellCacheFirst(request) {
  const cached = await caches.match(request, {cacheName: SHELL_CACHE, ignoreSearch: true});
  if (!cached) {
    return fetch(request);
  }
  return cached.url === request.url ? cached : new Response(cached.body, cached);
}

// Network-first, so a server with a new model is noticed at once; the cached copy is what lets the page start
// offline, and it is also used when the server answers with an error (a server restarting, a model missing).
async function modelManifestNetworkFirst(request, event) {
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const cached = await caches.match(MODEL_MANIFEST_PATH);
    if (cached) {
      return cached;
    }
    throw offline;
  }
  if (!response.ok) {
    return (await caches.match(MODEL_MANIFEST_PATH)) ?? response;
  }
  event.waitUntil(rememberModelManifest(response.clone()).catch((e) =>
      console.warn('Lenslet service worker: model manifest not cached:', e)));
  return response;
}

// Keeps the manifest beside its own shards, in the model's cache, so an offline start always pairs a manifest
// with the shards it lists; caches of other models are deleted, as only one model is served at a time. Resolves to
// {modelKey, shards: [{url, shardSha}]}. A damaged manifest is neither kept nor followed: each shard must be one of
// this model's content-named shards on this server, so no request goes elsewhere.
async function rememberModelManifest(response) {
  const manifest = await response.clone().json();
  const modelKey = /^[0-9a-f]{64}$/.exec(manifest?.model?.sha256)?.[0].slice(0, 16);
  const shards = Array.isArray(manifest?.shards) ? manifest.shards.map((shard) => modelShard(shard, modelKey)) : null;
  if (!modelKey || shards === null || shards.includes(null)) {
    throw new Error('not a Lenslet model manifest');
  }
  const cacheName = MODEL_CACHE_PREFIX + modelKey;
  await putBestEffort(await caches.open(cacheName), MODEL_MANIFEST_PATH, response);
  const names = await caches.keys();
  await Promise.all(names
      .filter((name) => name.startsWith(MODEL_CACHE_PREFIX) && name !== cacheName)
      .map((name) => caches.delete(name)));
  return {modelKey, shards};
}

// {url, shardSha} of a manifest's shard entry, if its url names one of model modelKey's shards on this server;
// else null. The url is relative to the manifest's, as the page's worker reads it.
function modelShard(shard, modelKey) {
  let url;
  try {
    url = new URL(shard?.url, new URL(MODEL_MANIFEST_PATH, self.location.href));
  } catch {
    return null;
  }
  const match = typeof shard.url === 'string' && url.origin === self.location.origin && SHARD_PATH.exec(url.pathname);
  return match?.[1] === modelKey ? {url: url.href, shardSha: match[2]} : null;
}

// Cache-first: a shard's URL names its content, so a cached shard is never stale. It is cached only if its bytes
// match the SHA-256 in its name, so a shard damaged in transit is not kept (and served) for good; the damaged
// response still goes to the page, whose own check reports it.
async function shardCacheFirst(request, modelKey, shardSha) {
  const cache = await caches.open(MODEL_CACHE_PREFIX + modelKey);
  const cached = await cache.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok && await sha256Hex(await response.clone().arrayBuffer()) === shardSha) {
    await putBestEffort(cache, request, response.clone());
  }
  return response;
}

// A cache that cannot take the response (storage full, most often) must not fail the request: the response is
// still used, just not kept.
async function putBestEffort(cache, request, response) {
  try {
    await cache.put(request, response);
  } catch (e) {
    if (e?.name === 'QuotaExceededError') {
      await tellPagesStorageIsFull();
    } else {
      console.warn('Lenslet service worker: not cached:', request.url ?? request, e);
    }
  }
}

// Pages not yet controlled too: on the first visit, this worker is still installing.
async function tellPagesStorageIsFull() {
  const pages = await self.clients.matchAll({type: 'window', includeUncontrolled: true});
  pages.forEach((page) => page.postMessage({type: 'STORAGE_FULL'}));
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
