// Outlet page: articles per month (published and estimated) and narratives per month (Chart.js, vendored).
"use strict";
(function () {
  const data = window.narrascope.pageData();
  if (!data || typeof Chart === "undefined") return;
  const colors = window.narrascope.colors;
  function stacked(canvas, byMonth, sets) {
    if (!canvas) return;
    const months = [...new Set(sets.flatMap((s) => Object.keys(byMonth(s))))].sort();
    new Chart(canvas, {
      type: "bar",
      data: { labels: months, datasets: sets.map((s, i) => ({ label: s, data: months.map((m) => byMonth(s)[m] || 0),
        backgroundColor: colors[i % 10] })) },
      options: { maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  const dated = { published: data.by_month || {}, estimated: data.by_month_estimated || {} };
  stacked(document.getElementById("articles-chart"), (s) => dated[s], ["published", "estimated"]);
  const nar = data.narratives || {};
  const labels = [...new Set(Object.values(nar).flatMap((c) => Object.keys(c)))].sort();
  const perLabel = {};
  labels.forEach((l) => { perLabel[l] = {}; Object.keys(nar).forEach((m) => { perLabel[l][m] = nar[m][l] || 0; }); });
  stacked(document.getElementById("narratives-chart"), (s) => perLabel[s], labels);
})();
