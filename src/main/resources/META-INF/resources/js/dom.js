// Building the page. Everything shown goes in as text nodes or attribute values, never as HTML:
// names and notes may hold markup, and the page's Trusted Types policy makes HTML sinks throw anyway.

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'required', 'multiple']);

/** h('p', {class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (PROPS.has(name)) el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) add(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the content of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  add(el, children);
  return el;
}

let flashTimer;
/** A short message under the bar, read out by screen readers. */
export function flash(text, bad = false) {
  const box = document.getElementById('flash');
  mount(box, text ? h('p', { class: bad ? 'bad' : '' }, text) : null);
  clearTimeout(flashTimer);
  if (text) flashTimer = setTimeout(() => mount(box), 8000);
}

/** A route link: href('#/desa/permohonan', 12) encodes each part. */
export function href(base, ...parts) {
  return base + parts.map((p) => '/' + encodeURIComponent(p)).join('');
}

const DATE = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_UTC = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** An instant in the device's zone. */
export function dateTime(iso) {
  return iso ? DATE_TIME.format(new Date(iso)) : '–';
}

const TIME = new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit' });

/** The time of an instant when it is today on this device, else its date and time. */
export function time(iso) {
  if (!iso) return '–';
  const t = new Date(iso);
  return t.toDateString() === new Date().toDateString() ? TIME.format(t) : DATE_TIME.format(t);
}

export function date(iso) {
  return iso ? DATE.format(new Date(iso)) : '–';
}

/** A calendar date (YYYY-MM-DD, the kabupaten's calendar) shown as it is. */
export function day(ymd) {
  return ymd ? DATE_UTC.format(new Date(ymd + 'T00:00:00Z')) : '–';
}

export const STATUS = {
  SUBMITTED: 'Diajukan',
  IN_PROGRESS: 'Diproses',
  NEEDS_INFO: 'Perlu dilengkapi',
  COMPLETED: 'Selesai',
  REJECTED: 'Ditolak',
  CANCELLED: 'Dibatalkan',
};

export const EVENT = {
  FILED: 'Diajukan',
  ACCEPTED: 'Diterima untuk diproses',
  INFO_REQUESTED: 'Diminta melengkapi',
  INFO_SUPPLIED: 'Dilengkapi desa',
  FORWARDED: 'Diteruskan',
  REASSIGNED: 'Dipindahkan admin',
  COMPLETED: 'Selesai',
  REJECTED: 'Ditolak',
  CANCELLED: 'Dibatalkan',
  CLAIMED: 'Diambil sistem OPD',
  RELEASED: 'Dikembalikan ke antrean',
  LEASE_EXPIRED: 'Waktu ambil habis, kembali ke antrean',
  FLAGGED: 'Ditandai perlu perhatian petugas',
  DOCUMENT_ATTACHED: 'Berkas dilampirkan',
  RESULT_ATTACHED: 'Dokumen hasil diunggah',
  PERSONAL_DATA_PURGED: 'Data pribadi dihapus (masa simpan habis)',
};

export const ROLE = {
  ADMIN: 'Admin kabupaten',
  VIEWER: 'Pemantau',
  DESA_OFFICER: 'Petugas desa',
  OPD_OFFICER: 'Petugas OPD',
  OPD_SYSTEM: 'Sistem OPD',
};

export function statusBadge(status) {
  return h('span', { class: 'badge ' + status }, STATUS[status] || status);
}

/** LAKI_LAKI → "Laki laki" for option values that have no label of their own. */
export function words(value) {
  const s = String(value).replace(/_/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A definition list from [term, value] pairs; values may be nodes. Pairs with an absent value are left out. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter((p) => p && p[1] !== undefined && p[1] !== null && p[1] !== '')
    .map(([t, v]) => [h('dt', null, t), h('dd', null, v)]));
}

/** Hands a Blob to the browser as a download named `name`; its object URL is revoked once the browser has it. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** Moves focus to the screen's heading so keyboard and screen-reader users start there. */
export function focusHeading(root) {
  const h1 = root.querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: false });
  }
}
