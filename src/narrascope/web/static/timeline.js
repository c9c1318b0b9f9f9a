// Timeline page: entries per month, stacked by event type (Chart.js, vendored).
"use strict";
(function () {
  const data = window.narrascope.pageData();
  const canvas = document.getElementById("timeline-chart");
  if (!data || !canvas || typeof Chart === "undefined") return;
  const months = Object.keys(data.by_month);
  const types = [...new Set(months.flatMap((m) => Object.keys(data.by_month[m])))].sort();
  new Chart(canvas, {
    type: "bar",
    data: { labels: months, datasets: types.map((t, i) => ({ label: t, data: months.map((m) => data.by_month[m][t] || 0),
      backgroundColor: window.narrascope.colors[i % 10] })) },
    options: { maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
})();
