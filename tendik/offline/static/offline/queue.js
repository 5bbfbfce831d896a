// The report page's device queue: edits made without a connection wait in IndexedDB and go out
// in order through the API once it is back. Nothing typed is dropped silently, no item is sent
// under another user's session, and a retry reuses the item's client_id so the server answers
// with its first result instead of writing twice (issue 16, interfaces.md).
(() => {
  "use strict";
  const root = document.querySelector("[data-offline-queue]");
  if (!root || !window.indexedDB) return;
  const REPORT = Number(root.dataset.report);
  const USER = Number(root.dataset.user);
  const API = root.dataset.api;
  const EDITABLE = root.dataset.editable === "1";
  const FILE_MAX = 5 * 1024 * 1024;
  const FILES_MAX = 20 * 1024 * 1024;
  const SYNCED_SHOWN_MS = 10 * 60 * 1000;
  const S = {};
  root.querySelectorAll("[data-s]").forEach((node) => { S[node.dataset.s] = node.textContent.trim(); });
  const $ = (selector, scope = document) => scope.querySelector(selector);
  let items = [];
  let running = false;
  let sendingId = null;
  let expired = false;
  let note = "";
  let chain = Promise.resolve();

  // IndexedDB ------------------------------------------------------------------------------------
  let opened = null;
  function db() {
    // No version number: whichever script opens the database first creates the store.
    opened = opened || new Promise((resolve, reject) => {
      const request = indexedDB.open("tendik-offline");
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains("queue")) {
          request.result.createObjectStore("queue", { keyPath: "client_id" });
        }
      };
      request.onsuccess = () => {
        request.result.onversionchange = () => { request.result.close(); opened = null; };
        resolve(request.result);
      };
      request.onerror = () => { opened = null; reject(request.error); };
    });
    return opened;
  }
  function tx(mode, work) {
    return db().then((database) => new Promise((resolve, reject) => {
      const transaction = database.transaction("queue", mode);
      const request = work(transaction.objectStore("queue"));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    }));
  }
  const getAll = () => tx("readonly", (store) => store.getAll());
  const getOne = (id) => tx("readonly", (store) => store.get(id));
  const put = (item) => tx("readwrite", (store) => store.put(item));
  const remove = (id) => tx("readwrite", (store) => store.delete(id));

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  async function load() {
    const now = Date.now();
    const all = await getAll();
    const old = all.filter((it) => it.state === "synced" && now - it.synced > SYNCED_SHOWN_MS);
    for (const it of old) await remove(it.client_id);
    items = all.filter((it) => it.user === USER && it.report === REPORT && !old.includes(it))
      .sort((a, b) => a.seq - b.seq);
    return all;
  }

  // Small DOM helpers ---------------------------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  function button(text, act, id, secondary) {
    const node = el("button", secondary ? "secondary" : "", text);
    node.type = "button";
    node.dataset.oqAct = act;
    node.dataset.id = id;
    return node;
  }
  const field = (form, name) => form && form.elements.namedItem(name);
  const value = (form, name) => { const node = field(form, name); return node ? node.value : ""; };
  const time = (ms) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const isoToLocal = (iso) => (iso || "").split("-").reverse().join(".");
  const measureOf = (form) => form.id.slice("progress-".length);
  const formOf = (it) => (it.kind === "progress" ? $(`#progress-${it.measure}`)
    : it.kind === "observations" ? $("#observations-form") : null);
  function pairs(form) {
    return Array.from(new FormData(form)).filter(([name, v]) => typeof v === "string"
      && name !== "csrfmiddlewaretoken");
  }
  function fill(form, list) {
    const byName = {};
    list.forEach(([name, v]) => (byName[name] = byName[name] || []).push(v));
    for (const node of form.elements) {
      if (!(node.name in byName) || node.type === "hidden" || node.type === "file") continue;
      const values = byName[node.name];
      if (node.type === "checkbox" || node.type === "radio") node.checked = values.includes(node.value);
      else if (node.multiple) Array.from(node.options).forEach((o) => { o.selected = values.includes(o.value); });
      else node.value = values[0];
    }
  }
  function labelOf(name) {
    const node = document.getElementsByName(name)[0];
    const row = node && node.closest(".form-row");
    const label = row ? $("label", row) : node && node.id && $(`label[for="${node.id}"]`);
    if (!label) return name;
    const legend = node.closest("fieldset") && $("legend", node.closest("fieldset"));
    return (legend ? `${legend.textContent.trim()} · ` : "") + label.textContent.replace(/\s*\*$/, "").trim();
  }

  // What a form says, as the API wants it ---------------------------------------------------------
  function progressDraft(form) {
    const p = `m${measureOf(form)}`;
    const body = {};
    ["status", "narrative_ru", "narrative_ky", "spent_currency", "reason"].forEach((k) => { body[k] = value(form, `${p}-${k}`); });
    const amount = value(form, `${p}-spent_amount`).replace(",", ".").trim();
    body.spent_amount = amount === "" ? null : amount;
    return { kind: "progress", measure: Number(measureOf(form)), url: `${API}progress/${measureOf(form)}/`,
      method: "PATCH", body, version: Number(value(form, `${p}-version`)), label: $("h3", form).textContent.trim() };
  }
  function observationsDraft(form) {
    const values = [];
    const names = [];
    form.querySelectorAll("input[name^='obs|']").forEach((input) => {
      if (input.value.trim() === "") return;
      const [, indicator, key] = input.name.split("|");
      const codes = {};
      key.split(";").filter(Boolean).forEach((part) => {
        const at = part.indexOf("=");
        codes[part.slice(0, at)] = part.slice(at + 1);
      });
      values.push({ indicator: Number(indicator), disaggregation: codes, value: input.value.trim(),
        override_reason: key ? "" : value(form, `override|${indicator}`) });
      names.push(input.name);
    });
    return { kind: "observations", url: `${API}observations/`, method: "PATCH", body: { values }, names,
      version: Number(value(form, "version")), label: S.observations };
  }
  function activityDraft(form) {
    const count = (name) => Number(value(form, name)) || 0;
    const ids = (name) => Array.from(form.querySelectorAll(`[name=${name}] option:checked`), (o) => Number(o.value));
    const body = {
      kind: value(form, "kind"), title: value(form, "title").trim(), start: value(form, "start"),
      end: value(form, "end"), territory: value(form, "territory") ? Number(value(form, "territory")) : null,
      venue: value(form, "venue").trim(),
      audiences: Array.from(form.querySelectorAll("[name=audiences]:checked"), (c) => c.value).join(","),
      participants_women: count("participants_women"), participants_men: count("participants_men"),
      participants_total: count("participants_total"), partners: ids("partners"), measures: ids("measures"),
    };
    return { kind: "activity", url: `${API}activities/`, method: "POST", body, version: null,
      label: `${S.activity}: ${body.title}` };
  }
  function evidenceDraft(form) {
    const file = field(form, "file") && field(form, "file").files[0];
    const fields = {};
    ["url", "measure", "description"].forEach((k) => { if (value(form, k)) fields[k] = value(form, k); });
    const body = { fields, file: file || null, name: file ? file.name : "", size: file ? file.size : 0 };
    return { kind: "evidence", url: `${API}evidence/`, method: "POST", body, version: null,
      label: `${S.evidence}: ${body.name || fields.url || ""}` };
  }
  const DRAFTS = { progress: progressDraft, observations: observationsDraft, activity: activityDraft, evidence: evidenceDraft };
  function kindOf(form) {
    if (!form || !form.id) return null;
    if (/^progress-\d+$/.test(form.id) && form.hasAttribute("hx-post")) return "progress";
    return { "observations-form": "observations", "activity-form": "activity", "evidence-form": "evidence" }[form.id] || null;
  }

  // Keeping an edit on the device -------------------------------------------------------------------
  function evidenceProblem(draft) {
    if (!draft.body.file) return draft.body.fields.url ? "" : S.no_file;
    if (draft.body.size > FILE_MAX) return S.file_big;
    const queued = items.filter((it) => it.kind === "evidence" && it.state !== "synced")
      .reduce((sum, it) => sum + (it.body.size || 0), 0);
    return queued + draft.body.size > FILES_MAX ? S.queue_big : "";
  }
  async function hasRoom(bytes) {
    if (!navigator.storage || !navigator.storage.estimate) return true;
    const { quota, usage } = await navigator.storage.estimate().catch(() => ({}));
    return !quota || quota - (usage || 0) > bytes + 1024 * 1024;
  }
  async function capture(form) {
    const kind = kindOf(form);
    clearErrors(form);
    const draft = DRAFTS[kind](form);
    if (kind === "evidence" && evidenceProblem(draft)) {
      return fieldError(field(form, "file"), evidenceProblem(draft), "");
    }
    try {
      if (!(await hasRoom(JSON.stringify(draft.body).length * 2 + (draft.body.size || 0)))) throw new Error("full");
      await store(draft, form);
    } catch (error) {
      // Quota errors included: the values stay in the form and the person is told.
      note = S.no_room;
      return render();
    }
    if (kind === "activity" || kind === "evidence") {
      if (form.dataset.oqFrom) await remove(form.dataset.oqFrom).catch(() => {});
      delete form.dataset.oqFrom;
      form.reset();
    }
    note = "";
    await refresh(false);
  }
  async function store(draft, form) {
    await load();
    const pair = pairs(form);
    const same = draft.kind === "progress" || draft.kind === "observations"
      ? items.find((it) => it.url === draft.url && it.state !== "synced") : null;
    const item = {
      client_id: uuid(), user: USER, report: REPORT, kind: draft.kind, url: draft.url, method: draft.method,
      body: draft.body, base_version: draft.version, label: draft.label, measure: draft.measure,
      names: draft.names, fields: pair, created: Date.now(), state: "pending", detail: "", current: null,
      seq: Math.max(Date.now(), ...items.map((it) => it.seq + 1)),
    };
    // Collapse into the one pending item: latest values, first base version. An item in flight
    // stays as it is (this edit follows it); one sent before gets a new client_id, or the server
    // would answer with its first result. After a conflict the form holds the current version.
    if (same && same.client_id !== sendingId) {
      item.seq = same.seq;
      item.created = same.created;
      if (same.state === "pending") item.base_version = same.base_version;
      if (same.state === "pending" && !same.tried) item.client_id = same.client_id;
      else await remove(same.client_id);
    }
    await put(item);
  }
  const enqueue = (form) => { chain = chain.then(() => capture(form)).catch(() => {}); return chain; };

  // Showing the queue on the page -----------------------------------------------------------------
  function clearErrors(scope) {
    (scope || document).querySelectorAll("[data-oq-error]").forEach((node) => node.remove());
    (scope || document).querySelectorAll("[data-oq-invalid]").forEach((node) => {
      node.removeAttribute("aria-invalid");
      node.removeAttribute("data-oq-invalid");
    });
  }
  function fieldError(node, message, id) {
    if (node && !node.tagName && node.length) node = node[0];  // a group of checkboxes
    if (!node) return false;
    const list = el("ul", "errorlist");
    list.setAttribute("role", "alert");
    list.dataset.oqError = id;
    list.append(el("li", "", message));
    (node.type === "checkbox" ? node.closest("div") || node : node).after(list);
    node.setAttribute("aria-invalid", "true");
    node.dataset.oqInvalid = "";
    return true;
  }
  function errorTarget(it, e) {
    const form = formOf(it) || (it.kind === "activity" && $("#activity-form")?.dataset.oqFrom === it.client_id
      ? $("#activity-form") : null);
    if (!form) return null;
    const name = e.field || e.column || "";
    if (it.kind === "progress") return field(form, `m${it.measure}-${name}`);
    if (it.kind === "activity") return field(form, name);
    if (e.indicator !== undefined && e.indicator !== null) {
      if (name === "override_reason") return field(form, `override|${e.indicator}`);
      return $(`#indicator-${e.indicator} input[data-key="${CSS.escape(e.disaggregation || "")}"]`, form);
    }
    const index = /^values\.(\d+)/.exec(name);
    return index && it.names ? field(form, it.names[Number(index[1])]) : null;
  }
  function placeErrors(it) {
    return (it.errors || []).filter((e) => !fieldError(errorTarget(it, e), e.message, it.client_id))
      .map((e) => e.message);
  }
  function savedText(it) {
    const c = it.current || {};
    if (it.kind === "progress") {
      const select = field(formOf(it), `m${it.measure}-status`);
      const option = select && Array.from(select.options).find((o) => o.value === c.status);
      return `${(option && c.status && option.textContent) || "—"} — ${c.narrative_ru || "—"}`;
    }
    const form = formOf(it);
    return (c.values || []).map((v) => {
      const name = `obs|${v.indicator}|${(v.disaggregation || "").split("|").join(";")}`;
      const input = form && field(form, name);
      return input && input.value.trim() !== String(v.value) ? `${labelOf(name)}: ${v.value}` : "";
    }).filter(Boolean).slice(0, 20).join("; ") || "—";
  }
  function conflictBox(it) {
    const box = el("div", "message error oq-conflict");
    box.setAttribute("role", "alert");
    box.dataset.conflict = "";
    box.dataset.oqBox = it.client_id;
    box.append(el("p", "", S.conflict_title), el("div", "", `${S.saved_now}: ${savedText(it)}`),
      el("div", "", S.yours_kept));
    const row = el("div", "oq-actions");
    row.append(button(S.keep_mine, "mine", it.client_id), button(S.keep_saved, "saved", it.client_id, true),
      button(S.copy_text, "copy", it.client_id, true));
    box.append(row);
    return box;
  }
  function badge(it) {
    return el("span", `badge oq-badge oq-${it.state}`, it.state === "synced" ? `${S.synced} ${S.at} ${time(it.synced)}` : S[it.state]);
  }
  function activityRow(it) {
    const body = $("#activities-table tbody");
    if (!body) return;
    const b = it.body;
    const row = el("tr", "oq-row");
    row.dataset.oqRow = it.client_id;
    const title = el("td", "", `${b.title} `);
    title.append(badge(it));
    row.append(title, el("td", "", `${isoToLocal(b.start)}–${isoToLocal(b.end)}`),
      el("td", "num", b.participants_women), el("td", "num", b.participants_men), el("td", "num", b.participants_total));
    if ($("#activities-table thead tr").children.length > 5) row.append(el("td"));
    body.append(row);
  }
  function evidenceRow(it) {
    const list = $("#evidence-list");
    if (!list) return;
    const row = el("li", "oq-row", `${it.body.name || it.body.fields.url || ""} `);
    row.dataset.oqRow = it.client_id;
    row.append(badge(it));
    list.append(row);
  }
  function setVersion(it, version) {
    const form = formOf(it);
    const node = form && field(form, it.kind === "progress" ? `m${it.measure}-version` : "version");
    if (node && version !== undefined && version !== null) node.value = version;
  }
  function unplacedErrors(it) {
    it.unplaced = it.state === "refused" ? placeErrors(it) : [];
  }
  // Marks every item on its form or table; on the first run also puts the device's values back,
  // because a page from the cache holds what was saved when it was cached.
  function applyAll(restore) {
    clearErrors();
    document.querySelectorAll("[data-oq-box], [data-oq-row], [data-oq-mark]").forEach((node) => node.remove());
    for (const it of items) {
      const form = formOf(it);
      if (it.state === "synced") {
        const node = form && field(form, it.kind === "progress" ? `m${it.measure}-version` : "version");
        if (node && Number(node.value) < it.result_version) node.value = it.result_version;
      } else if (form && restore) {
        fill(form, it.fields || []);
        if (it.state === "conflict") setVersion(it, it.current.version);
      } else if (it.kind === "activity" && it.state === "refused" && it.errors && it.errors.length) {
        const activityForm = $("#activity-form");
        if (activityForm && !activityForm.dataset.oqFrom) {
          fill(activityForm, it.fields || []);
          activityForm.dataset.oqFrom = it.client_id;
          if (activityForm.closest("details")) activityForm.closest("details").open = true;
        }
      }
      // A synced row is the server's now (the page reloads after such a sync).
      if (it.kind === "activity" && it.state !== "synced") activityRow(it);
      if (it.kind === "evidence" && it.state !== "synced") evidenceRow(it);
      if (form && it.state === "conflict") $(it.kind === "progress" ? "h3" : "input[name=version]", form).after(conflictBox(it));
      else if (form && it.state !== "synced" && !(it.kind === "progress" && $(`#save-state-${it.measure}`))) {
        const mark = el("p", "message warning oq-mark");
        mark.dataset.oqMark = "";
        mark.append(badge(it));
        $("input[name=version]", form).after(mark);
      }
      const state = it.kind === "progress" && $(`#save-state-${it.measure}`);
      if (state) {
        state.textContent = it.state === "pending" ? S.stored : it.state === "synced"
          ? `${S.synced} ${S.at} ${time(it.synced)}` : S[it.state];
        state.dataset.saveState = `offline-${it.state}`;
      }
      unplacedErrors(it);
    }
    toggleEmpty("#activities-table tbody", "td[colspan]");
    toggleEmpty("#evidence-list", "li.muted");
  }
  function toggleEmpty(listSelector, emptySelector) {
    const list = $(listSelector);
    const empty = list && $(emptySelector, list);
    if (empty) (empty.closest("tr") || empty).hidden = !!$("[data-oq-row]", list);
  }
  function render() {
    const list = $("[data-oq-list]", root);
    list.textContent = "";
    for (const it of items) {
      const row = el("li", `oq-item oq-item-${it.state}`);
      const head = el("p");
      const link = formOf(it) ? el("a", "", it.label) : el("strong", "", it.label);
      if (link.tagName === "A") link.href = `#${formOf(it).id}`;
      head.append(link, " ", badge(it));
      row.append(head);
      if (it.detail && it.state !== "synced") row.append(el("p", "", `${S.reason}: ${it.detail}`));
      if ((it.unplaced || []).length) {
        const errors = el("ul", "errorlist");
        it.unplaced.forEach((message) => errors.append(el("li", "", message)));
        row.append(errors);
      }
      if (it.state === "refused") {
        const actions = el("div", "oq-actions");
        actions.append(button(S.copy, "copy", it.client_id, true), button(S.delete, "delete", it.client_id, true));
        row.append(actions);
      }
      list.append(row);
    }
    const status = $("[data-oq-status]", root);
    status.textContent = !navigator.onLine ? S.offline : expired ? S.expired : running ? S.sending : note
      || (items.length && !items.some((it) => it.state === "pending") ? S.all_sent : "");
    if (expired && navigator.onLine) {
      const login = el("a", "", S.login);
      login.href = root.dataset.login;
      status.append(" ", login);
    }
    $("[data-oq-act=sync]", root).hidden = !items.some((it) => it.state === "pending") || !navigator.onLine;
    root.hidden = !(items.length || (!navigator.onLine && EDITABLE) || expired || note);
  }
  async function refresh(restore) {
    await load();
    applyAll(restore);
    render();
  }

  // Sending --------------------------------------------------------------------------------------
  async function getState() {
    if (window.tendikOffline && window.tendikOffline.state) return window.tendikOffline.state();
    const response = await fetch("/offline/state.json", { credentials: "same-origin", cache: "no-store" });
    if (response.status === 401) return null;
    if (response.ok) return response.json();
    throw new TypeError("state");
  }
  function request(it, csrf) {
    const headers = { "X-CSRFToken": csrf, Accept: "application/json" };
    let body;
    if (it.kind === "evidence") {
      body = new FormData();
      Object.entries(it.body.fields).forEach(([k, v]) => body.append(k, v));
      if (it.body.file) body.append("file", it.body.file, it.body.name);
      body.append("client_id", it.client_id);
    } else {
      headers["Content-Type"] = "application/json";
      const payload = { ...it.body, client_id: it.client_id };
      if (it.base_version !== null) payload.version = it.base_version;
      body = JSON.stringify(payload);
    }
    return { method: it.method, headers, body, credentials: "same-origin", cache: "no-store" };
  }
  function sameAsCurrent(it, current) {
    if (it.kind !== "progress") return false;
    const b = it.body;
    return ["status", "narrative_ru", "narrative_ky", "spent_currency", "reason"].every((k) => (b[k] || "") === (current[k] || ""))
      && Number(b.spent_amount || 0) === Number(current.spent_amount || 0);
  }
  async function sendOne(it, csrf) {
    it.tried = true;
    await put(it);
    sendingId = it.client_id;
    let response;
    try {
      response = await fetch(it.url, request(it, csrf));
    } catch (error) {
      return "network";
    } finally {
      sendingId = null;
    }
    const data = await response.json().catch(() => ({}));
    const code = response.status;
    if (code === 403 && await getState().catch(() => undefined) === null) return "expired";
    if (code === 200 || code === 201 || (code === 409 && data.current && sameAsCurrent(it, data.current))) {
      const version = code === 409 ? data.current.version : data.version;
      Object.assign(it, { state: "synced", synced: Date.now(), result_version: version, detail: "", current: null, errors: [] });
      setVersion(it, version);
    } else if (code === 409 && data.current) {
      Object.assign(it, { state: "conflict", current: data.current, detail: data.detail || "" });
    } else if ([400, 403, 404, 409, 413].includes(code)) {
      Object.assign(it, { state: "refused", detail: data.detail || response.statusText, errors: data.errors || [] });
    } else {
      return "server";
    }
    await put(it);
    return it.state;
  }
  async function sync() {
    if (running || !navigator.onLine || !items.some((it) => it.state === "pending")) return render();
    running = true;
    note = "";
    render();
    let reload = false;
    try {
      const state = await getState();
      expired = !state;
      if (state && state.user !== USER) note = S.other_user;
      const due = items.filter((it) => it.state === "pending" && state && it.user === state.user);
      for (const { client_id: id } of due) {
        const it = await getOne(id);  // fresh: an edit may have been collapsed into it meanwhile
        if (!it || it.state !== "pending") continue;
        const outcome = await sendOne(it, state.csrf);
        if (outcome === "expired") { expired = true; break; }
        if (outcome === "network" || outcome === "server") { note = S[outcome]; break; }
        if (outcome === "synced" && (it.kind === "activity" || it.kind === "evidence")) reload = true;
      }
    } catch (error) {
      note = S.network;
    } finally {
      running = false;
    }
    await refresh(false);
    // The tables then show the server's rows; conflict and refused items stay on the device.
    if (reload && !items.some((it) => it.state === "pending")) window.location.reload();
  }

  // Decisions -----------------------------------------------------------------------------------
  function shown(name, v) {
    const node = document.getElementsByName(name)[0];
    if (node && node.tagName === "SELECT") {
      const option = Array.from(node.options).find((o) => o.value === v);
      return option ? option.textContent.trim() : v;
    }
    const box = node && node.type === "checkbox" && $(`[name="${name}"][value="${CSS.escape(v)}"]`);
    return box && box.closest("label") ? box.closest("label").textContent.trim() : v;
  }
  function copyText(it) {
    const lines = (it.fields || []).filter(([name, v]) => v.trim() !== "" && !/version$/.test(name))
      .map(([name, v]) => `${labelOf(name)}: ${shown(name, v)}`);
    return [it.label, it.detail ? `${S.reason}: ${it.detail}` : "", ...lines].filter(Boolean).join("\n");
  }
  async function copy(it, anchor) {
    const text = copyText(it);
    try {
      await navigator.clipboard.writeText(text);
      note = S.copied;
      render();
    } catch (error) {
      const area = el("textarea", "oq-copy");
      area.value = text;
      area.readOnly = true;
      area.rows = 6;
      area.setAttribute("aria-label", S.copy);
      anchor.closest(".oq-actions").after(area);
      area.select();
      note = S.copy_hint;
      render();
    }
  }
  async function keepMine(it) {
    const form = formOf(it);
    const draft = DRAFTS[it.kind](form);
    await remove(it.client_id);
    await put({ ...it, client_id: uuid(), body: draft.body, names: draft.names, fields: pairs(form),
      base_version: it.current.version, state: "pending", current: null, detail: "", tried: false });
    await refresh(false);
    await sync();
  }
  async function keepSaved(it) {
    if (!window.confirm(S.confirm_saved)) return;
    const form = formOf(it);
    const c = it.current;
    if (it.kind === "progress") {
      ["status", "narrative_ru", "narrative_ky", "spent_currency", "reason"].forEach((k) => {
        const node = field(form, `m${it.measure}-${k}`);
        if (node) node.value = c[k] || "";
      });
      const amount = field(form, `m${it.measure}-spent_amount`);
      if (amount) amount.value = c.spent_amount === null || c.spent_amount === undefined ? "" : c.spent_amount;
    } else {
      form.querySelectorAll("input[name^='obs|']").forEach((input) => { input.value = ""; });
      (c.values || []).forEach((v) => {
        const input = field(form, `obs|${v.indicator}|${(v.disaggregation || "").split("|").join(";")}`);
        if (input) input.value = v.value;
      });
    }
    setVersion(it, c.version);
    await remove(it.client_id);
    await refresh(false);
  }
  async function decide(event) {
    const target = event.target.closest("[data-oq-act]");
    if (!target) return;
    if (target.dataset.oqAct === "sync") return sync();
    const it = items.find((candidate) => candidate.client_id === target.dataset.id);
    if (!it) return;
    const act = target.dataset.oqAct;
    if (act === "copy") return copy(it, target);
    if (act === "mine") return keepMine(it);
    if (act === "saved") return keepSaved(it);
    if (act === "delete" && window.confirm(S.confirm_delete)) {
      await remove(it.client_id);
      const form = $("#activity-form");
      if (form && form.dataset.oqFrom === it.client_id) delete form.dataset.oqFrom;
      await refresh(false);
    }
  }

  // Wiring ----------------------------------------------------------------------------------------
  const formFrom = (node) => (node && node.closest ? node.closest("form") : null);
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = formFrom(event.detail.elt);
    if (navigator.onLine || !kindOf(form)) return;
    event.preventDefault();
    enqueue(form);
  });
  document.addEventListener("htmx:sendError", (event) => {
    const form = formFrom(event.detail.elt);
    if (kindOf(form)) enqueue(form);
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    // An online save of a form that also has an item on the device carried the same values.
    const form = formFrom(event.detail.elt);
    const kind = kindOf(form);
    const text = event.detail.successful && event.detail.xhr ? event.detail.xhr.responseText : "";
    if (!kind || !/data-save-state="saved"|data-observations-saved/.test(text)) return;
    const url = kind === "progress" ? progressDraft(form).url : `${API}observations/`;
    const done = items.filter((it) => it.url === url && it.state !== "synced" && it.client_id !== sendingId);
    Promise.all(done.map((it) => remove(it.client_id))).then(() => refresh(false));
  });
  let typing = null;
  document.addEventListener("input", (event) => {
    // Offline, keep every keystroke soon, not only when htmx's 2-second autosave would fire.
    const form = formFrom(event.target);
    if (navigator.onLine || kindOf(form) !== "progress") return;
    clearTimeout(typing);
    typing = setTimeout(() => enqueue(form), 400);
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const kind = kindOf(form);
    if (kind !== "activity" && kind !== "evidence") return;
    if (!navigator.onLine) {
      event.preventDefault();
      enqueue(form);
    } else if (form.dataset.oqFrom) {
      // A refused activity put back into the form: the form now carries it to the server.
      event.preventDefault();
      remove(form.dataset.oqFrom).catch(() => {}).then(() => form.submit());
    }
  });
  document.addEventListener("click", decide);
  window.addEventListener("online", () => { note = ""; sync(); });
  window.addEventListener("offline", render);
  refresh(true).then(sync).catch(() => { note = S.no_room; render(); });
})();
