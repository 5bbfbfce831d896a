// The installable app on every page: registers the service worker, keeps the signed-in user's
// reports on the device while online, says when there is no connection, and clears the device
// at logout. Words come from the page (#offline-strings), never from this file.
(() => {
  "use strict";

  const STATE_URL = "/offline/state.json";
  const WORKER_URL = "/sw.js";
  const DATABASE = "tendik-offline";
  const UNSENT = ["pending", "conflict", "refused"];
  const LOW_FRACTION = 0.1;
  const LOW_BYTES = 5 * 1024 * 1024;

  const userMeta = document.querySelector("meta[name='tendik-user']");
  const user = userMeta && userMeta.content ? Number(userMeta.content) : null;
  const stringsNode = document.getElementById("offline-strings");
  const strings = stringsNode ? JSON.parse(stringsNode.textContent) : {};
  const hasWorker = "serviceWorker" in navigator;
  let fromCache = false;  // the worker served this page from the device

  function format(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, (match, key) => String(values[key]));
  }

  // --- state.json: null when the session is gone, a rejection when there is no connection

  async function state() {
    const response = await fetch(STATE_URL, {
      credentials: "same-origin", cache: "no-store", headers: {Accept: "application/json"}});
    if (response.status === 401) {
      return null;
    }
    if (!response.ok) {
      throw new Error("state.json: " + response.status);
    }
    return response.json();
  }

  // --- talking to the worker

  function ask(worker, message, timeoutMs) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = timeoutMs ? setTimeout(() => resolve(null), timeoutMs) : null;
      channel.port1.onmessage = (event) => {
        clearTimeout(timer);
        resolve(event.data);
      };
      worker.postMessage(message, [channel.port2]);
    });
  }

  async function sync(refresh) {
    if (user === null || !hasWorker) {
      return null;
    }
    if (!navigator.onLine) {
      return showSaved();
    }
    const current = await state().catch(() => null);
    if (!current) {
      return null;
    }
    const registration = await navigator.serviceWorker.ready;
    const reply = await ask(registration.active, {
      type: "sync", user: current.user, urls: current.urls, reports: current.reports,
      max_age_hours: current.max_age_hours, refresh: refresh === true});
    showCached(reply);
    checkStorage().catch(() => false);  // an estimate refused is no reason for an unhandled error
    return reply;
  }

  // Offline, the worker still knows what it keeps.
  async function showSaved() {
    const worker = navigator.serviceWorker.controller;
    const reply = worker && document.getElementById("offline-cached")
      ? await ask(worker, {type: "count"}, 3000) : null;
    showCached(reply);
    return reply;
  }

  // --- what the page shows

  function showBanner() {
    const banner = document.getElementById("offline-banner");
    if (!banner || !strings.offline_page) {  // the words come only for a signed-in user
      return;
    }
    const offline = !navigator.onLine || fromCache;
    banner.hidden = !offline;
    if (offline) {
      const queued = document.querySelector("[data-offline-queue]");
      banner.textContent = queued ? strings.offline_queue : strings.offline_page;
    }
  }

  function showCached(reply) {
    const node = document.getElementById("offline-cached");
    if (node && reply && reply.type === "cached") {
      node.textContent = format(strings.cached,
        {count: reply.count, size: Math.ceil(reply.bytes / 1024)});
      node.hidden = false;
    }
  }

  // Says so while there is still room, before a write fails. Returns true when space is low.
  async function checkStorage() {
    if (!navigator.storage || !navigator.storage.estimate) {
      return false;
    }
    const {quota, usage} = await navigator.storage.estimate();
    if (!quota) {
      return false;
    }
    const free = quota - usage;
    const low = free < LOW_BYTES || free / quota < LOW_FRACTION;
    const node = document.getElementById("offline-storage");
    if (node) {
      node.textContent = low ? format(strings.storage_low,
        {free: (free / 1024 / 1024).toFixed(1)}) : "";
      node.hidden = !low;
    }
    return low;
  }

  // --- the queue's database, read and removed without ever creating it

  function openQueue() {
    return new Promise((resolve) => {
      if (!window.indexedDB) {
        resolve(null);
        return;
      }
      const request = indexedDB.open(DATABASE);
      // An upgrade here means the database did not exist: creating an empty one would stop
      // queue.js from setting up its store later.
      request.onupgradeneeded = () => request.transaction.abort();
      request.onerror = () => resolve(null);
      request.onsuccess = () => resolve(request.result);
    });
  }

  async function unsentCount() {
    const db = await openQueue();
    if (!db) {
      return 0;
    }
    if (!db.objectStoreNames.contains("queue")) {
      db.close();
      return 0;
    }
    return new Promise((resolve) => {
      const request = db.transaction("queue").objectStore("queue").getAll();
      request.onsuccess = () => {
        db.close();
        resolve(request.result.filter(
          (item) => item.user === user && UNSENT.includes(item.state)).length);
      };
      request.onerror = () => {
        db.close();
        resolve(0);
      };
    });
  }

  function deleteQueue() {
    return new Promise((resolve) => {
      if (!window.indexedDB) {
        resolve();
        return;
      }
      const request = indexedDB.deleteDatabase(DATABASE);
      request.onsuccess = () => resolve();
      request.onerror = () => resolve();
      // Another tab still holds it open: the deletion completes when that tab lets go.
      request.onblocked = () => setTimeout(resolve, 500);
    });
  }

  async function clear() {
    const worker = hasWorker && navigator.serviceWorker.controller;
    if (worker) {
      await ask(worker, {type: "clear"}, 2000);
    }
    if (window.caches) {
      for (const name of await caches.keys()) {
        if (name.startsWith("tendik-")) {
          await caches.delete(name);
        }
      }
    }
    await deleteQueue();
  }

  // --- logout: warn about unsent changes, then leave nothing behind

  async function logout(form) {
    const count = await unsentCount().catch(() => 0);
    if (count && !window.confirm(format(strings.logout_unsent, {count}))) {
      return;
    }
    await clear().catch(() => null);
    form.submit();  // submit() fires no submit event, so this handler does not run again
  }

  document.addEventListener("submit", (event) => {
    if (event.target.matches("[data-logout]")) {
      event.preventDefault();
      logout(event.target);
    }
  });

  window.tendikOffline = {state, clear, sync, checkStorage};

  showBanner();
  window.addEventListener("offline", showBanner);
  window.addEventListener("online", () => {
    showBanner();
    sync();
  });
  if (hasWorker) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "from-cache") {
        fromCache = true;
        showBanner();
      }
    });
    navigator.serviceWorker.startMessages();  // delivers what the worker sent before we listened
  }
  if (user !== null && hasWorker) {
    // The worker first learns who is signed in: pages it keeps for someone else are dropped
    // before this person can go offline and be shown them.
    navigator.serviceWorker.register(WORKER_URL, {scope: "/"})
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => ask(registration.active, {type: "user", user}, 3000))
      .then(() => sync())
      .catch(() => null);
  }
})();
