// Injected by `hireboard serve` only (never in `build` output): reloads the
// page when the site changes, swaps stylesheets when only CSS changed, and
// shows build problems over the page until they are fixed.
(() => {
  "use strict";
  const EVENTS = "/__hireboard/events";
  // The generation this page was served from (a Server-Timing entry of its
  // response): the first event tells whether the site changed since.
  const served = (performance.getEntriesByType("navigation")[0] || {}).serverTiming || [];
  const entry = served.find((t) => t.name === "hireboard");
  let seen = entry ? Number(entry.description) : null;

  function showProblems(problems) {
    let box = document.getElementById("hireboard-problems");
    if (!problems.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "hireboard-problems";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#2b0d0d;color:#ffe4e4;" +
        "font:14px/1.5 ui-monospace,monospace;border-top:4px solid #ff5c5c;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "hireboard: " + problems.length + " problem(s)\n\n" + problems.join("\n");
  }

  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("hireboard", Date.now());
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = () => link.remove();
      link.after(fresh);
    }
  }

  function connect() {
    const source = new EventSource(EVENTS);
    const handle = (kind) => (event) => {
      const data = JSON.parse(event.data);
      // A generation we have not seen (since the page loaded, or after a
      // reconnect) means the server rebuilt or restarted: the page is stale.
      const stale = seen !== null && data.generation !== seen;
      seen = data.generation;
      showProblems(data.problems);
      if (kind === "reload" || (kind === "hello" && stale)) location.reload();
      else if (kind === "css") swapStylesheets();
    };
    for (const kind of ["hello", "reload", "css", "problems"]) {
      source.addEventListener(kind, handle(kind));
    }
    source.onerror = () => {
      // EventSource retries by itself, but gives up for good on some errors.
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  }

  connect();
})();
