// The kabupaten's personal data (UU 27/2022), for its admin: the audit trail (who changed what and who read whose
// data), the retention policy with what it would purge now, and a citizen's request for the data held about them.

import * as api from './api.js';
import { h, mount, flash, facts, dateTime, day, ROLE, STATUS, saveBlob } from './dom.js';
import { fieldSet, input, select, checkNik, checkText } from './form.js';

/** A citizen's export while its screen is open: dropped on leaving it and on logout. */
let lastExport = null;

export function forget() {
  lastExport = null;
}

const TARGET = {
  ACCOUNT: 'Akun', API_KEY: 'Kunci API', OPD: 'OPD', SERVICE_TYPE: 'Layanan', ROUTING_RULE: 'Aturan rute', HOLIDAY: 'Hari libur',
  REGIONS: 'Daftar wilayah', REQUEST: 'Permohonan', CITIZEN: 'Warga', RETENTION_POLICY: 'Kebijakan retensi',
};

const KIND = { SESSION: 'masuk di sini', EXTERNAL: 'penyedia identitas', API_KEY: 'kunci API', SYSTEM: 'sistem', COMMAND: 'perintah server' };

/** A date YYYY-MM-DD as the instant its day starts on this device. */
function startOfDay(ymd, plusDays = 0) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export async function audit(ctx) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const list = h('ul', { class: 'list', id: 'audit' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => load(false) }, 'Muat lagi');
  const csv = h('button', { type: 'button', class: 'secondary', id: 'audit-csv', onclick: download }, 'Unduh CSV');
  let cursor = null;
  let filters = {};

  const form = h('form', { class: 'card', novalidate: true, onsubmit: apply },
    h('h2', null, 'Saring'), summary,
    h('div', { class: 'two' },
      input(set, 'from', 'Dari tanggal', { type: 'date' }),
      input(set, 'to', 'Sampai tanggal', { type: 'date' })),
    h('div', { class: 'two' },
      input(set, 'action', 'Tindakan', { hint: 'Nama operasi, mis. createHoliday, getRequest', attrs: { maxlength: 60, autocomplete: 'off', autocapitalize: 'none' } }),
      input(set, 'actor', 'Pelaku', { hint: 'mis. account:1001', attrs: { maxlength: 100, autocomplete: 'off', autocapitalize: 'none' } })),
    h('div', { class: 'two' },
      select(set, 'targetType', 'Jenis yang diubah', [['', 'Semua'], ...Object.entries(TARGET)]),
      input(set, 'targetId', 'Nomor yang diubah', { attrs: { maxlength: 100, autocomplete: 'off' } })),
    input(set, 'requestId', 'Nomor permohonan', { hint: 'Siapa saja yang melihat data pribadi permohonan ini', attrs: { inputmode: 'numeric', maxlength: 19, autocomplete: 'off' } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Terapkan'),
      h('button', { type: 'button', class: 'secondary', onclick: clear }, 'Hapus saringan'), csv));

  mount(ctx.main, h('h1', null, 'Jejak audit'),
    h('p', { class: 'muted' }, 'Setiap perubahan pengaturan dan setiap pembacaan data pribadi warga, terbaru dulu. Jejak ini tidak dapat diubah atau dihapus.'),
    form, list, h('div', { class: 'actions' }, more));
  await load(true);

  /** The form's filters as the service's query, or null after showing what is wrong. */
  function read() {
    const v = (p) => set.get(p).control.value.trim();
    const violations = [];
    const q = {};
    for (const p of ['from', 'to']) if (v(p) && !/^\d{4}-\d{2}-\d{2}$/.test(v(p))) violations.push({ field: p, message: 'Harus tanggal yang sah' });
    if (v('from')) q.from = startOfDay(v('from'));
    if (v('to')) q.to = startOfDay(v('to'), 1);
    if (v('from') && v('to') && v('from') > v('to')) violations.push({ field: 'to', message: 'Tidak boleh sebelum tanggal awal' });
    if (v('action')) {
      if (/^[A-Za-z][A-Za-z0-9_]{0,59}$/.test(v('action'))) q.action = v('action');
      else violations.push({ field: 'action', message: 'Hanya huruf, angka dan garis bawah, diawali huruf' });
    }
    if (v('actor')) {
      if (/^[A-Za-z0-9:._/-]{1,100}$/.test(v('actor'))) q.actor = v('actor');
      else violations.push({ field: 'actor', message: 'Hanya huruf, angka dan : . _ / -' });
    }
    if (v('targetType')) q.targetType = v('targetType');
    if (v('targetId')) {
      if (/^[A-Za-z0-9:._-]{1,100}$/.test(v('targetId'))) q.targetId = v('targetId');
      else violations.push({ field: 'targetId', message: 'Hanya huruf, angka dan : . _ -' });
    }
    if (v('requestId')) {
      if (/^[1-9]\d{0,17}$/.test(v('requestId'))) q.requestId = v('requestId');
      else violations.push({ field: 'requestId', message: 'Harus angka' });
    }
    set.show(summary, violations);
    return violations.length ? null : q;
  }

  async function apply(event) {
    event.preventDefault();
    const q = read();
    if (!q) return;
    filters = q;
    await load(true);
  }

  async function clear() {
    form.reset();
    set.show(summary, []);
    filters = {};
    await load(true);
  }

  async function load(fresh) {
    more.disabled = true;
    try {
      const p = api.page(await api.get('/audit-entries', { ...filters, ...api.paging(fresh ? null : cursor, 50) }));
      if (fresh) mount(list);
      cursor = p.next;
      more.hidden = !cursor;
      list.append(...p.items.map(entry));
      if (!list.children.length) list.append(h('li', { class: 'muted' }, 'Tidak ada catatan.'));
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 400 && e.violations.length) set.show(summary, e.violations);
      else flash(api.explain(e), true);
    } finally {
      more.disabled = false;
    }
  }

  async function download() {
    const q = read();
    if (!q) return;
    csv.disabled = true;
    try {
      const file = await api.blob('/audit-entries', { ...q, format: 'CSV' }, 'text/csv');
      saveBlob(file, 'jejak-audit-' + new Date().toISOString().slice(0, 10) + '.csv');
    } catch (e) {
      flash(api.explain(e), true);
    } finally {
      csv.disabled = false;
    }
  }
}

function entry(e) {
  const actor = e.actor ?? {};
  const target = e.target;
  const ids = e.requestIds ?? [];
  return h('li', { 'data-id': e.id, 'data-at': e.at, 'data-action': e.action },
    h('div', { class: 'row-top' }, h('strong', null, e.action), h('span', { class: 'small' }, dateTime(e.at))),
    h('div', null, actor.name ?? actor.principal,
      actor.role ? ' · ' + (ROLE[actor.role] || actor.role) : '',
      h('span', { class: 'small muted' }, ' (' + actor.principal + (KIND[actor.kind] ? ', ' + KIND[actor.kind] : '') + ')')),
    target ? h('div', { class: 'small' }, (TARGET[target.type] || target.type) + (target.id ? ' #' + target.id : '')) : null,
    ids.length ? h('div', { class: 'small' }, 'Data pribadi permohonan ' + ids.slice(0, 10).map((i) => '#' + i).join(', ')
      + (ids.length > 10 ? ` dan ${ids.length - 10} lainnya` : '')) : null,
    h('div', { class: 'small muted' }, 'Dari ' + (e.clientAddress ?? '–'), e.requestId ? ' · kode ' + e.requestId : '',
      e.clientRequestId ? ' · ' + e.clientRequestId : ''));
}

/** P5Y → "5 tahun", P1Y6M → "1 tahun 6 bulan", P90D → "90 hari". */
export function period(iso) {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(iso ?? '');
  if (!m) return iso ?? '–';
  const parts = [[m[1], 'tahun'], [m[2], 'bulan'], [m[3], 'hari']].filter(([n]) => n && Number(n)).map(([n, w]) => Number(n) + ' ' + w);
  return parts.length ? parts.join(' ') : iso;
}

/** Roughly 30 days to 100 years, as the service checks it exactly. */
function checkPeriod(p) {
  const m = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,5})D)?$/.exec(p);
  if (!m || p === 'P') return 'Tulis seperti P5Y (5 tahun), P18M (18 bulan) atau P90D (90 hari)';
  const days = Number(m[1] ?? 0) * 365 + Number(m[2] ?? 0) * 30 + Number(m[3] ?? 0);
  if (days < 28 || days > 36600) return 'Harus antara 30 hari dan 100 tahun';
  return null;
}

export async function retention(ctx) {
  const view = h('div', { id: 'retention' });
  const dry = h('section', { class: 'card', id: 'dry-run', 'aria-live': 'polite' });
  mount(ctx.main, h('h1', null, 'Retensi data'),
    h('p', { class: 'muted' }, 'Berapa lama data pribadi warga (NIK, nama, telepon, alamat, isian teks dan catatan) permohonan yang sudah selesai, '
      + 'ditolak atau dibatalkan disimpan. Sesudah itu diganti tanda [DIHAPUS]; statistik, riwayat status dan kode lacak tetap.'),
    view, h('h2', null, 'Yang akan dihapus sekarang'), dry);
  await show();

  async function show(message) {
    const res = await api.call('GET', '/retention-policy');
    const policy = res.data;
    const etag = api.etagOf(res);
    const set = fieldSet();
    const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
    const form = h('form', { class: 'card', novalidate: true, onsubmit: save },
      h('h2', null, 'Ubah kebijakan'), summary,
      input(set, 'period', 'Masa simpan', { required: true, value: policy.period,
        hint: 'Sesudah permohonan selesai. Format ISO-8601: P5Y (5 tahun), P18M (18 bulan), P90D (90 hari); 30 hari sampai 100 tahun',
        attrs: { maxlength: 20, autocomplete: 'off', autocapitalize: 'characters' } }),
      select(set, 'purge', 'Tugas harian', [['false', 'Hanya hitung (uji coba)'], ['true', 'Hapus data pribadi']],
        { required: true, value: String(!!policy.purge), hint: 'Hapus: setiap hari pukul 01.15 WIB data pribadi yang lewat masa simpan diganti [DIHAPUS] dan berkasnya dihapus' }),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Simpan kebijakan')));
    const run = policy.lastRun;
    mount(view,
      message ? h('p', { class: 'summary', role: 'alert', id: 'retention-stale' }, message) : null,
      h('section', { class: 'card', id: 'policy' }, h('h2', null, 'Kebijakan sekarang'), facts([
        ['Masa simpan', period(policy.period) + ' (' + policy.period + ')'],
        ['Tugas harian', policy.purge ? 'Menghapus' : 'Hanya menghitung (uji coba)'],
        ['Ditetapkan', policy.setByKabupaten ? 'Oleh kabupaten' + (policy.updatedAt ? ', ' + dateTime(policy.updatedAt) : '') : 'Belum: berlaku bawaan instalasi'],
        ['Terakhir berjalan', run ? day(run.day) + ': ' + run.requests + (run.dryRun ? ' permohonan jatuh tempo (uji coba)' : ' permohonan dihapus')
          + (run.finishedAt ? '' : ' (belum selesai)') : null],
      ])),
      form);
    await showDryRun();

    async function save(event) {
      event.preventDefault();
      const body = { period: set.get('period').control.value.trim().toUpperCase(), purge: set.get('purge').control.value === 'true' };
      const wrong = checkPeriod(body.period);
      set.show(summary, wrong ? [{ field: 'period', message: wrong }] : []);
      if (wrong) return;
      try {
        await api.call('PUT', '/retention-policy', { body, ifMatch: etag });
        flash('Kebijakan retensi disimpan.');
        await show();
      } catch (e) {
        if (e instanceof api.ApiError && e.status === 412) {
          await show('Kebijakan ini diubah orang lain sejak dimuat. Tampilan sudah dimuat ulang; periksa lalu ubah lagi.');
        } else if (e instanceof api.ApiError && e.status === 400) {
          set.show(summary, e.violations.length ? e.violations : [{ field: 'period', message: api.explain(e) }]);
        } else {
          flash(api.explain(e), true);
        }
      }
    }
  }

  async function showDryRun() {
    mount(dry, h('p', { class: 'muted' }, 'Menghitung…'));
    try {
      const d = await api.get('/retention-policy/dry-run');
      const services = d.services ?? [];
      mount(dry,
        h('p', { id: 'dry-run-total' }, h('strong', null, `${d.requests} permohonan`),
          ' selesai sebelum ' + dateTime(d.cutoff) + ' (masa simpan ' + period(d.period) + ')'
          + (d.oldestFinishedAt ? '; yang tertua selesai ' + dateTime(d.oldestFinishedAt) : '') + '.'),
        services.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'dry-run-services' },
          h('thead', null, h('tr', null, ['Layanan', 'Permohonan'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, services.map((s) => h('tr', { 'data-code': s.code }, h('td', null, s.name), h('td', null, s.requests))))))
          : h('p', { class: 'muted' }, 'Tidak ada yang akan dihapus sekarang.'),
        h('p', { class: 'small muted' }, 'Hanya perkiraan: tidak ada yang diubah.'));
    } catch (e) {
      mount(dry, h('p', { role: 'alert' }, api.explain(e)));
    }
  }
}

export async function citizen(ctx) {
  lastExport = null;
  ctx.onLeave(() => { lastExport = null; });
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const result = h('div', { id: 'citizen-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Ekspor data');
  const form = h('form', { class: 'card', novalidate: true, autocomplete: 'off', onsubmit: submit }, summary,
    input(set, 'nik', 'NIK warga', { required: true, hint: '16 angka. Tidak disimpan di perangkat.',
      attrs: { inputmode: 'numeric', maxlength: 16, autocomplete: 'off', spellcheck: 'false' } }),
    h('div', { class: 'actions' }, button));
  mount(ctx.main, h('h1', null, 'Data warga'),
    h('p', { class: 'muted' }, 'Permintaan akses UU PDP: semua yang disimpan kabupaten tentang satu NIK (permohonan, isian, riwayat, berkas, survei) '
      + 'dalam satu dokumen JSON. Setiap ekspor dicatat di jejak audit.'),
    form, result);

  async function submit(event) {
    event.preventDefault();
    const nik = set.get('nik').control.value.replace(/\s/g, '');
    const wrong = checkNik(nik) ?? checkText(nik);
    set.show(summary, wrong ? [{ field: 'nik', message: wrong }] : []);
    if (wrong) return;
    button.disabled = true;
    mount(result, h('p', { class: 'muted' }, 'Mengekspor…'));
    try {
      const { data } = await api.call('POST', '/personal-data/export', { body: { nik } });
      lastExport = data;
      show(data);
    } catch (e) {
      lastExport = null;
      if (e instanceof api.ApiError && e.status === 400 && e.violations.length) {
        mount(result);
        set.show(summary, e.violations.map((v) => ({ ...v, field: 'nik' })));
      } else {
        mount(result, h('p', { class: 'card', role: 'alert' }, api.explain(e)));
      }
    } finally {
      button.disabled = false;
    }
  }

  function show(d) {
    const requests = d.requests ?? [];
    const stamp = (d.exportedAt ?? new Date().toISOString()).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    mount(result, h('section', { class: 'card' },
      h('h2', null, 'Hasil ekspor'),
      h('p', { id: 'citizen-summary' }, requests.length
        ? `${requests.length} permohonan, ${(d.files ?? []).length} berkas, ${(d.surveys ?? []).length} survei.`
        : 'Kabupaten tidak menyimpan data tentang NIK ini.'),
      requests.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'citizen-requests' },
        h('thead', null, h('tr', null, ['Kode lacak', 'Layanan', 'Status', 'Diajukan'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, requests.map((r) => h('tr', null,
          h('td', null, h('span', { class: 'code' }, r.trackingCode)),
          h('td', null, r.serviceType ? r.serviceType.name : ''),
          h('td', null, (STATUS[r.status] || r.status) + (r.personalDataPurgedAt ? ' · data pribadi dihapus' : '')),
          h('td', null, dateTime(r.filedAt))))))) : null,
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'citizen-json', onclick: () => {
        if (!lastExport) return;
        saveBlob(new Blob([JSON.stringify(lastExport, null, 2)], { type: 'application/json' }), 'data-warga-' + stamp + '.json');
      } }, 'Unduh JSON')),
      h('p', { class: 'small muted' }, 'Berkas lampiran tidak ikut di dalam JSON; unduh satu per satu dari halaman permohonannya.')));
  }
}
