/* Bandwatch tracker: no cookies, no storage. <script defer src="https://YOUR-BANDWATCH/tracker.js" data-website="WEBSITE-ID"></script>
   Sends pageviews (SPA navigations included), goals (window.bandwatch("Signup")), JS errors and page-load timing. */
(function (w, d) {
  var s = d.currentScript;
  if (!s) return;
  var site = s.getAttribute("data-website");
  var domain = s.getAttribute("data-domain") || location.hostname;
  var api = s.getAttribute("data-api") || new URL(s.src).origin + "/api/collect";
  var errors = 0;
  function send(e) {
    e.url = location.href;
    e.referrer = d.referrer || null;
    if (site) e.website = site;
    else e.domain = domain;
    var body = JSON.stringify(e);
    try {
      if (navigator.sendBeacon && navigator.sendBeacon(api, body)) return;
    } catch {
      // fall back to fetch below
    }
    if (w.fetch) w.fetch(api, { method: "POST", body: body, keepalive: true, headers: { "Content-Type": "text/plain" } }).catch(function () {});
  }
  var last;
  function pageview() {
    if (last === location.pathname + location.search) return;
    last = location.pathname + location.search;
    send({ type: "pageview" });
  }
  var push = history.pushState;
  if (push) {
    history.pushState = function () {
      push.apply(this, arguments);
      pageview();
    };
    w.addEventListener("popstate", pageview);
  }
  w.addEventListener("error", function (ev) {
    if (errors++ < 5) send({ type: "error", name: String(ev.message || "error").slice(0, 200) });
  });
  function timing() {
    var n = w.performance && performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var ms = n ? n.loadEventEnd - n.startTime : 0;
    if (ms > 0) send({ type: "timing", load_time_ms: Math.round(ms) });
  }
  if (d.readyState === "complete") setTimeout(timing, 0);
  else w.addEventListener("load", function () { setTimeout(timing, 0); });
  w.bandwatch = function (goal, props) {
    send({ type: "event", name: String(goal).slice(0, 200), props: props });
  };
  pageview();
})(window, document);
