// The report page's device queue: edits made without a connection wait in IndexedDB and go out
// in order through the API once it is back. Nothing typed is dropped silently, no item is sent
// under another user's session, and a retry reuses the item's client_id so the server answers
// with its first result instead of writing twice (issue 16, interfaces.md).
(() => {
  "use strict";
  const root = document.querySelector("[data-offline-queue]");
  if (!root || !window.indexedDB) return;
  const API = root.dataset.api;
  const REPORT = Number(root.dataset.report);
  const USER = Number(root.dataset.user);
  const EDITABLE = root.dataset.editable === "1";
  const MB = 1024 * 1024;
  const TEXTS = ["status", "narrative_ru", "narrative_ky", "spent_currency", "reason"];
  const S = {};
  const $ = (selector, scope = document) => scope.querySelector(selector);
  const $$ = (selector, scope = document) => Array.from(scope.querySelectorAll(selector));
  $$("[data-s]", root).forEach((n) => { S[n.dataset.s] = n.textContent.trim(); });
  let items = [];
  let running = false;
  let sendingId = null;
  let expired = false;
  let note = "";
  let chain = Promise.resolve();

  // IndexedDB, opened without a version: whichever script comes first creates the store.
  let opened = null;
  const db = () => (opened = opened || new Promise((resolve, reject) => {
    const request = indexedDB.open("tendik-offline");
    request.onupgradeneeded = () => request.result.objectStoreNames.contains("queue")
      || request.result.createObjectStore("queue", { keyPath: "client_id" });
    request.onsuccess = () => {
      // Logout deletes the database: let go of it.
      request.result.onversionchange = () => { request.result.close(); opened = null; };
      resolve(request.result);
    };
    request.onerror = () => { opened = null; reject(request.error); };
  }));
  const tx = (mode, work) => db().then((d) => new Promise((resolve, reject) => {
    const t = d.transaction("queue", mode);
    const request = work(t.objectStore("queue"));
    t.oncomplete = () => resolve(request.result);
    t.onerror = t.onabort = () => reject(t.error);
  }));
  const getOne = (id) => tx("readonly", (s) => s.get(id));
  const put = (item) => tx("readwrite", (s) => s.put(item));
  const remove = (id) => tx("readwrite", (s) => s.delete(id));
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }
  async function load() {  // synced items are shown for ten minutes, then let go
    const all = await tx("readonly", (s) => s.getAll());
    const old = all.filter((it) => it.state === "synced" && Date.now() - it.synced > 600000);
    for (const it of old) await remove(it.client_id);
    items = all.filter((it) => it.user === USER && it.report === REPORT && !old.includes(it))
      .sort((a, b) => a.seq - b.seq);
  }

  // Small helpers
  function el(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className || "";
    if (text !== undefined) node.textContent = String(text);
    return node;
  }
  // The panel's pieces are <template>s of the page, so every word comes translated from there.
  function clone(name, it) {
    const node = $(`[data-oq-tpl=${name}]`, root).content.firstElementChild.cloneNode(true);
    $$("[data-oq-act]", node).forEach((b) => { b.dataset.id = it.client_id; });
    return node;
  }
  const slot = (node, name) => $(`[data-slot=${name}]`, node);
  const field = (form, name) => form && form.elements.namedItem(name);
  const value = (form, name) => (field(form, name) || {}).value || "";
  const time = (ms) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const pending = () => items.some((it) => it.state === "pending");
  const measureOf = (form) => form.id.slice(9);  // "progress-<id>"
  const formOf = (it) => $(it.kind === "progress" ? `#progress-${it.measure}`
    : it.kind === "observations" ? "#observations-form" : "#no-form");
  const obsName = (v) => `obs|${v.indicator}|${(v.disaggregation || "").split("|").join(";")}`;
  const pairs = (form) => Array.from(new FormData(form))
    .filter(([name, v]) => typeof v === "string" && name !== "csrfmiddlewaretoken");
  function fill(form, list) {
    const byName = {};
    list.forEach(([name, v]) => (byName[name] = byName[name] || []).push(v));
    for (const node of form.elements) {
      const values = byName[node.name];
      if (!values || node.type === "hidden" || node.type === "file") continue;
      if (node.type === "checkbox") node.checked = values.includes(node.value);
      else if (node.multiple) Array.from(node.options).forEach((o) => { o.selected = values.includes(o.value); });
      else node.value = values[0];
    }
  }
  // "Legend · label: value" for copying, with a choice's words rather than its code.
  function line(name, v) {
    const node = document.getElementsByName(name)[0] || {};
    const label = node.labels && node.labels[0];
    const option = node.options && Array.from(node.options).find((o) => o.value === v);
    const legend = node.closest && node.closest("fieldset") && $("legend", node.closest("fieldset"));
    return [legend && legend.textContent, label ? label.textContent.replace(/\s*\*$/, "") : name]
      .filter(Boolean).map((t) => t.trim()).join(" · ") + `: ${option ? option.textContent : v}`;
  }

  // What a form says, as the API wants it
  function progressDraft(form) {
    const p = `m${measureOf(form)}`;
    const body = {};
    TEXTS.forEach((k) => { body[k] = value(form, `${p}-${k}`); });
    body.spent_amount = value(form, `${p}-spent_amount`).replace(",", ".").trim() || null;
    return { measure: Number(measureOf(form)), url: `${API}progress/${measureOf(form)}/`, method: "PATCH",
      body, version: Number(value(form, `${p}-version`)), label: $("h3", form).textContent.trim() };
  }
  function observationsDraft(form) {
    const values = [];
    const names = [];
    $$("input[name^='obs|']", form).filter((input) => input.value.trim()).forEach((input) => {
      const [, indicator, key] = input.name.split("|");
      const codes = {};
      key.split(";").filter(Boolean).forEach((part) => { const [k, ...v] = part.split("="); codes[k] = v.join("="); });
      values.push({ indicator: Number(indicator), disaggregation: codes, value: input.value.trim(),
        override_reason: key ? "" : value(form, `override|${indicator}`) });
      names.push(input.name);
    });
    return { url: `${API}observations/`, method: "PATCH", body: { values }, names,
      version: Number(value(form, "version")), label: S.observations };
  }
  function activityDraft(form) {
    const body = { audiences: $$("[name=audiences]:checked", form).map((c) => c.value).join(","),
      territory: Number(value(form, "territory")) || null };
    ["kind", "title", "start", "end", "venue"].forEach((k) => { body[k] = value(form, k).trim(); });
    ["women", "men", "total"].forEach((k) => { body[`participants_${k}`] = Number(value(form, `participants_${k}`)) || 0; });
    ["partners", "measures"].forEach((k) => { body[k] = $$(`[name=${k}] option:checked`, form).map((o) => Number(o.value)); });
    return { url: `${API}activities/`, method: "POST", body, version: null, label: `${S.activity}: ${body.title}` };
  }
  function evidenceDraft(form) {
    const file = field(form, "file").files[0] || null;
    const fields = {};
    ["url", "measure", "description"].forEach((k) => { if (value(form, k)) fields[k] = value(form, k); });
    const body = { fields, file, name: file ? file.name : "", size: file ? file.size : 0 };
    return { url: `${API}evidence/`, method: "POST", body, version: null, label: `${S.evidence}: ${body.name || fields.url || ""}` };
  }
  const DRAFTS = { progress: progressDraft, observations: observationsDraft, activity: activityDraft, evidence: evidenceDraft };
  function kindOf(form) {
    if (!form || !form.id) return null;
    if (/^progress-\d+$/.test(form.id) && form.hasAttribute("hx-post")) return "progress";
    return { "observations-form": "observations", "activity-form": "activity", "evidence-form": "evidence" }[form.id];
  }

  // Keeping an edit on the device
  function evidenceProblem(body) {
    if (!body.file) return body.fields.url ? "" : S.no_file;
    if (body.size > 5 * MB) return S.file_big;
    const queued = items.filter((it) => it.kind === "evidence" && it.state !== "synced").reduce((sum, it) => sum + it.body.size, 0);
    return queued + body.size > 20 * MB ? S.queue_big : "";
  }
  async function hasRoom(bytes) {  // asked before writing: a full device is said, never a silent loss
    const { quota, usage } = navigator.storage && navigator.storage.estimate
      ? await navigator.storage.estimate().catch(() => ({})) : {};
    return !quota || quota - (usage || 0) > bytes + MB;
  }
  async function capture(form) {
    const kind = kindOf(form);
    clearErrors(form);
    await load();
    const draft = { kind, ...DRAFTS[kind](form) };
    const problem = kind === "evidence" && evidenceProblem(draft.body);
    if (problem) return fieldError(field(form, "file"), problem, "");
    try {
      if (!(await hasRoom(JSON.stringify(draft.body).length * 2 + (draft.body.size || 0)))) throw new Error("full");
      await store(draft, form);
    } catch (error) {  // a quota error too: the values stay in the form and the person is told
      note = S.no_room;
      return render();
    }
    if (draft.version === null) {  // an activity or a file: the form is free for the next one
      if (form.dataset.oqFrom) await remove(form.dataset.oqFrom);
      delete form.dataset.oqFrom;
      form.reset();
    }
    note = "";
    await refresh(false);
    if (navigator.onLine) sync();  // kept because a send failed or was busy: try it now
  }
  async function store(draft, form) {
    const item = { ...draft, client_id: uuid(), user: USER, report: REPORT, base_version: draft.version,
      fields: pairs(form), created: Date.now(), state: "pending", detail: "", current: null,
      seq: Math.max(Date.now(), ...items.map((it) => it.seq + 1)) };
    // One pending item per section: latest values, first base version. An item in flight stays
    // (this edit follows it); one sent before gets a new client_id, or the server would answer
    // with its first result.
    const same = draft.version !== null && items.find((it) => it.url === draft.url && it.state !== "synced");
    // Typing in a section waiting for a decision keeps the text and leaves the decision open.
    if (same && same.state === "conflict") return put({ ...same, body: item.body, names: item.names, fields: item.fields });
    if (same && same.client_id !== sendingId) {
      Object.assign(item, { seq: same.seq, created: same.created });
      if (same.state === "pending") item.base_version = same.base_version;
      if (same.state === "pending" && !same.tried) item.client_id = same.client_id;
      else await remove(same.client_id);
    }
    await put(item);
  }
  const enqueue = (form) => { chain = chain.then(() => capture(form)).catch(() => {}); };

  // Showing the queue on the page
  function clearErrors(scope = document) {
    $$("[data-oq-error]", scope).forEach((node) => node.remove());
    $$("[data-oq-invalid]", scope).forEach((node) => { node.removeAttribute("aria-invalid"); delete node.dataset.oqInvalid; });
  }
  function fieldError(node, message, id) {
    if (node && !node.tagName) node = node[0];  // a group of checkboxes
    if (!node) return false;
    const list = el("ul", "errorlist");
    list.setAttribute("role", "alert");
    list.dataset.oqError = id;
    list.append(el("li", "", message));
    (node.type === "checkbox" ? node.closest("div") : node).after(list);
    node.setAttribute("aria-invalid", "true");
    node.dataset.oqInvalid = "";
    return true;
  }
  function errorTarget(it, e) {
    const activity = $("#activity-form");
    const form = it.kind === "activity" ? activity && activity.dataset.oqFrom === it.client_id && activity : formOf(it);
    const name = e.field || e.column || "";
    if (!form) return null;
    if (it.kind === "progress") return field(form, `m${it.measure}-${name}`);
    if (it.kind === "activity") return field(form, name);
    if (e.indicator != null) {
      return name === "override_reason" ? field(form, `override|${e.indicator}`)
        : $(`#indicator-${e.indicator} input[data-key="${CSS.escape(e.disaggregation || "")}"]`, form);
    }
    const index = /^values\.(\d+)/.exec(name);
    return index && it.names ? field(form, it.names[index[1]]) : null;
  }
  function conflictBox(it) {
    const c = it.current;
    const form = formOf(it);
    const box = clone("conflict", it);
    const option = $$(`[name="m${it.measure}-status"] option`, form).find((o) => c.status && o.value === c.status);
    box.dataset.oqBox = it.client_id;
    slot(box, "saved").textContent = it.kind === "progress" ? `${option ? option.textContent : "—"} — ${c.narrative_ru || "—"}`
      : (c.values || []).filter((v) => field(form, obsName(v)) && field(form, obsName(v)).value.trim() !== String(v.value))
        .slice(0, 20).map((v) => line(obsName(v), String(v.value))).join("; ") || "—";
    return box;
  }
  const stateText = (it) => (it.state === "synced" ? S.synced_at.replace("{time}", time(it.synced)) : S[it.state]);
  const badge = (it) => el("span", `badge oq-badge oq-${it.state}`, stateText(it));
  function addRow(it) {  // the new activity or file as a marked row of its table
    const b = it.body;
    const local = (iso) => iso.split("-").reverse().join(".");
    const activity = it.kind === "activity";
    const list = $(activity ? "#activities-table tbody" : "#evidence-list");
    const row = el(activity ? "tr" : "li", "oq-row");
    const head = el(activity ? "td" : "span", "", `${activity ? b.title : b.name || b.fields.url} `);
    if (!list) return;
    head.append(badge(it));
    row.dataset.oqRow = it.client_id;
    row.append(head);
    if (activity) {
      row.append(el("td", "", `${local(b.start)}–${local(b.end)}`), el("td", "num", b.participants_women),
        el("td", "num", b.participants_men), el("td", "num", b.participants_total));
      if ($$("#activities-table thead th").length > 5) row.append(el("td"));
    }
    list.append(row);
  }
  function setVersion(it, version, onlyUp) {
    const node = field(formOf(it), it.kind === "progress" ? `m${it.measure}-version` : "version");
    if (node && version != null && !(onlyUp && Number(node.value) >= version)) node.value = version;
  }
  function restoreActivity(it) {  // a refused activity goes back into the form, to be fixed and sent
    const form = $("#activity-form");
    if (!form || form.dataset.oqFrom || !(it.errors || []).length) return;
    fill(form, it.fields);
    form.dataset.oqFrom = it.client_id;
    if (form.closest("details")) form.closest("details").open = true;
  }
  // Marks every item on its form or table; with `restore` (page load) also puts the device's
  // values back, because a page from the cache holds what was saved when it was cached.
  function applyAll(restore) {
    clearErrors();
    $$("[data-oq-box], [data-oq-row], [data-oq-mark]").forEach((node) => node.remove());
    for (const it of items) {
      const form = formOf(it);
      const saveState = it.kind === "progress" && $(`#save-state-${it.measure}`);
      if (it.state === "synced") setVersion(it, it.result_version, true);
      else if (form && restore && EDITABLE) fill(form, it.fields);  // a read-only page shows what is saved
      if (it.state === "conflict") setVersion(it, it.current.version, !restore);
      if (it.kind === "activity" && it.state === "refused") restoreActivity(it);
      if (!form && it.state !== "synced") addRow(it);  // a synced row is the server's after the reload
      if (form && it.state === "conflict") $(it.kind === "progress" ? "h3" : "input[name=version]", form).after(conflictBox(it));
      else if (form && it.state !== "synced" && it.kind === "observations") {
        const mark = el("p", "message oq-mark");
        mark.dataset.oqMark = "";
        mark.append(badge(it));
        $("input[name=version]", form).after(mark);
      }
      if (saveState) {
        saveState.textContent = it.state === "pending" ? S.stored : stateText(it);
        saveState.dataset.saveState = `offline-${it.state}`;
      }
      it.unplaced = it.state !== "refused" ? [] : (it.errors || [])
        .filter((e) => !fieldError(errorTarget(it, e), e.message, it.client_id)).map((e) => e.message);
    }
    [["#activities-table tbody", "td[colspan]"], ["#evidence-list", "li.muted"]].forEach(([list, empty]) => {
      const node = $(`${list} ${empty}`);
      if (node) (node.closest("tr") || node).hidden = !!$(`${list} [data-oq-row]`);
    });
  }
  function render() {
    const list = $("[data-oq-list]", root);
    list.textContent = "";
    for (const it of items) {
      const row = clone("item", it);
      const form = formOf(it);
      const name = el(form ? "a" : "strong", "", it.label);
      if (form) name.href = `#${form.id}`;
      row.classList.add(`oq-item-${it.state}`);
      slot(row, "head").append(name, " ", badge(it));
      slot(row, "detail").textContent = it.detail;
      slot(row, "errors").append(...(it.unplaced || []).map((message) => el("li", "", message)));
      if (!it.detail || it.state === "synced") slot(row, "reason").remove();
      if (!(it.unplaced || []).length) slot(row, "errors").remove();
      if (it.state !== "refused") slot(row, "actions").remove();
      list.append(row);
    }
    const online = navigator.onLine;
    const status = $("[data-oq-status]", root);
    // «No connection» is the page banner's (app.js): said here too, it was announced twice.
    status.textContent = [expired && S.expired, running && S.sending, note]
      .filter(Boolean).join(" ") || (items.length && items.every((it) => it.state === "synced") ? S.all_sent : "");
    if (expired && online) status.append(clone("expired", {}));
    $("[data-oq-act=sync]", root).hidden = !pending() || !online;
    root.hidden = !(items.length || (!online && EDITABLE) || expired || note);
  }
  async function refresh(restore) {
    await load();
    applyAll(restore);
    render();
  }

  // Sending
  // app.js (base.html, loaded first) asks state.json: null means the session expired.
  const getState = () => window.tendikOffline.state();
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
      body = JSON.stringify({ ...it.body, client_id: it.client_id,
        ...(it.base_version === null ? {} : { version: it.base_version }) });
    }
    return { method: it.method, headers, body, credentials: "same-origin", cache: "no-store" };
  }
  // An online autosave may already have sent the same text: that is no conflict.
  const sameAsCurrent = (it, c) => it.kind === "progress" && TEXTS.every((k) => (it.body[k] || "") === (c[k] || ""))
    && Number(it.body.spent_amount || 0) === Number(c.spent_amount || 0);
  async function sendOne(it, csrf) {
    it.tried = true;
    sendingId = it.client_id;  // before any await: an autosave of this section now waits
    await put(it);
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
    const same = code === 409 && data.current && sameAsCurrent(it, data.current);
    if (code === 200 || code === 201 || same) {
      const version = same ? data.current.version : data.version;
      Object.assign(it, { state: "synced", synced: Date.now(), result_version: version, detail: "", current: null, errors: [] });
      setVersion(it, version);
      await rebase(it, version);
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
  // An edit of the same section kept while this one was in flight was based on the same version:
  // it follows this write, so it goes out on top of it rather than as a conflict with oneself.
  async function rebase(sent, version) {
    const all = await tx("readonly", (s) => s.getAll());
    for (const it of all) {
      if (it.url === sent.url && it.client_id !== sent.client_id && it.state === "pending"
        && it.base_version === sent.base_version && version != null) await put({ ...it, base_version: version });
    }
  }
  async function sync() {
    if (running || !navigator.onLine || !pending()) return render();
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
        expired = outcome === "expired";
        if (outcome === "network" || outcome === "server") note = S[outcome];
        if (expired || note) break;
        reload = reload || (outcome === "synced" && !formOf(it));
      }
    } catch (error) {
      note = S.network;
    } finally {
      running = false;
    }
    await refresh(false);
    // The tables then show the server's rows; conflict and refused items stay on the device.
    if (reload && !pending()) window.location.reload();
    else if (pending() && !note && !expired) sync();  // an edit made while this run was sending
  }

  // Decisions
  async function copy(it, anchor) {
    const text = [it.label, it.detail, ...it.fields.filter(([name, v]) => v.trim() && !/version$/.test(name))
      .map(([name, v]) => line(name, v))].filter(Boolean).join("\n");
    try {
      await navigator.clipboard.writeText(text);
      note = S.copied;
    } catch (error) {  // no clipboard (plain http, permission): select the text to copy by hand
      const area = el("textarea", "oq-copy");
      Object.assign(area, { value: text, readOnly: true, rows: 6 });
      area.setAttribute("aria-label", S.copy);
      anchor.parentNode.after(area);
      area.select();
      note = S.copy_hint;
    }
    render();
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
      TEXTS.concat("spent_amount").forEach((k) => { (field(form, `m${it.measure}-${k}`) || {}).value = c[k] == null ? "" : c[k]; });
    } else {
      $$("input[name^='obs|']", form).forEach((input) => { input.value = ""; });
      (c.values || []).forEach((v) => { (field(form, obsName(v)) || {}).value = v.value; });
    }
    setVersion(it, c.version);
    await remove(it.client_id);
    await refresh(false);
  }
  async function decide(event) {
    const target = event.target.closest("[data-oq-act]");
    const act = target && target.dataset.oqAct;
    if (act === "sync") return sync();
    const it = act && items.find((candidate) => candidate.client_id === target.dataset.id);
    if (!it) return;
    if (act === "copy") return copy(it, target);
    if (act === "mine") return keepMine(it);
    if (act === "saved") return keepSaved(it);
    if (act === "delete" && window.confirm(S.confirm_delete)) {
      const form = $("#activity-form");
      if (form && form.dataset.oqFrom === it.client_id) delete form.dataset.oqFrom;
      await remove(it.client_id);
      await refresh(false);
    }
  }

  // Wiring
  const formFrom = (node) => (node && node.closest ? node.closest("form") : null);
  const urlOf = (form) => (kindOf(form) === "progress" ? `${API}progress/${measureOf(form)}/` : `${API}observations/`);
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = formFrom(event.detail.elt);
    const kind = kindOf(form);
    // Online, a section waiting for a decision (or being sent) is not autosaved behind its back:
    // «Сохранить мой вариант» sends the form's latest values. An edit made while the section is
    // in flight is kept on the device and follows it.
    const busy = kind === "progress" && items.find((it) => it.url === urlOf(form)
      && (it.state === "conflict" || it.client_id === sendingId));
    if (!kind || navigator.onLine && !busy) return;
    event.preventDefault();
    if (!navigator.onLine || busy.state !== "conflict") enqueue(form);
  });
  document.addEventListener("htmx:sendError", (event) => {
    const form = formFrom(event.detail.elt);
    if (kindOf(form)) enqueue(form);
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    // An online save of a form that also has an item on the device carried the same values.
    const form = formFrom(event.detail.elt);
    const text = event.detail.successful && event.detail.xhr ? event.detail.xhr.responseText : "";
    if (!kindOf(form) || !/data-save-state="saved"|data-observations-saved/.test(text)) return;
    const done = items.filter((it) => it.url === urlOf(form) && it.state !== "synced" && it.client_id !== sendingId);
    Promise.all(done.map((it) => remove(it.client_id))).then(() => refresh(false));
  });
  let typing = null;
  document.addEventListener("input", (event) => {
    // Offline, keep each keystroke soon, not only when htmx's 2-second autosave would fire.
    const form = formFrom(event.target);
    if (navigator.onLine || kindOf(form) !== "progress") return;
    clearTimeout(typing);
    typing = setTimeout(() => enqueue(form), 400);
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!["activity", "evidence"].includes(kindOf(form)) || navigator.onLine && !form.dataset.oqFrom) return;
    event.preventDefault();
    if (!navigator.onLine) enqueue(form);
    // A refused activity put back into the form: the form now carries it to the server.
    else remove(form.dataset.oqFrom).catch(() => {}).then(() => form.submit());
  });
  document.addEventListener("click", decide);
  window.addEventListener("online", () => { note = ""; sync(); });
  window.addEventListener("offline", render);
  refresh(true).then(sync).catch(() => { note = S.no_room; render(); });
})();
