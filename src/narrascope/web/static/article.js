// Article page: layer toggles (and the low-confidence techniques toggle), hover tooltips (label, score, evidence) and jumps to evidence.
// Everything taken from the article is inserted with textContent, never as HTML.
"use strict";
(function () {
  const data = window.narrascope.pageData() || { annotations: [] };
  const byId = new Map(data.annotations.map((a) => [a.id, a]));
  const text = document.getElementById("article-text");
  const tip = document.getElementById("tooltip");
  if (!text) return;
  const TITLES = { quote: "Quote", speaker: "Speaker", cue: "Speech verb", entity: "Actor", narrative_evidence: "Narrative evidence",
    technique: "Technique", date: "Date", event: "Event", sentence: "Sentence" };
  const SKIP = new Set(["score", "speaker_span", "cue_span", "source", "mentions", "sentence"]);
  const layerOf = (layer) => (layer === "speaker" || layer === "cue" ? "quote" : layer);

  document.querySelectorAll("#layer-toggles input[data-layer]").forEach((box) => {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.layer, !box.checked));
  });

  const lowBox = document.getElementById("show-low-techniques");
  if (lowBox) lowBox.addEventListener("change", () => text.classList.toggle("hide-technique-low", !lowBox.checked));

  function visible(a) {
    if (a.low && text.classList.contains("hide-technique-low")) return false;
    return !text.classList.contains("hide-" + layerOf(a.layer));
  }

  function line(parent, cls, value) {
    const div = document.createElement("div");
    if (cls) div.className = cls;
    div.textContent = value;
    parent.appendChild(div);
  }

  function describe(a) {
    const item = document.createElement("div");
    item.className = "tip-item";
    line(item, "tip-head", (TITLES[a.layer] || a.layer) + ": " + a.label + (a.low ? " (low confidence)" : ""));
    if (a.score !== null && a.score !== undefined) line(item, "", "score " + Number(a.score).toFixed(2));
    for (const [k, v] of Object.entries(a.attrs || {})) {
      if (SKIP.has(k) || v === null || v === "" || (Array.isArray(v) && !v.length)) continue;
      line(item, "", k.replace(/_/g, " ") + ": " + (typeof v === "object" ? JSON.stringify(v) : String(v)));
    }
    line(item, "tip-ev", "evidence: “" + (a.text.length > 220 ? a.text.slice(0, 219) + "…" : a.text) + "”");
    return item;
  }

  text.addEventListener("mouseover", (ev) => {
    const span = ev.target.closest(".a");
    if (!span) return;
    const anns = (span.dataset.a || "").split(" ").map((id) => byId.get(id)).filter((a) => a && visible(a) && a.layer !== "sentence");
    if (!anns.length) { tip.hidden = true; return; }
    tip.replaceChildren(...anns.map(describe));
    tip.hidden = false;
    const r = span.getBoundingClientRect();
    tip.style.left = Math.min(window.scrollX + r.left, window.scrollX + window.innerWidth - 420) + "px";
    tip.style.top = window.scrollY + r.bottom + 6 + "px";
  });
  text.addEventListener("mouseout", (ev) => {
    if (!ev.relatedTarget || !ev.relatedTarget.closest || !ev.relatedTarget.closest(".a")) tip.hidden = true;
  });

  function jump(ids) {
    const spans = ids.flatMap((id) => [...text.querySelectorAll('[data-a~="' + CSS.escape(id) + '"]')]);
    if (!spans.length) return false;
    spans[0].scrollIntoView({ behavior: "smooth", block: "center" });
    spans.forEach((s) => { s.classList.remove("flash"); void s.offsetWidth; s.classList.add("flash"); });
    return true;
  }
  document.querySelectorAll("a.jump[data-ann]").forEach((link) => {
    link.addEventListener("click", (ev) => {
      if (jump(link.dataset.ann.split(" "))) ev.preventDefault();
    });
  });
  if (location.hash.length > 1) jump([decodeURIComponent(location.hash.slice(1))]);
})();
