// The shell: who is logged in, which screen shows, the menu, the idle timeout and the service worker.
// Screens live in their own modules and draw into <main>.

import * as api from './api.js';
import * as outbox from './outbox.js';
import { h, mount, flash, focusHeading } from './dom.js';
import * as login from './login.js';
import * as desa from './desa.js';
import * as opd from './opd.js';
import * as admin from './admin.js';
import * as lacak from './lacak.js';
import * as privacy from './privacy.js';

/**
 * Minutes without a key press, tap or click after which the session ends (shared desa PCs). A kabupaten
 * may set another value as data-idle-minutes on index.html's <html> element.
 */
const IDLE_MINUTES = 15;
const idleMinutes = () => Number(document.documentElement.dataset.idleMinutes) || IDLE_MINUTES;

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const net = document.getElementById('net');

const DESA = ['DESA_OFFICER'];
const QUEUE = ['OPD_OFFICER', 'ADMIN'];
const OPD = ['OPD_OFFICER'];
const ADMIN = ['ADMIN'];
/** What a viewer reads needs no capability: the kabupaten's setup and where a request would go. */
const SETUP = ['ADMIN', 'VIEWER'];

const ROUTES = [
  ['masuk', null, login.screen],
  ['lacak', null, lacak.screen],
  ['lacak/:code', null, lacak.screen],
  ['verifikasi', null, lacak.verify],
  ['verifikasi/:code', null, lacak.verify],
  ['desa/layanan', DESA, desa.catalog],
  ['desa/ajukan/:id', DESA, desa.file],
  ['desa/permohonan', DESA, desa.list],
  ['desa/permohonan/:id', DESA, desa.detail],
  ['desa/kirim', DESA, desa.waiting],
  ['opd/antrean', QUEUE, opd.queue],
  ['opd/ditangani', OPD, opd.handled],
  ['opd/permohonan/:id', QUEUE, opd.detail],
  ['admin/akun', ADMIN, admin.accounts],
  ['admin/opd', SETUP, admin.opds],
  ['admin/layanan', SETUP, admin.catalog],
  ['admin/aturan', SETUP, admin.rules],
  ['admin/uji-rute', SETUP, admin.explain],
  ['admin/jejak-audit', ADMIN, privacy.audit],
  ['admin/retensi', ADMIN, privacy.retention],
  ['admin/data-warga', ADMIN, privacy.citizen],
];

/**
 * The menu of each role: [link, text, capability it needs (from /me), or null for what every role of the
 * entry may read]. An entry whose capability the caller lacks is left out.
 */
const MENUS = {
  DESA_OFFICER: [['#/desa/layanan', 'Ajukan', 'FILE_REQUESTS'], ['#/desa/permohonan', 'Permohonan', 'VIEW_REQUESTS'],
    ['#/desa/kirim', 'Menunggu kirim', 'FILE_REQUESTS']],
  OPD_OFFICER: [['#/opd/antrean', 'Antrean', 'WORK_QUEUE'], ['#/opd/ditangani', 'Pernah ditangani', 'VIEW_REQUESTS']],
  ADMIN: [['#/admin/akun', 'Akun', 'MANAGE_ACCOUNTS'], ['#/admin/opd', 'OPD', null], ['#/admin/layanan', 'Katalog', null],
    ['#/admin/aturan', 'Aturan rute', null], ['#/admin/uji-rute', 'Uji rute', null], ['#/opd/antrean', 'Triase', 'WORK_QUEUE'],
    ['#/admin/jejak-audit', 'Jejak audit', 'VIEW_AUDIT_TRAIL'], ['#/admin/retensi', 'Retensi data', 'MANAGE_PERSONAL_DATA'],
    ['#/admin/data-warga', 'Data warga', 'MANAGE_PERSONAL_DATA']],
  VIEWER: [['#/admin/opd', 'OPD', null], ['#/admin/layanan', 'Katalog', null], ['#/admin/aturan', 'Aturan rute', null],
    ['#/admin/uji-rute', 'Uji rute', null]],
};

const HOME = { DESA_OFFICER: 'desa/layanan', OPD_OFFICER: 'opd/antrean', ADMIN: 'admin/akun', VIEWER: 'admin/layanan' };

/**
 * What the screens share: the caller (from /me), navigation, and cleanups for the screen that is left. Each
 * screen gets its own view of it (see show()), whose main is that screen's own part of the page.
 */
const ctx = {
  me: null,
  username: null,
  main,
  go(route) {
    if (location.hash === '#/' + route) show();
    else location.hash = '#/' + route;
  },
  onLeave(fn) { leaving.push(fn); },
  async signedIn(loginAnswer) {
    ctx.username = loginAnswer.account.username;
    try {
      ctx.me = await api.get('/me');
    } catch (e) {
      ctx.username = null;
      api.logout('logout');
      throw e;
    }
    if (ctx.me.role === 'DESA_OFFICER') outbox.start(ctx.username);
    const wanted = pendingRoute && pendingRoute !== 'masuk' ? pendingRoute : HOME[ctx.me.role] || 'lacak';
    pendingRoute = null;
    drawNav();
    ctx.go(wanted);
  },
  logout: () => api.logout('logout'),
};

/** Cleanups of the screen on show; the number of the last navigation. */
let leaving = [];
let navigation = 0;

let pendingRoute = null;

function current() {
  const hash = location.hash.replace(/^#\/?/, '');
  if (hash) return hash;
  const m = location.pathname.match(/^\/lacak\/([^/]+)\/?$/);
  return m ? 'lacak/' + m[1] : '';
}

function match(route) {
  const parts = route.split('/').filter(Boolean);
  for (const [pattern, roles, screen] of ROUTES) {
    const want = pattern.split('/');
    if (want.length !== parts.length) continue;
    const params = {};
    let ok = true;
    for (let i = 0; i < want.length && ok; i++) {
      if (want[i].startsWith(':')) {
        try { params[want[i].slice(1)] = decodeURIComponent(parts[i]); } catch { ok = false; }
      } else ok = want[i] === parts[i];
    }
    if (ok) return { roles, screen, params };
  }
  return null;
}

async function show() {
  for (const fn of leaving.splice(0)) {
    try { fn(); } catch { /* a screen's cleanup never blocks the next */ }
  }
  const route = current();
  const found = match(route);
  if (!found) {
    ctx.go(ctx.me ? HOME[ctx.me.role] || 'lacak' : 'masuk');
    return;
  }
  if (found.roles && (!ctx.me || !found.roles.includes(ctx.me.role))) {
    if (!ctx.me) {
      pendingRoute = route;
      ctx.go('masuk');
    } else {
      ctx.go(HOME[ctx.me.role] || 'lacak');
    }
    return;
  }
  if (route === 'masuk' && ctx.me) {
    ctx.go(HOME[ctx.me.role] || 'lacak');
    return;
  }
  drawNav(route);
  // Each screen draws into a part of <main> of its own. A screen still loading when the officer has gone on
  // (a slow link) then draws into a part that is no longer on the page, never over the next screen, and
  // what it leaves running ends at once.
  const seq = ++navigation;
  const root = h('div', { class: 'screen' }, h('p', { class: 'muted' }, 'Memuat…'));
  mount(main, root);
  const screen = Object.create(ctx, {
    main: { value: root },
    onLeave: { value: (fn) => (seq === navigation ? leaving.push(fn) : fn()) },
  });
  try {
    await found.screen(screen, found.params);
  } catch (e) {
    if (seq !== navigation) return;
    mount(root, h('h1', null, 'Tidak dapat dimuat'), h('p', null, api.explain(e)),
      h('p', null, h('button', { type: 'button', onclick: () => show() }, 'Coba lagi')));
  }
  if (seq === navigation) focusHeading(root);
}

function drawNav(route = current()) {
  const can = new Set(ctx.me ? ctx.me.capabilities ?? [] : []);
  const links = ctx.me ? (MENUS[ctx.me.role] || []).filter(([, , needs]) => !needs || can.has(needs)) : [['#/masuk', 'Masuk']];
  const items = links.map(([to, text]) => h('li', null,
    h('a', { href: to, 'aria-current': to === '#/' + route ? 'page' : null }, text)));
  items.push(h('li', null, h('a', { href: '#/lacak', 'aria-current': route.startsWith('lacak') ? 'page' : null }, 'Lacak')));
  items.push(h('li', null, h('a', { href: '#/verifikasi', 'aria-current': route.startsWith('verifikasi') ? 'page' : null }, 'Verifikasi')));
  if (ctx.me) {
    items.push(h('li', null, h('span', { class: 'small' }, ctx.me.name ?? ctx.username)));
    items.push(h('li', null, h('button', { type: 'button', class: 'link', id: 'logout', onclick: () => ctx.logout() }, 'Keluar')));
  }
  mount(nav, h('ul', null, items));
  drawNet();
}

async function drawNet() {
  const offline = !navigator.onLine;
  let waiting = 0;
  try {
    waiting = ctx.me && ctx.me.role === 'DESA_OFFICER' ? (await outbox.waiting()).length : 0;
  } catch { /* no IndexedDB: nothing can wait */ }
  net.className = 'net' + (offline ? ' off' : '');
  mount(net, offline ? 'Luring' : null, offline && waiting ? ' · ' : null,
    waiting ? h('a', { href: '#/desa/kirim' }, `${waiting} menunggu kirim`) : null);
}

api.onSessionEnd((reason) => {
  outbox.stop();
  ctx.me = null;
  ctx.username = null;
  desa.forget();
  opd.forget();
  admin.forget();
  privacy.forget();
  drawNav('masuk');
  if (reason === 'idle') flash('Anda keluar otomatis karena lama tidak ada kegiatan.');
  else if (reason === 'expired') flash('Sesi berakhir. Silakan masuk lagi.', true);
  else flash('Anda sudah keluar.');
  const route = current();
  if (!route.startsWith('lacak') && !route.startsWith('verifikasi')) {
    pendingRoute = null;
    ctx.go('masuk');
  }
});

// Idle timeout: any key, tap or click counts as activity.
let lastActive = Date.now();
for (const type of ['pointerdown', 'keydown', 'touchstart', 'wheel']) {
  window.addEventListener(type, () => { lastActive = Date.now(); }, { passive: true, capture: true });
}
function checkIdle() {
  if (api.hasSession() && Date.now() - lastActive > idleMinutes() * 60000) api.logout('idle');
}
setInterval(checkIdle, 5000);
document.addEventListener('visibilitychange', checkIdle);

window.addEventListener('hashchange', show);
window.addEventListener('online', drawNet);
window.addEventListener('offline', drawNet);
outbox.onChange(drawNet);

// The app shell opens offline once a service worker has cached it. Trusted Types: the worker's URL is
// the one script URL this page ever hands to the browser.
if ('serviceWorker' in navigator) {
  const policy = window.trustedTypes ? window.trustedTypes.createPolicy('layanan', {
    createScriptURL: (url) => {
      if (url === '/sw.js') return url;
      throw new TypeError('script URL not allowed');
    },
  }) : null;
  navigator.serviceWorker.register(policy ? policy.createScriptURL('/sw.js') : '/sw.js', { scope: '/' }).catch(() => {});
}

show();
