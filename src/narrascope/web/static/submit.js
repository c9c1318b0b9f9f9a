// Add-articles page: send text, a file or a web address to the API, then poll the job until it is analysed.
"use strict";
(function () {
  const jobs = document.getElementById("jobs");
  const tokenBox = document.getElementById("api-token");
  const headers = () => (tokenBox && tokenBox.value ? { Authorization: "Bearer " + tokenBox.value } : {});

  function row(job) {
    let li = jobs.querySelector('[data-job="' + CSS.escape(job.id) + '"]');
    if (!li) { li = document.createElement("li"); li.dataset.job = job.id; jobs.prepend(li); }
    li.replaceChildren(document.createTextNode((job.name || "submission") + " — "));
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = job.status;
    li.appendChild(status);
    (job.article_ids || []).forEach((id) => {
      const a = document.createElement("a");
      a.href = "/articles/" + encodeURIComponent(id);
      a.textContent = " open article";
      a.className = "open-article";
      li.append(" ", a);
    });
    const problem = job.error || (job.detail && JSON.stringify(job.detail));
    if (problem) { const e = document.createElement("span"); e.className = "error"; e.textContent = problem; li.appendChild(e); }
  }

  async function poll(id) {
    for (;;) {
      const job = await (await fetch("/api/jobs/" + encodeURIComponent(id))).json();
      row(job);
      if (job.status === "done" || job.status === "failed") return;
      await new Promise((r) => setTimeout(r, 700));
    }
  }

  async function send(url, init, name) {
    const resp = await fetch(url, { method: "POST", ...init, headers: { ...(init.headers || {}), ...headers() } });
    const body = await resp.json();
    if (resp.status === 202) { row(body); poll(body.id); }
    else row({ id: "error-" + Date.now(), name, status: "refused (" + resp.status + ")", detail: body.detail });
  }

  document.getElementById("paste-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const text = String(f.get("text") || "");
    const isHtml = /^\s*</.test(text);
    const body = { [isHtml ? "html" : "text"]: text };
    for (const k of ["title", "source", "published"]) if (f.get(k)) body[k] = f.get(k);
    send("/api/articles", { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, body.title || "pasted text");
  });
  document.getElementById("upload-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    for (const k of ["source", "published"]) if (!f.get(k)) f.delete(k);
    send("/api/articles/upload", { body: f }, (f.get("file") || {}).name || "upload");
  });
  document.getElementById("collect-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const body = { url: String(f.get("url") || "") };
    for (const k of ["outlet", "since"]) if (f.get(k)) body[k] = f.get(k);
    if (f.get("limit")) body.limit = Number(f.get("limit"));
    send("/api/collect", { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, "collect " + body.url);
  });
  jobs.querySelectorAll("[data-job]").forEach((li) => {
    const s = li.querySelector(".status");
    if (s && (s.textContent === "queued" || s.textContent === "running")) poll(li.dataset.job);
  });
})();
