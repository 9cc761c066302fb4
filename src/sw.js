// Shipshape's service worker, for the hosted site: after one visit, the pages the reader has seen,
// the shell, the main bundle, the tool bundles once used and each language's search index once
// opened are served offline. The release build writes it to /sw.js with `BUILD` first: this
// build's version and the files of its shell, tools and search indexes (src/bin/prerender.rs).
//
// A deployment's files live in one cache named after its version, so pages and the wasm they
// load always come from the same build. Pages are asked of the network first (a reader online
// always gets the current page) and the cache when offline; files with a hash in their name
// never change and are served from the cache first. A new version installs beside the old one
// and waits: the page offers a reload (sw-register.js), which lets it take over.
/* global BUILD */
'use strict';

const PREFIX = 'shipshape-';
const CACHE = PREFIX + BUILD.version;
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z0-9]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(BUILD.shell);
      // What the reader had offline with the previous version stays available with this one:
      // the same pages, and the tools and search indexes they had used, at this build's names.
      const wanted = new Set();
      for (const name of await caches.keys()) {
        if (!name.startsWith(PREFIX) || name === CACHE) continue;
        for (const request of await (await caches.open(name)).keys()) {
          const path = new URL(request.url).pathname;
          if (path.endsWith('/')) wanted.add(path);
          for (const [tool, files] of Object.entries(BUILD.tools)) {
            if (path.startsWith(`/shipshape-${tool}-`)) files.forEach((f) => wanted.add(f));
          }
          const lang = /^\/search\/([a-z]{2})-/.exec(path);
          if (lang && BUILD.search[lang[1]]) wanted.add(BUILD.search[lang[1]]);
        }
      }
      // Best effort: a page that no longer exists is simply not carried over.
      await Promise.all([...wanted].map((path) => cache.add(path).catch(() => {})));
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  } else if (event.data && Array.isArray(event.data.keep)) {
    // The first page loaded before this worker controlled it: sw-register.js sends the page's
    // address and the site's files it used (the bundles, a tool, a search index) to keep.
    const paths = event.data.keep
      .map((u) => new URL(u, self.location.origin))
      .filter((u) => u.origin === self.location.origin && !u.pathname.startsWith('/sw'))
      .map((u) => u.pathname + u.search);
    event.waitUntil(
      caches.open(CACHE).then((cache) =>
        Promise.all(
          paths.map(async (path) => {
            if (!(await cache.match(path))) await cache.add(path).catch(() => {});
          }),
        ),
      ).then(() => event.source && event.source.postMessage('kept')),
    );
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only pages and the site's own small files; a 404 is not kept.
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    // /en/replication and /en/replication/ are the same page.
    const url = new URL(request.url);
    const folder = url.pathname.endsWith('/') ? null : url.origin + url.pathname + '/';
    const hit =
      (await cache.match(request, { ignoreSearch: true })) ||
      (folder && request.mode === 'navigate' && (await cache.match(folder)));
    if (hit) return hit;
    throw offline;
  }
}
