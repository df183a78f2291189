"use strict";

// The operator dashboard: reads the public API with the key pasted into the form. The key lives in this tab's
// sessionStorage only and travels in the Authorization header, never in a URL.
(() => {
  const api = "/api/v1";
  const keyStorage = "slaapi.key";
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  const customers = new Map();
  let current = "queue";

  const $ = (selector, root = document) => root.querySelector(selector);

  function show(text, isError) {
    const message = $("#message");
    message.hidden = !isError;
    message.textContent = isError ? text : "";
    $("#status").textContent = isError ? "" : text;
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || `The API answered ${status}.`);
      this.status = status;
    }
  }

  async function get(path) {
    const key = sessionStorage.getItem(keyStorage);
    if (!key) throw new ApiError(401, { detail: "Paste an API key to begin." });
    const response = await fetch(api + path, { headers: { Authorization: `Bearer ${key}`, Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function explain(error) {
    if (error.status === 401) return `The key was refused: ${error.message}`;
    if (error.status === 403) return `This key may not read this view: ${error.message}`;
    if (error.status === 429) return "Too many requests for this key; try again in a moment.";
    return error.message || "The API could not be reached.";
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text ?? "";
    if (className) td.className = className;
    return td;
  }

  function fill(panel, items, write, empty) {
    const body = $(`#${panel} tbody`);
    body.replaceChildren();
    for (const item of items) write(body.insertRow(), item);
    if (items.length === 0) {
      const row = body.insertRow();
      const td = cell(row, empty, "empty");
      td.colSpan = $(`#${panel} thead tr`).cells.length;
    }
  }

  const customerName = id => customers.get(id) ?? id ?? "";

  function duration(seconds) {
    const sign = seconds < 0 ? "-" : "";
    let rest = Math.abs(seconds);
    const days = Math.floor(rest / 86400); rest -= days * 86400;
    const hours = Math.floor(rest / 3600); rest -= hours * 3600;
    const minutes = Math.floor(rest / 60);
    return sign + (days ? `${days}d ${hours}h` : hours ? `${hours}h ${minutes}m` : `${minutes}m`);
  }

  const when = instant => instant ? new Date(instant).toLocaleString(undefined, { timeZone, dateStyle: "medium", timeStyle: "short" }) : "";

  function monthStart(offset) {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  }

  const monthText = date => date.toISOString().slice(0, 7);

  async function loadCustomers() {
    const page = await get("/customers?pageSize=200");
    customers.clear();
    for (const customer of page.items) customers.set(customer.id, customer.name);
  }

  const views = {
    async queue() {
      const items = await get("/queue?limit=100");
      fill("queue", items, (row, item) => {
        const clock = item.clock;
        row.className = clock.breachedAt ? "breached" : clock.atRisk ? "at-risk" : "";
        row.dataset.incidentId = item.incident.id;
        cell(row, item.incident.externalId);
        cell(row, customerName(item.incident.customerId));
        cell(row, item.incident.title);
        cell(row, `P${item.incident.priority}`);
        cell(row, clock.metric);
        cell(row, clock.breachedAt ? "Breached" : clock.atRisk ? `At risk (${clock.state})` : clock.state);
        cell(row, clock.breachedAt ? `${duration((Date.now() - Date.parse(clock.breachedAt)) / 1000)} late` : duration(clock.remainingSeconds));
        cell(row, when(clock.dueAt));
      }, "No open incident.");
      return `${items.length} open incident${items.length === 1 ? "" : "s"}.`;
    },

    async compliance() {
      const from = monthStart(-5), to = monthStart(1);
      const report = await get(`/reports/compliance?from=${from.toISOString()}&to=${to.toISOString()}&timeZone=${encodeURIComponent(timeZone)}&groupBy=customer,period&period=month`);
      const rows = report.rows.filter(r => r.periodStart);
      fill("compliance", rows, (row, r) => {
        cell(row, r.periodStart.slice(0, 7));
        cell(row, customerName(r.customerId));
        cell(row, r.met);
        cell(row, r.breached);
        cell(row, r.excluded);
        cell(row, r.compliancePercent == null ? "no clock" : `${r.compliancePercent}%`);
      }, "No clock settled in these months.");
      drawChart(rows);
      return `Compliance of ${new Set(rows.map(r => r.customerId)).size} customer(s) over six months.`;
    },

    async breaches() {
      const report = await get(`/reports/breaches?from=${monthStart(0).toISOString()}&to=${monthStart(1).toISOString()}&pageSize=200`);
      fill("breaches", report.rows, (row, r) => {
        cell(row, r.externalId);
        cell(row, customerName(r.customerId));
        cell(row, `P${r.priority}`);
        cell(row, r.metric);
        cell(row, when(r.breachedAt));
        cell(row, r.lateSeconds == null ? "still open" : duration(r.lateSeconds));
      }, "No breach this month.");
      return `${report.rows.length} breach(es) this month.`;
    },

    async credits() {
      const report = await get(`/reports/credits?month=${monthText(monthStart(0))}&timeZone=${encodeURIComponent(timeZone)}`);
      fill("credits", report.rows, (row, r) => {
        cell(row, r.agreementName);
        cell(row, customerName(r.customerId));
        cell(row, `${r.ruleMetric}: ${r.percentPerBreach}% per breach, cap ${r.capPercent}%`);
        cell(row, { response: r.responseBreaches, plan: r.planBreaches, resolution: r.resolutionBreaches, update: r.updateBreaches, "next-reply": r.nextReplyBreaches }[r.ruleMetric] ?? "");
        cell(row, `${r.ruleCredit} ${r.currency}`);
        cell(row, `${r.totalCredit} ${r.currency}`);
      }, "No credit is owed this month.");
      return `Credits for ${report.month}.`;
    },

    async renewals() {
      const report = await get("/reports/renewals?withinDays=60");
      fill("renewals", report.rows, (row, r) => {
        cell(row, r.agreementName);
        cell(row, customerName(r.customerId));
        cell(row, r.renewalDate ?? "");
        cell(row, r.effectiveTo ? when(r.effectiveTo) : "open-ended");
      }, "Nothing to renew in the next 60 days.");
      return `${report.rows.length} agreement(s) to renew.`;
    },
  };

  function drawChart(rows) {
    const svg = $("#compliance-chart");
    const ns = "http://www.w3.org/2000/svg";
    const title = $("title", svg);
    svg.replaceChildren(title);
    const months = [...new Set(rows.map(r => r.periodStart.slice(0, 7)))].sort();
    const ids = [...new Set(rows.map(r => r.customerId))];
    const width = 640, height = 260, left = 40, bottom = 30, top = 10;
    const plotHeight = height - bottom - top;
    const slot = (width - left) / Math.max(months.length, 1);
    const bar = Math.max(4, (slot - 12) / Math.max(ids.length, 1));
    const add = (name, attributes, text) => {
      const element = document.createElementNS(ns, name);
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
      if (text !== undefined) element.textContent = text;
      svg.appendChild(element);
      return element;
    };
    for (const percent of [0, 50, 100]) {
      const y = top + plotHeight * (1 - percent / 100);
      add("line", { x1: left, x2: width, y1: y, y2: y, class: "grid" });
      add("text", { x: left - 6, y: y + 4, class: "axis", "text-anchor": "end" }, `${percent}%`);
    }
    months.forEach((month, m) => {
      add("text", { x: left + slot * m + slot / 2, y: height - 10, class: "axis", "text-anchor": "middle" }, month);
      ids.forEach((id, c) => {
        const r = rows.find(x => x.customerId === id && x.periodStart.startsWith(month));
        if (!r || r.compliancePercent == null) return;
        const h = plotHeight * r.compliancePercent / 100;
        const rect = add("rect", {
          x: left + slot * m + 6 + bar * c, y: top + plotHeight - h, width: bar - 2, height: Math.max(h, 1),
          class: `bar series-${c % 6}`, "data-customer-id": id, "data-month": month, "data-percent": r.compliancePercent,
        });
        const tip = document.createElementNS(ns, "title");
        tip.textContent = `${customerName(id)}, ${month}: ${r.compliancePercent}%`;
        rect.appendChild(tip);
      });
    });
    const legend = $("#compliance-legend");
    legend.replaceChildren(...ids.map((id, c) => {
      const item = document.createElement("span");
      item.className = `legend series-${c % 6}`;
      item.textContent = customerName(id);
      return item;
    }));
  }

  async function render() {
    for (const panel of document.querySelectorAll("[data-panel]")) panel.hidden = panel.id !== current;
    for (const button of document.querySelectorAll("nav button")) {
      if (button.dataset.view === current) button.setAttribute("aria-current", "page");
      else button.removeAttribute("aria-current");
    }
    for (const zone of document.querySelectorAll("[data-time-zone]")) zone.textContent = timeZone;
    $("main").setAttribute("aria-busy", "true");
    try {
      await loadCustomers();
      show(await views[current](), false);
    } catch (error) {
      for (const body of document.querySelectorAll("tbody")) body.replaceChildren();
      show(explain(error), true);
    } finally {
      $("main").setAttribute("aria-busy", "false");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("#key-form").addEventListener("submit", event => {
      event.preventDefault();
      sessionStorage.setItem(keyStorage, $("#key").value.trim());
      $("#key").value = "";
      render();
    });
    $("#forget").addEventListener("click", () => {
      sessionStorage.removeItem(keyStorage);
      render();
    });
    for (const button of document.querySelectorAll("nav button")) {
      button.addEventListener("click", () => {
        current = button.dataset.view;
        render();
      });
    }
    if (sessionStorage.getItem(keyStorage)) render();
  });
})();
