// The console's live parts: countdowns, the overview's self-refresh and its chart. Served from our jar; the
// Content-Security-Policy forbids inline script, so the pages carry data-* attributes and this file reads them.
"use strict";

function formatLeft(ms) {
  if (ms <= 0) return "over";
  const s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const pad = n => String(n).padStart(2, "0");
  return h > 0 ? `${h}h ${pad(m)}m ${pad(r)}s` : `${m}m ${pad(r)}s`;
}

function tickCountdowns() {
  const now = Date.now();
  document.querySelectorAll("[data-until]").forEach(el => {
    el.textContent = formatLeft(Date.parse(el.dataset.until) - now);
  });
}

// Replaces the element's content with the server's fresh fragment every few seconds; a signed-out answer
// (the login page) reloads the whole page instead.
function refreshEvery(el) {
  const seconds = Number(el.dataset.refreshSeconds || "5");
  setInterval(async () => {
    try {
      const response = await fetch(el.dataset.refresh, { credentials: "same-origin", headers: { "Accept": "text/html" } });
      if (response.redirected || response.status === 401) { window.location.reload(); return; }
      if (!response.ok) return;
      el.innerHTML = await response.text(); // HTML the server rendered and escaped
      tickCountdowns();
    } catch (e) { /* the server restarts or the network blinks: try again next time */ }
  }, seconds * 1000);
}

const PALETTE = ["#2457c5", "#c23b22", "#1a7f37", "#9a6700", "#8250df", "#0a7ea4", "#bf3989", "#57606a"];

async function drawChart(el) {
  const response = await fetch(el.dataset.chart, { credentials: "same-origin" });
  if (!response.ok) return;
  const data = await response.json();
  if (data.series.length === 0) { el.textContent = "No comments in the last 14 days."; return; }
  const opts = {
    width: Math.max(el.clientWidth, 280), height: 260,
    scales: { x: { time: true } },
    series: [{}].concat(data.series.map((s, i) => ({ label: s.account, stroke: PALETTE[i % PALETTE.length], width: 2 }))),
    axes: [{}, { label: "comments" }],
  };
  el.textContent = "";
  const plot = new uPlot(opts, [data.days].concat(data.series.map(s => s.counts)), el);
  window.addEventListener("resize", () => plot.setSize({ width: Math.max(el.clientWidth, 280), height: 260 }));
}

document.addEventListener("DOMContentLoaded", () => {
  tickCountdowns();
  setInterval(tickCountdowns, 1000);
  document.querySelectorAll("[data-refresh]").forEach(refreshEvery);
  document.querySelectorAll("[data-chart]").forEach(drawChart);
});
