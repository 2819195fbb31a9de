/*
 * Service worker of Budget Explorer: keeps the app and every snapshot file the reader opened,
 * so that those pages work without a network connection.
 *
 * - Immutable files, cache first: the app's files, whose names Trunk ends with a content hash
 *   (`app-0123456789abcdef.css`), and the snapshot's files, which the app requests as
 *   `data/<path>?v=<first 16 hex digits of the file's sha256>`.
 * - Everything else, network first with the saved copy as the fallback: the page itself,
 *   `data/index.json` (so a new snapshot on the server is seen at once), `data/manifest.json`
 *   and the web manifest.
 * - Offline, a file that was never saved gets a 503 response with the header
 *   `budget-explorer-offline: 1`, which the app reports as "not available offline".
 *
 * On install it saves the page and the files the page links to, so the app itself starts
 * offline after one visit.
 *
 * NOTE: files of older snapshots stay in the cache until the site's data is cleared; the cache
 * name changes only with this script's format.
 */
"use strict";

const CACHE = "budget-explorer-v1";
const SCOPE = new URL(self.registration.scope);
const DATA = new URL("data/", SCOPE).pathname;
// Trunk's hashed names: a dash, 16 hex digits, then `_bg` for the wasm, then the extension.
const HASHED_NAME = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;
// The page's own links to its files, in quoted and minified (unquoted) attributes.
const LINKED_FILE = /(?:href|src)=["']?\.\/([^"'\s>]+)/g;

self.addEventListener("install", (event) => {
  event.waitUntil(saveShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(removeOtherCaches().then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) {
    return;
  }
  const immutable = (url.pathname.startsWith(DATA) && url.searchParams.has("v")) || HASHED_NAME.test(url.pathname);
  event.respondWith(immutable ? cacheFirst(request) : networkFirst(request));
});

async function saveShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch(SCOPE.href, { cache: "no-cache" });
  if (!page.ok) {
    throw new Error(`the page ${SCOPE.href} returned HTTP ${page.status}`);
  }
  const html = await page.clone().text();
  const files = new Set(["manifest.webmanifest"]);
  for (const match of html.matchAll(LINKED_FILE)) {
    files.add(match[1]);
  }
  await cache.addAll([...files].map((file) => new URL(file, SCOPE).href));
  await cache.put(SCOPE.href, page);
}

async function removeOtherCaches() {
  const names = await caches.keys();
  const old = names.filter((name) => name.startsWith("budget-explorer-") && name !== CACHE);
  await Promise.all(old.map((name) => caches.delete(name)));
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request);
  if (saved) {
    return saved;
  }
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    return offlineAnswer();
  }
  if (response.ok) {
    // Stored before the page gets the response, so a file counted as saved is saved.
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  // A page address with or without `index.html` or a query is the same page.
  const key = request.mode === "navigate" ? pageKey(request.url) : request;
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (error) {
    return (await cache.match(key)) || offlineAnswer();
  }
}

function pageKey(address) {
  const url = new URL(address);
  url.search = "";
  url.hash = "";
  if (url.pathname.endsWith("/index.html")) {
    url.pathname = url.pathname.slice(0, -"index.html".length);
  }
  return url.href;
}

function offlineAnswer() {
  return new Response("This file is not available offline.\n", {
    status: 503,
    statusText: "Offline",
    headers: { "budget-explorer-offline": "1", "content-type": "text/plain; charset=utf-8" },
  });
}
