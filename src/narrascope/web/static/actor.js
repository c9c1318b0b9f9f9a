// Actor page: the roles articles give this actor, per month (Chart.js, vendored).
"use strict";
(function () {
  const data = window.narrascope.pageData();
  const canvas = document.getElementById("roles-chart");
  if (!data || !canvas || typeof Chart === "undefined") return;
  const months = Object.keys(data);
  const roles = [...new Set(months.flatMap((m) => Object.keys(data[m])))].sort();
  const palette = { Protagonist: "#2ca02c", Antagonist: "#d62728", Innocent: "#1f77b4" };
  new Chart(canvas, {
    type: "bar",
    data: { labels: months, datasets: roles.map((r, i) => ({ label: r, data: months.map((m) => data[m][r] || 0),
      backgroundColor: palette[r] || window.narrascope.colors[i % 10] })) },
    options: { maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
})();
