// Shared helpers for every page: proportional bars (CSP forbids inline styles in markup).
"use strict";
window.narrascope = {
  pageData() {
    const el = document.getElementById("page-data");
    return el ? JSON.parse(el.textContent) : null;
  },
  colors: ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"],
};
document.querySelectorAll(".bar[data-value]").forEach((bar) => {
  const max = Number(bar.dataset.max) || 1;
  bar.style.width = Math.max(2, (120 * Number(bar.dataset.value)) / max) + "px";
});
