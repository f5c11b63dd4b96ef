// Counts one view of this story once the page is actually shown to someone (not while a browser
// prerenders it). No cookie, no identifier: the server recognises a repeat view only for the day, by
// a hash it never writes down (see src/readership/view-counter.ts).
(function () {
  var script = document.currentScript;
  var url = script && script.getAttribute('data-beacon');
  if (!url) return;
  function send() {
    if (navigator.sendBeacon && navigator.sendBeacon(url)) return;
    if (window.fetch)
      fetch(url, { method: 'POST', keepalive: true, credentials: 'omit' }).catch(function () {});
  }
  if (document.prerendering) document.addEventListener('prerenderingchange', send, { once: true });
  else send();
})();
