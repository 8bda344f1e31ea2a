// The app shell opens without a connection. Only the client's own files are cached here; answers of
// the API (personal data) never are: the worker does not even look at /api/ requests.

const CACHE = 'layanan-shell-v4';
const SHELL = [
  '/', '/app.css', '/icon.svg', '/manifest.json',
  '/js/app.js', '/js/api.js', '/js/dom.js', '/js/store.js', '/js/outbox.js', '/js/form.js', '/js/request.js',
  '/js/login.js', '/js/desa.js', '/js/opd.js', '/js/admin.js', '/js/lacak.js', '/js/privacy.js',
];
/** How long a page load waits for the network before it opens the cached shell (slow 3G, lie-fi). */
const NAVIGATION_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL.map((u) => new Request(u, { cache: 'no-cache' })))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/q/')) return;
  if (request.mode === 'navigate') {
    // Pages: the network when it answers soon (fresh shell after an update), else the cached shell.
    event.respondWith(fromNetworkWithin(request, NAVIGATION_TIMEOUT_MS).catch(() => caches.match('/', { ignoreSearch: true })));
    return;
  }
  if (!SHELL.includes(url.pathname)) return;
  // Shell files: the cached copy at once, refreshed in the background for the next start.
  const refresh = fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((c) => c.put(url.pathname, copy));
    }
    return response;
  });
  event.waitUntil(refresh.then(() => undefined, () => undefined));
  event.respondWith(caches.match(url.pathname).then((hit) => hit || refresh));
});

function fromNetworkWithin(request, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('slow network')), ms);
    fetch(request).then((response) => {
      clearTimeout(timer);
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((c) => c.put('/', copy));
      }
      resolve(response);
    }, (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
