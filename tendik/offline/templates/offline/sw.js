// Tendik's service worker, hand-written: see docs/decisions/0012-offline-service-worker.md.
// It keeps the signed-in user's open reports readable without a connection and never touches
// writes, the API, the session or downloads.
"use strict";

const VERSION = "{{ version }}";
const STATIC_CACHE = "tendik-static-" + VERSION;
const STATE_CACHE = "tendik-state";
const PAGES_PREFIX = "tendik-pages-u";
const STATE_KEY = "{{ state_key }}";
const ASSETS = {{ assets|safe }};
const STATIC_PREFIX = "{{ static_prefix }}";
const OFFLINE_PAGE = "{{ offline_page }}";
// Prefixes the worker leaves to the browser: writes go through the API, the session must never
// come from a cache, and downloads are fetched as they are.
const NEVER = {{ never|safe }};
const DOWNLOAD = /(\.(xlsx|xls|docx|pdf|csv|zip|xml|json)|\/(file|download)\/)$/i;
const NETWORK_TIMEOUT_MS = 4000;  // a rural connection that hangs still shows the saved page
const REFRESH_AFTER_MS = 10 * 60 * 1000;  // a sync does not refetch a page saved minutes ago
const HOUR_MS = 3600 * 1000;
const NOTHING = {type: "cached", count: 0, bytes: 0};
// Every page of base.html names its user; a page without the tag (the offline page) names none.
const PAGE_USER = /<meta name="tendik-user" content="(\d*)">/;

let stateMemo = null;
// Raised by "clear": a page fetched before the logout must not be written back after it.
let generation = 0;

self.addEventListener("install", (event) => {
  self.skipWaiting();
  // One file that fails (a slow or cut connection) must not stop the worker from installing:
  // cacheFirst falls back to the network and the next sync adds what is missing.
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => Promise.all(
    [...ASSETS, OFFLINE_PAGE].map((url) => cache.add(url).catch(() => null)))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    await self.clients.claim();  // the page that registered the worker is served by it at once
    for (const name of await caches.keys()) {
      if (name.startsWith("tendik-static-") && name !== STATIC_CACHE) {
        await caches.delete(name);
      }
    }
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || left(url.pathname)) {
    return;
  }
  // A fault in the worker (storage gone, a broken saved state) must not break the site: the
  // request then goes to the network as if there were no worker.
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, url.pathname + url.search)
      .catch(() => fetch(request)));
  } else if (ASSETS.includes(url.pathname)) {
    event.respondWith(cacheFirst(request).catch(() => fetch(request)));
  }
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "sync") {
    event.waitUntil(sync(data).then((summary) => reply(event, summary)));
  } else if (data.type === "user") {
    // Claimed again: a page whose navigation began before activation was not claimed then.
    event.waitUntil(self.clients.claim().then(() => learn(data.user))
      .then(() => reply(event, {type: "learned"})));
  } else if (data.type === "count") {
    event.waitUntil(count().then((summary) => reply(event, summary)));
  } else if (data.type === "clear") {
    event.waitUntil(clear().then(() => reply(event, {type: "cleared"})));
  }
});

function left(path) {
  return NEVER.some((prefix) => path.startsWith(prefix)) || DOWNLOAD.test(path);
}

function reply(event, message) {
  const port = event.ports && event.ports[0];
  if (port) {
    port.postMessage(message);
  } else if (event.source) {
    event.source.postMessage(message);
  }
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// --- the user's state (who is signed in, which pages to keep), kept across worker restarts

async function readState() {
  if (!stateMemo) {
    const saved = await caches.match(STATE_KEY, {cacheName: STATE_CACHE});
    stateMemo = saved ? await saved.json() : null;
  }
  return stateMemo;
}

async function writeState(state) {
  const cache = await caches.open(STATE_CACHE);
  await cache.put(STATE_KEY, new Response(JSON.stringify(state),
    {headers: {"Content-Type": "application/json"}}));
  stateMemo = state;
}

// A page names a user other than the one the worker last learned (a session expired without
// logout, then someone else signed in): the previous user's pages and state go before the
// device can go offline and serve them to the new user.
async function learn(user) {
  const state = await readState();
  if (!user || (state && state.user === user)) {
    return;
  }
  await writeState({user, pages: [], reports: [], max_age_hours: 0});
  await dropOtherUsers(user);
}

// --- pages

async function navigate(event, key) {
  const state = await readState();
  if (!state || !state.pages.includes(key)) {
    try {
      return await fetch(event.request);
    } catch (error) {
      return offlinePage(state);
    }
  }
  return networkFirst(event, state, key);
}

async function networkFirst(event, state, key) {
  const gen = generation;
  const network = fetch(event.request);
  // Registered now, while the event may still be extended, rather than when the answer comes.
  event.waitUntil(network.then((response) => storable(response)
    && store(state.user, key, response.clone(), gen)).catch(() => null));
  const first = await Promise.race([network.catch(() => null), delay(NETWORK_TIMEOUT_MS)]);
  if (first) {
    return first;  // whatever the server says, a refusal or a login page included
  }
  const cached = await cachedPage(state, key);
  if (cached) {
    event.waitUntil(tellFromCache(event.resultingClientId, cachedAt(cached)));
    return cached;
  }
  return (await network.catch(() => null)) || offlinePage(state);
}

// The browser may still think it is online (a connection that hangs): the page learns it shows
// a saved copy, and says so, once its window exists.
async function tellFromCache(clientId, at) {
  for (let attempt = 0; clientId && attempt < 40; attempt += 1) {
    const client = await self.clients.get(clientId);
    if (client) {
      client.postMessage({type: "from-cache", cached_at: at});
      return;
    }
    await delay(250);
  }
}

function storable(response) {
  const type = response.headers.get("Content-Type") || "";
  return response.status === 200 && !response.redirected && response.type === "basic"
    && type.startsWith("text/html");
}

async function store(user, key, response, gen) {
  const body = await response.text();
  const named = PAGE_USER.exec(body);
  if (named && named[1] !== String(user)) {
    // Someone else's page (or the login page): never kept under this user's name.
    await learn(Number(named[1]) || null);
    return;
  }
  if (gen !== generation) {
    return;
  }
  const headers = new Headers(response.headers);
  // The body is already decoded; a copied encoding or length would make it unreadable. Vary
  // would make later lookups miss (the worker's requests carry no cookie), and `Vary: *` would
  // make cache.put throw.
  headers.delete("Content-Encoding");
  headers.delete("Content-Length");
  headers.delete("Vary");
  headers.set("X-Tendik-Cached-At", String(Date.now()));
  const cache = await caches.open(PAGES_PREFIX + user);
  await cache.put(key, new Response(body, {status: 200, statusText: "OK", headers}));
}

function cachedAt(response) {
  return Number(response.headers.get("X-Tendik-Cached-At")) || 0;
}

function expired(response, state) {
  return Date.now() - cachedAt(response) > state.max_age_hours * HOUR_MS;
}

async function cachedPage(state, key) {
  const name = PAGES_PREFIX + state.user;
  if (!(await caches.has(name))) {
    return null;
  }
  const cache = await caches.open(name);
  const response = await cache.match(key, {ignoreVary: true});
  if (response && expired(response, state)) {
    await cache.delete(key, {ignoreVary: true});
    return null;
  }
  return response || null;
}

async function offlinePage(state) {
  const own = state && await cachedPage(state, OFFLINE_PAGE);
  const shared = own || await caches.match(OFFLINE_PAGE, {cacheName: STATIC_CACHE});
  return shared || new Response("", {status: 503, statusText: "Offline"});
}

// --- static files

async function cacheFirst(request) {
  // caches.match never creates a cache: after a logout none comes back until the next sync.
  const hit = await caches.match(request, {cacheName: STATIC_CACHE});
  return hit || fetch(request);
}

// --- messages from the page

async function sync({user, urls, reports, max_age_hours: maxAgeHours, refresh}) {
  const gen = generation;
  const pages = urls.filter((url) => !url.startsWith(STATIC_PREFIX));
  const state = {user, pages, reports: reports || [], max_age_hours: maxAgeHours};
  await dropOtherUsers(user);
  if (gen !== generation) {
    return NOTHING;  // logged out meanwhile: write nothing back
  }
  await writeState(state);
  const cache = await caches.open(PAGES_PREFIX + user);
  await dropUnlisted(cache, state);
  for (const page of pages) {
    if (gen !== generation) {
      break;
    }
    await refreshPage(cache, state, page, gen, refresh === true);
  }
  if (gen !== generation) {
    return NOTHING;
  }
  await keepAssets(urls.filter((url) => url.startsWith(STATIC_PREFIX)));
  return summary(cache, state);
}

async function dropOtherUsers(user) {
  for (const name of await caches.keys()) {
    if (name.startsWith(PAGES_PREFIX) && name !== PAGES_PREFIX + user) {
      await caches.delete(name);
    }
  }
}

// A report the user can no longer edit (or see) is not in the list any more: it goes, as do
// copies older than the allowed lifetime.
async function dropUnlisted(cache, state) {
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    const response = await cache.match(request, {ignoreVary: true});
    const key = url.pathname + url.search;
    if (!response || !state.pages.includes(key) || expired(response, state)) {
      await cache.delete(request);
    }
  }
}

async function refreshPage(cache, state, page, gen, force) {
  const saved = await cache.match(page, {ignoreVary: true});
  if (saved && !force && Date.now() - cachedAt(saved) < REFRESH_AFTER_MS) {
    return;
  }
  try {
    // Not followed: a session that just ended would be sent to the login page, whose new CSRF
    // cookie would spoil the form the person is signing in with at that moment.
    const response = await fetch(page, {credentials: "same-origin", cache: "no-store",
                                        redirect: "manual"});
    if (storable(response)) {
      await store(state.user, page, response, gen);
    } else if (response.status === 403 || response.status === 404) {
      await cache.delete(page, {ignoreVary: true});
    }
  } catch (error) {
    // No connection: the saved copy stays until it expires.
  }
}

async function keepAssets(assets) {
  const cache = await caches.open(STATIC_CACHE);
  for (const asset of assets) {
    if (!(await cache.match(asset))) {
      await cache.add(asset).catch(() => null);
    }
  }
}

async function summary(cache, state) {
  let count = 0;
  let bytes = 0;
  for (const request of await cache.keys()) {
    const response = await cache.match(request, {ignoreVary: true});
    bytes += response ? (await response.blob()).size : 0;
    if (state.reports.includes(new URL(request.url).pathname)) {
      count += 1;
    }
  }
  return {type: "cached", count, bytes};
}

// What is on the device now, without a connection: the figure «Мои отчёты» shows offline.
async function count() {
  const state = await readState();
  const name = state && PAGES_PREFIX + state.user;
  if (!state || !(await caches.has(name))) {
    return NOTHING;
  }
  return summary(await caches.open(name), state);
}

async function clear() {
  generation += 1;
  stateMemo = null;
  for (const name of await caches.keys()) {
    if (name.startsWith("tendik-")) {
      await caches.delete(name);
    }
  }
}
