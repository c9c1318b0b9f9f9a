// Actor page: roles articles give this actor, and the stances of their quotes, per month (Chart.js, vendored).
"use strict";
(function () {
  const data = window.narrascope.pageData();
  if (!data || typeof Chart === "undefined") return;
  const palette = { Protagonist: "#2ca02c", Antagonist: "#d62728", Innocent: "#1f77b4",
    readiness: "#2ca02c", refusal: "#d62728", condition: "#ff7f0e", blame: "#9467bd" };
  function stacked(canvas, byMonth) {
    if (!canvas || !byMonth || !Object.keys(byMonth).length) return;
    const months = Object.keys(byMonth);
    const labels = [...new Set(months.flatMap((m) => Object.keys(byMonth[m])))].sort();
    new Chart(canvas, {
      type: "bar",
      data: { labels: months, datasets: labels.map((r, i) => ({ label: r, data: months.map((m) => byMonth[m][r] || 0),
        backgroundColor: palette[r] || window.narrascope.colors[i % 10] })) },
      options: { maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  stacked(document.getElementById("roles-chart"), data.roles);
  stacked(document.getElementById("stance-chart"), data.stances);
})();
