// How one request is shown, to the desa and to the OPD alike: facts, answers, documents, history, who
// holds it; and how an open screen keeps up with it through conditional reads.

import * as api from './api.js';
import { h, mount, facts, dateTime, day, time, statusBadge, words, EVENT, STATUS, ROLE, saveBlob } from './dom.js';

export const PROVISION = { ON_PAPER: 'Dibawa (kertas)', ATTACHED: 'Dilampirkan', NOT_APPLICABLE: 'Tidak ada' };

const ROUTED = {
  SERVICE_DEFAULT: 'OPD bawaan layanan', TRIAGE: 'triase',
  RULE_SERVICE_DESA: 'aturan layanan untuk desa', RULE_SERVICE_KECAMATAN: 'aturan layanan untuk kecamatan',
  RULE_SERVICE_KABUPATEN: 'aturan layanan untuk kabupaten', RULE_ALL_DESA: 'aturan semua layanan untuk desa',
  RULE_ALL_KECAMATAN: 'aturan semua layanan untuk kecamatan', RULE_ALL_KABUPATEN: 'aturan semua layanan untuk kabupaten',
};

/** Notes the service writes itself, in the officer's words; people's notes as they wrote them. */
const FILE_TYPE = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };
const fileNote = (type, size, sha) => `${FILE_TYPE[type] || type}, ${api.megabytes(size)}, SHA-256 ${sha.slice(0, 12)}…`;

const SYSTEM_NOTES = [
  [/^result document \d+: (\S+), (\d+) bytes, sha256 ([0-9a-f]{64})$/, (m) => 'Dokumen hasil: ' + fileNote(m[1], m[2], m[3])],
  [/^([A-Z0-9_]+): (\S+), (\d+) bytes, sha256 ([0-9a-f]{64})$/, (m) => m[1] + ': ' + fileNote(m[2], m[3], m[4])],
  [/^routed by (\S+)$/, (m) => 'Rute: ' + (ROUTED[m[1]] || m[1])],
  [/^claimed by (.+) until (\S+?)(?: \(delivery (\d+)\))?$/,
    (m) => `Diambil ${consumerName(m[1])} sampai ${dateTime(m[2])}` + (m[3] ? ` (pengambilan ke-${m[3]})` : '')],
  [/^the lease ran out at (\S+) before the request was worked$/,
    (m) => `Waktu ambil habis pada ${dateTime(m[1])} sebelum dikerjakan; kembali ke antrean`],
  [/^delivered (\d+) times without being worked: a person should look$/,
    (m) => `Sudah ${m[1]} kali diambil sistem tanpa dikerjakan: perlu diperiksa petugas`],
  [/^the consumer went away before the claim reached it$/, () => 'Sistem pengambil terputus sebelum menerimanya; kembali ke antrean'],
];

function noteText(e) {
  if (e.type === 'INFO_REQUESTED') return infoNote(e.note);
  for (const [re, fn] of SYSTEM_NOTES) {
    const m = re.exec(e.note);
    if (m) return fn(m);
  }
  return e.note;
}

/** Who did it: the person's name, or what kind of actor it was. */
function actorText(e) {
  if (e.actorKind === 'SYSTEM') return 'Sistem Layanan Desa';
  const kind = ROLE[e.actorKind];
  return [e.actor, kind].filter(Boolean).join(' · ');
}

/** The service's "missing: a; b. note" of an info request, in the officer's words. */
export function infoNote(note) {
  return note ? String(note).replace(/^missing: /, 'Yang kurang: ') : note;
}

function answerText(field, value) {
  if (value === undefined || value === null) return '–';
  if (Array.isArray(value)) return value.map(words).join(', ');
  if (typeof value === 'boolean') return value ? 'Ya' : 'Tidak';
  if (field && field.type === 'SINGLE_CHOICE') return words(value);
  return String(value);
}

/** The facts of a request; me: the caller (from /me), to say "Anda" when the caller holds it. */
export function summary(r, me = null) {
  return h('section', { class: 'card', 'aria-label': 'Ringkasan' },
    h('p', null, statusBadge(r.status), r.overdue ? [' ', h('span', { class: 'badge warn' }, 'Terlambat')] : null,
      r.needsAttention ? [' ', h('span', { class: 'badge bad' }, 'Perlu perhatian')] : null),
    facts([
      ['Kode lacak', h('span', { class: 'code' }, r.trackingCode)],
      ['Layanan', r.serviceType ? r.serviceType.name : null],
      ['Warga', r.citizen ? r.citizen.name : null],
      ['NIK', r.citizen ? r.citizen.nik : null],
      ['No. HP', r.citizen ? r.citizen.phone : null],
      ['Alamat', r.citizen ? r.citizen.address : null],
      ['Desa', r.desaName ?? r.desaCode],
      ['OPD', r.opd ? r.opd.name : null],
      ['Dipegang oleh', holderText(r, me)],
      ['Diajukan', dateTime(r.filedAt)],
      ['Batas selesai', day(r.dueDate)],
      ['Selesai pada', r.finishedAt ? dateTime(r.finishedAt) : null],
      ['Hasil', r.resultNote],
      ['Nomor dokumen', r.documentNumber],
      ['Catatan desa', r.note],
    ]));
}

/**
 * Who holds it now, as the service says: the person who accepted it (assignedTo, assignedToName), or the
 * OPD system whose claim holds it until leaseUntil (claimedBy). Null when nobody does.
 */
export function holderText(r, me = null) {
  if (r.claimedBy) return 'Sistem OPD ' + consumerName(r.claimedBy) + (r.leaseUntil ? ' sampai ' + time(r.leaseUntil) : '');
  if (!r.assignedTo && !r.assignedToName) return null;
  const name = r.assignedToName ?? r.assignedTo;
  const mine = me && me.accountId != null && r.assignedTo === 'account:' + me.accountId;
  return mine ? 'Anda (' + name + ')' : name;
}

/** "key:7/siak-bridge-1" → "siak-bridge-1": the consumer's own name for itself. */
function consumerName(claimedBy) {
  const slash = String(claimedBy).indexOf('/');
  return slash >= 0 ? String(claimedBy).slice(slash + 1) : String(claimedBy);
}

export function answers(r, service) {
  const fields = service ? [...service.fields].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)) : [];
  const known = new Set(fields.map((f) => f.key));
  const given = r.answers ?? {};
  const rows = fields.filter((f) => f.key in given).map((f) => [f.label, answerText(f, given[f.key])]);
  for (const k of Object.keys(given)) if (!known.has(k)) rows.push([k, answerText(null, given[k])]);
  const docs = r.documents ?? [];
  const names = new Map((service ? service.documents : []).map((d) => [d.code, d.name]));
  return [
    h('h2', null, 'Isian'),
    rows.length ? h('div', { class: 'card' }, facts(rows)) : h('p', { class: 'muted' }, 'Tidak ada isian.'),
    h('h2', null, 'Dokumen'),
    docs.length ? h('ul', { class: 'list' }, docs.map((d) => h('li', null, names.get(d.code) ?? d.code, ': ',
      h('strong', null, PROVISION[d.provision] || d.provision))))
      : h('p', { class: 'muted' }, 'Tidak ada dokumen.'),
  ];
}

export function history(r) {
  return [
    h('h2', null, 'Riwayat'),
    h('ol', { class: 'history' }, (r.history ?? []).map((e) => h('li', null,
      h('strong', null, EVENT[e.type] || e.type),
      e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? [' → ', STATUS[e.toStatus] || e.toStatus] : null,
      h('br'),
      h('span', { class: 'small muted' }, dateTime(e.at), ' · ', actorText(e)),
      e.toOpd && (!e.fromOpd || e.fromOpd.id !== e.toOpd.id) ? [h('br'), h('span', { class: 'small' }, 'Ke: ', e.toOpd.name)] : null,
      e.note ? [h('br'), h('span', { class: 'small' }, noteText(e))] : null))),
  ];
}

/**
 * Repeats look() every `seconds` while the page is visible, online and logged in, one look at a time; stops when
 * the screen is left. A kabupaten may set other seconds for every screen as data-poll-seconds on <html>.
 */
export function poll(ctx, seconds, look) {
  let busy = false;
  const every = Number(document.documentElement.dataset.pollSeconds) || seconds;
  const timer = setInterval(() => {
    if (busy || document.visibilityState !== 'visible' || !api.hasSession() || !navigator.onLine) return;
    busy = true;
    look().catch(() => {}).finally(() => { busy = false; });
  }, every * 1000);
  ctx.onLeave(() => clearInterval(timer));
}

/** The time of day, for "checked at". */
export function clock() {
  return new Date().toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' });
}

/** Seconds between two looks at an open request: unchanged, it costs a 304 without a body. */
const WATCH_SECONDS = 30;

/**
 * Keeps an open request screen up to date: a conditional read every WATCH_SECONDS. When the request changed,
 * the screen is drawn again, unless the officer has begun to fill one of its forms: then it says so and
 * offers to reload.
 */
export function watch(ctx, path, live, reload) {
  let typing = false;
  const typed = () => { typing = true; };
  ctx.main.addEventListener('input', typed);
  ctx.onLeave(() => ctx.main.removeEventListener('input', typed));
  poll(ctx, WATCH_SECONDS, async () => {
    const res = await api.fresh(path);
    if (!res.changed) {
      live.textContent = 'Tidak ada perubahan · diperiksa ' + clock();
    } else if (!typing) {
      reload();
    } else {
      mount(live, 'Permohonan ini baru saja berubah. ',
        h('button', { type: 'button', class: 'link', onclick: reload }, 'Muat ulang'));
    }
  });
}

/**
 * Opens a protected file: it needs the Authorization header, so it is fetched as a Blob and handed to the
 * browser through an object URL, which is revoked once the browser has taken it.
 */
export async function download(address, name, params) {
  saveBlob(await api.blob(address, params), name);
}

/** A button that downloads a protected file and says so when it cannot. */
export function downloadButton(text, address, name, attrs = {}, params = undefined) {
  const button = h('button', { type: 'button', class: 'link', ...attrs, onclick: async () => {
    button.disabled = true;
    try {
      await download(address, name, params);
    } catch (e) {
      flashError(e);
    } finally {
      button.disabled = false;
    }
  } }, text);
  return button;
}

function flashError(e) {
  const box = document.getElementById('flash');
  mount(box, h('p', { class: 'bad' }, api.explain(e)));
}

/** The receipt as PDF (A4) and as an 80 mm strip for a thermal printer. */
export function receiptButtons(r) {
  const name = 'tanda-terima-' + r.trackingCode + '.pdf';
  return h('div', { class: 'actions no-print' },
    downloadButton('Cetak tanda terima', `/requests/${r.id}/receipt`, name, { class: '', id: 'receipt-pdf' }),
    downloadButton('Struk 80 mm', `/requests/${r.id}/receipt`, 'struk-' + name, { class: 'secondary' }, { format: 'THERMAL' }));
}

const KIND = { ATTACHMENT: 'Lampiran', RESULT: 'Dokumen hasil' };

/**
 * The request's files (attachments and, once the request was completed with it, the result document), each
 * with its download. Returns {el, load}: load() reads the list again (after an upload).
 */
export function files(r, service) {
  const names = new Map((service ? service.documents : []).map((d) => [d.code, d.name]));
  const list = h('div', { id: 'files' }, h('p', { class: 'muted' }, 'Memuat…'));
  const el = h('section', { 'aria-labelledby': 'files-h' }, h('h2', { id: 'files-h' }, 'Berkas'), list);
  async function load() {
    try {
      const items = api.page(await api.get(`/requests/${r.id}/files`)).items;
      mount(list, items.length ? h('ul', { class: 'list' }, items.map((f) => h('li', null,
        h('strong', null, f.kind === 'RESULT' ? KIND.RESULT : names.get(f.documentCode) ?? f.documentCode ?? KIND[f.kind]), ': ',
        downloadButton(f.fileName, f.href, f.fileName, { 'data-file': f.id }),
        h('br'),
        h('span', { class: 'small muted' }, api.megabytes(f.size), ' · ', dateTime(f.uploadedAt), f.uploadedBy ? [' · ', f.uploadedBy] : null),
        f.verificationCode ? [h('br'), h('span', { class: 'small' }, 'Kode verifikasi ',
          h('a', { href: '#/verifikasi/' + encodeURIComponent(f.verificationCode), class: 'code' }, f.verificationCode))] : null)))
        : h('p', { class: 'muted' }, 'Belum ada berkas.'));
    } catch (e) {
      mount(list, h('p', { class: 'muted' }, 'Daftar berkas tidak dapat dimuat: ', api.explain(e)));
    }
  }
  load();
  return { el, load };
}
