// Overview: articles per month, stacked by outlet (Chart.js, vendored).
"use strict";
(function () {
  const data = window.narrascope.pageData();
  const canvas = document.getElementById("timeline-chart");
  if (!data || !canvas || typeof Chart === "undefined") return;
  const datasets = data.outlets.map((outlet, i) => ({
    label: outlet,
    data: data.months.map((m) => (data.counts[m] || {})[outlet] || 0),
    backgroundColor: window.narrascope.colors[i % 10],
  }));
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.months, datasets },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "articles" } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
