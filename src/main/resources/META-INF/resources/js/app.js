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
const ADMIN = ['ADMIN'];

const ROUTES = [
  ['masuk', null, login.screen],
  ['lacak', null, lacak.screen],
  ['lacak/:code', null, lacak.screen],
  ['desa/layanan', DESA, desa.catalog],
  ['desa/ajukan/:id', DESA, desa.file],
  ['desa/permohonan', DESA, desa.list],
  ['desa/permohonan/:id', DESA, desa.detail],
  ['desa/kirim', DESA, desa.waiting],
  ['opd/antrean', QUEUE, opd.queue],
  ['opd/permohonan/:id', QUEUE, opd.detail],
  ['admin/akun', ADMIN, admin.accounts],
  ['admin/opd', ADMIN, admin.opds],
  ['admin/layanan', ADMIN, admin.catalog],
  ['admin/aturan', ADMIN, admin.rules],
  ['admin/uji-rute', ADMIN, admin.explain],
];

const MENUS = {
  DESA_OFFICER: [['#/desa/layanan', 'Ajukan'], ['#/desa/permohonan', 'Permohonan'], ['#/desa/kirim', 'Menunggu kirim']],
  OPD_OFFICER: [['#/opd/antrean', 'Antrean']],
  ADMIN: [['#/admin/akun', 'Akun'], ['#/admin/opd', 'OPD'], ['#/admin/layanan', 'Katalog'], ['#/admin/aturan', 'Aturan rute'],
    ['#/admin/uji-rute', 'Uji rute'], ['#/opd/antrean', 'Triase']],
};

const HOME = { DESA_OFFICER: 'desa/layanan', OPD_OFFICER: 'opd/antrean', ADMIN: 'admin/akun' };

/** What the screens share: the caller (from /me), navigation, and cleanups for the screen that is left. */
const ctx = {
  me: null,
  username: null,
  main,
  go(route) {
    if (location.hash === '#/' + route) show();
    else location.hash = '#/' + route;
  },
  leaving: [],
  onLeave(fn) { this.leaving.push(fn); },
  async signedIn(loginAnswer) {
    this.username = loginAnswer.account.username;
    this.me = await api.get('/me');
    if (this.me.role === 'DESA_OFFICER') outbox.start(this.username);
    const wanted = pendingRoute && pendingRoute !== 'masuk' ? pendingRoute : HOME[this.me.role] || 'lacak';
    pendingRoute = null;
    drawNav();
    this.go(wanted);
  },
  logout: () => api.logout('logout'),
};

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
  for (const fn of ctx.leaving.splice(0)) {
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
  mount(main, h('p', { class: 'muted' }, 'Memuat…'));
  try {
    await found.screen(ctx, found.params);
  } catch (e) {
    mount(main, h('h1', null, 'Tidak dapat dimuat'), h('p', null, api.explain(e)),
      h('p', null, h('button', { type: 'button', onclick: () => show() }, 'Coba lagi')));
  }
  focusHeading(main);
}

function drawNav(route = current()) {
  const links = ctx.me ? (MENUS[ctx.me.role] || []) : [['#/masuk', 'Masuk']];
  const items = links.map(([to, text]) => h('li', null,
    h('a', { href: to, 'aria-current': to === '#/' + route ? 'page' : null }, text)));
  items.push(h('li', null, h('a', { href: '#/lacak', 'aria-current': route.startsWith('lacak') ? 'page' : null }, 'Lacak')));
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
  drawNav('masuk');
  if (reason === 'idle') flash('Anda keluar otomatis karena lama tidak ada kegiatan.');
  else if (reason === 'expired') flash('Sesi berakhir. Silakan masuk lagi.', true);
  else flash('Anda sudah keluar.');
  const route = current();
  if (!route.startsWith('lacak')) {
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
