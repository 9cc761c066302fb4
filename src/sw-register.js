// Registers the service worker (src/sw.js) on the hosted site, and tells the reader when a new
// deployment is ready: the page's "new version" notice (#update-ready, in the page's language)
// appears, and its button lets the new version take over and reloads. The release build adds
// this script to every page; `trunk serve` builds do not have it.
'use strict';
(function () {
  if (!('serviceWorker' in navigator)) return;
  var reloading = false;
  function offer(worker) {
    var notice = document.getElementById('update-ready');
    if (!notice || !navigator.serviceWorker.controller) return;
    notice.hidden = false;
    document.documentElement.setAttribute('data-update-ready', '');
    notice.querySelector('button').addEventListener('click', function () {
      worker.postMessage('skip-waiting');
    });
  }
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (reloading || !document.documentElement.hasAttribute('data-update-ready')) return;
    reloading = true;
    location.reload();
  });
  function follow(worker) {
    worker.addEventListener('statechange', function () {
      if (worker.state === 'installed') offer(worker);
    });
  }
  navigator.serviceWorker.register('/sw.js').then(function (registration) {
    // A browser (or a test) may refuse service workers without failing the call.
    if (!registration) {
      document.documentElement.setAttribute('data-sw', 'unavailable');
      return;
    }
    // A new version may be waiting already, or installing since this page's navigation.
    if (registration.waiting) offer(registration.waiting);
    else if (registration.installing) follow(registration.installing);
    registration.addEventListener('updatefound', function () {
      if (registration.installing) follow(registration.installing);
    });
    document.documentElement.setAttribute('data-sw', 'registered');
    // What this page loaded, maybe before the worker existed, is kept for offline use too
    // (the worker skips what it has).
    navigator.serviceWorker.ready.then(function (ready) {
      var keep = [location.pathname];
      performance.getEntriesByType('resource').forEach(function (entry) {
        if (entry.name.indexOf(location.origin + '/') === 0) keep.push(entry.name);
      });
      ready.active.postMessage({ keep: keep });
    });
    navigator.serviceWorker.addEventListener('message', function (event) {
      if (event.data === 'kept') document.documentElement.setAttribute('data-sw', 'ready');
    });
    navigator.serviceWorker.startMessages();
  }, function () {
    document.documentElement.setAttribute('data-sw', 'failed');
  });
})();
