// The kabupaten's admin: accounts (create, import from a CSV, disable/enable, lift the waits of failed logins,
// reset the password); OPDs, catalog and routing rules to read (viewers too); and the routing explain tool.

import * as api from './api.js';
import { h, mount, flash, words, facts, ROLE, saveBlob } from './dom.js';
import { fieldSet, input, select } from './form.js';

let opdCache = null;

export function forget() {
  opdCache = null;
}

async function loadOpds() {
  if (!opdCache) opdCache = await api.all('/opds');
  return opdCache;
}

/** A desa picker: the code, with the kabupaten's desa names offered as the officer types. */
function desaInput(set, path, label, kabupaten, opts = {}) {
  const listId = 'desa-list-' + path;
  const options = h('datalist', { id: listId });
  const field = input(set, path, label, { ...opts, hint: 'Ketik nama desa, lalu pilih kodenya, mis. 73.24.04.2001', attrs: { list: listId, autocomplete: 'off', maxlength: 20 } });
  const control = set.get(path).control;
  let timer;
  control.addEventListener('input', () => {
    clearTimeout(timer);
    const q = control.value.trim();
    if (q.length < 2 || /^\d/.test(q)) return;
    timer = setTimeout(async () => {
      try {
        const found = api.page(await api.get('/regions/search', { kabupaten, q, limit: 20 })).items;
        mount(options, found.filter((r) => r.level === 'DESA' || r.level === 'KELURAHAN' || (r.code ?? '').split('.').length === 4)
          .map((r) => h('option', { value: r.code }, r.name)));
      } catch { /* the officer can still type the code */ }
    }, 250);
  });
  field.append(options);
  return field;
}

export async function accounts(ctx) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const list = h('ul', { class: 'list', id: 'accounts' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => load(false) }, 'Muat lagi');
  const roleFilter = fieldSet();
  const allOpds = await loadOpds();
  const opdName = new Map(allOpds.map((o) => [o.id, o.name]));
  const prefix = String(ctx.me.kabupatenCode ?? '').replace('.', '') + '.';
  let cursor = null;

  const create = h('form', { class: 'card', novalidate: true, onsubmit: submit },
    h('h2', null, 'Akun baru'), summary,
    h('div', { class: 'two' },
      input(set, 'username', 'Nama pengguna', { required: true, hint: 'Diawali ' + prefix + ' (ditambahkan bila tidak ditulis)',
        attrs: { maxlength: 60, autocomplete: 'off', autocapitalize: 'none' } }),
      input(set, 'displayName', 'Nama tampilan', { required: true, attrs: { maxlength: 200 } })),
    select(set, 'role', 'Peran', [['DESA_OFFICER', ROLE.DESA_OFFICER], ['OPD_OFFICER', ROLE.OPD_OFFICER], ['ADMIN', ROLE.ADMIN], ['VIEWER', ROLE.VIEWER]], { required: true }),
    desaInput(set, 'desaCode', 'Desa (untuk petugas desa)', ctx.me.kabupatenCode),
    select(set, 'opdId', 'OPD (untuk petugas OPD)', [['', '—'], ...allOpds.map((o) => [o.id, o.name])]),
    input(set, 'password', 'Kata sandi awal', { type: 'password', required: true, hint: 'Paling sedikit 10 karakter, ada huruf dan angka, bukan nama pengguna; pemilik akun menggantinya saat pertama masuk', attrs: { autocomplete: 'new-password', maxlength: 200 } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Buat akun')));

  const filter = select(roleFilter, 'role', 'Tampilkan peran', [['', 'Semua'], ...Object.entries(ROLE).filter(([k]) => k !== 'OPD_SYSTEM')]);
  roleFilter.get('role').control.addEventListener('change', () => load(true));
  mount(ctx.main, h('h1', null, 'Akun'), create, importCard(() => load(true)), h('h2', null, 'Daftar akun'), filter, list, h('div', { class: 'actions' }, more));
  await load(true);

  async function load(fresh) {
    try {
      const p = api.page(await api.get('/accounts', { role: roleFilter.get('role').control.value || undefined, ...api.paging(fresh ? null : cursor, 50) }));
      if (fresh) mount(list);
      cursor = p.next;
      more.hidden = !cursor;
      list.append(...p.items.map(row));
      if (!list.children.length) list.append(h('li', { class: 'muted' }, 'Tidak ada akun.'));
    } catch (e) {
      flash(api.explain(e), true);
    }
  }

  function row(a) {
    let account = a;
    const li = h('li', { 'data-username': a.username });
    draw();
    return li;

    function draw() {
      const a2 = account;
      const reset = fieldSet();
      const resetSummary = h('div', { class: 'summary', role: 'alert', hidden: true });
      const resetForm = h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); change('password', { password: reset.get('password').control.value }, resetSummary, reset); } },
        resetSummary,
        input(reset, 'password', 'Kata sandi baru untuk ' + a2.username, { type: 'password', required: true, attrs: { autocomplete: 'new-password', maxlength: 200 } }),
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Simpan kata sandi')));
      const failed = a2.failedLogins ?? 0;
      mount(li,
        h('div', { class: 'row-top' }, h('strong', null, a2.username),
          h('span', null, a2.enabled ? null : h('span', { class: 'badge bad' }, 'Nonaktif'),
            failed ? [' ', h('span', { class: 'badge warn' }, `Gagal masuk ${failed}×`)] : null,
            a2.passwordChangeRequired ? [' ', h('span', { class: 'badge warn' }, 'Belum ganti kata sandi')] : null)),
        h('div', null, a2.displayName ?? ''),
        h('div', { class: 'small muted' }, ROLE[a2.role] || a2.role, a2.desaCode ? ' · desa ' + a2.desaCode : '', a2.opdId ? ' · ' + (opdName.get(a2.opdId) ?? 'OPD ' + a2.opdId) : ''),
        // There is no lock: failed logins make the address that keeps failing wait longer before its next try.
        failed ? h('p', { class: 'small failed-logins' }, `${failed} kali gagal masuk sejak terakhir berhasil. `
          + 'Perangkat yang terus gagal harus menunggu sebelum mencoba lagi; pemilik akun di perangkat lain tidak tertahan.') : null,
        h('div', { class: 'actions' },
          a2.username === ctx.username ? null : h('button', { type: 'button', class: 'secondary', onclick: () => change(a2.enabled ? 'disable' : 'enable') }, a2.enabled ? 'Nonaktifkan' : 'Aktifkan'),
          failed ? h('button', { type: 'button', class: 'secondary', onclick: () => change('unlock') }, 'Hapus penundaan masuk') : null),
        h('details', null, h('summary', null, 'Atur ulang kata sandi'), resetForm));
    }

    async function change(verb, body, box, fields) {
      try {
        const res = await api.call('POST', `/accounts/${account.id}/${verb}`, { body: body ?? {}, ifMatch: '"' + account.version + '"', key: api.newKey() });
        account = res.data && res.data.id ? res.data : (await api.get('/accounts/' + account.id));
        flash(verb === 'password' ? 'Kata sandi ' + account.username + ' diganti; sesi lamanya berakhir.'
          : verb === 'unlock' ? 'Penundaan masuk ' + account.username + ' dihapus; boleh mencoba lagi sekarang.'
            : verb === 'disable' ? 'Akun ' + account.username + ' dinonaktifkan; sesinya berakhir.' : 'Akun ' + account.username + ' diperbarui.');
        draw();
      } catch (e) {
        if (e instanceof api.ApiError && e.status === 412) {
          account = await api.get('/accounts/' + account.id);
          draw();
          flash(api.explain(e), true);
        } else if (box && fields && e instanceof api.ApiError && e.status === 400) {
          fields.show(box, e.violations.length ? e.violations : [{ field: 'password', message: api.explain(e) }]);
        } else {
          flash(api.explain(e), true);
        }
      }
    }
  }

  async function submit(event) {
    event.preventDefault();
    const v = (p) => set.get(p).control.value.trim();
    const role = v('role');
    const body = { username: v('username'), displayName: v('displayName'), role, password: set.get('password').control.value };
    const violations = [];
    for (const p of ['username', 'displayName', 'password']) if (!body[p]) violations.push({ field: p, message: 'Wajib diisi' });
    if (role === 'DESA_OFFICER') {
      if (!v('desaCode')) violations.push({ field: 'desaCode', message: 'Wajib untuk petugas desa' });
      else body.desaCode = v('desaCode');
    }
    if (role === 'OPD_OFFICER') {
      if (!v('opdId')) violations.push({ field: 'opdId', message: 'Wajib untuk petugas OPD' });
      else body.opdId = Number(v('opdId'));
    }
    set.show(summary, violations);
    if (violations.length) return;
    try {
      const res = await api.call('POST', '/accounts', { body, key: api.newKey() });
      flash('Akun ' + res.data.username + ' dibuat.');
      create.reset();
      await load(true);
    } catch (e) {
      if (e instanceof api.ApiError && (e.status === 400 || e.status === 409)) {
        set.show(summary, e.violations.length ? e.violations : [{ field: e.code === 'USERNAME_TAKEN' ? 'username' : '', message: api.explain(e) }]);
      } else {
        flash(api.explain(e), true);
      }
    }
  }
}

const OUTCOME = { CREATED: 'Dibuat', UNCHANGED: 'Sudah ada, tidak diubah', REJECTED: 'Ditolak' };

const REASON = {
  MALFORMED_LINE: 'Jumlah kolom baris ini tidak sama dengan baris judul',
  INVALID_USERNAME: 'Nama pengguna tidak sah: huruf, angka, titik, garis bawah atau tanda hubung, diawali huruf atau angka, paling panjang 60 dengan awalannya',
  MISSING_DISPLAY_NAME: 'Nama tampilan kosong',
  INVALID_TEXT: 'Ada isian yang terlalu panjang atau memuat karakter yang tidak diterima',
  INVALID_ROLE: 'Peran harus ADMIN, VIEWER, DESA_OFFICER atau OPD_OFFICER',
  INVALID_SCOPE: 'Desa atau OPD tidak sesuai: petugas desa perlu kode desa kabupaten ini, petugas OPD kode OPD kabupaten ini, peran lain tanpa keduanya',
  DUPLICATE_IN_FILE: 'Nama pengguna ini sudah ada di baris sebelumnya dalam berkas',
  USERNAME_TAKEN: 'Nama pengguna sudah dipakai akun dengan nama, peran, desa atau OPD lain',
};

/** A problem of the whole file (nothing was imported), in the admin's words. */
function explainImport(e) {
  if (e instanceof api.ApiError) {
    if (e.status === 413) return 'Berkas terlalu besar untuk dikirim. Bagi menjadi beberapa berkas.';
    if (e.status === 415) return 'Server hanya menerima berkas CSV (text/csv). Simpan daftar sebagai CSV lalu pilih lagi.';
    if (e.code === 'EMPTY_BODY') return 'Berkas kosong. Baris pertama harus: username,displayName,role,desa,opd';
    if (e.status === 400 && e.violations.some((v) => v.field === 'header')) {
      return 'Baris pertama berkas harus menamai kolom username, displayName, role, lalu desa dan opd bila perlu.';
    }
    if (e.status === 400 && e.violations.some((v) => v.field === 'body')) return 'Berkas memuat lebih dari 2000 akun. Bagi menjadi beberapa berkas.';
    if (e.status === 409 && e.code === 'USERNAME_TAKEN') {
      return 'Sebuah akun di berkas ini baru saja dibuat orang lain; tidak ada yang disimpan. Kirim berkas yang sama sekali lagi.';
    }
  }
  return api.explain(e);
}

/**
 * The bulk import: a CSV of accounts, each line reported. The Idempotency-Key stays with the file's text until an
 * answer comes, so a retry after a lost answer gets that answer (and its secrets) instead of a second import.
 */
function importCard(reload) {
  const set = fieldSet();
  const report = h('div', { id: 'import-report', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit' }, 'Impor akun dari CSV');
  let pending = null;
  const form = h('form', { class: 'card', novalidate: true, onsubmit: send },
    h('h2', null, 'Impor akun dari CSV'),
    h('p', { class: 'small muted' }, 'Baris pertama: username,displayName,role,desa,opd. Satu akun per baris, paling banyak 2000. '
      + 'Akun yang sudah ada seperti di berkas tidak dibuat lagi.'),
    input(set, 'csv', 'Berkas CSV akun', { type: 'file', required: true, attrs: { accept: '.csv,text/csv' } }),
    h('div', { class: 'actions' }, button), report);
  return form;

  async function send(event) {
    event.preventDefault();
    const file = set.get('csv').control.files[0];
    if (!file) {
      mount(report, h('p', { class: 'bad', role: 'alert' }, 'Pilih berkas CSV dulu.'));
      return;
    }
    button.disabled = true;
    mount(report, h('p', { class: 'muted' }, 'Mengimpor…'));
    try {
      const text = await file.text();
      if (!pending || pending.text !== text) pending = { text, key: api.newKey() };
      const answer = await api.postText('/accounts/import', text, 'text/csv', pending.key);
      pending = null;
      show(answer);
      await reload();
    } catch (e) {
      // no answer, or none yet: the same file goes again with the same key
      const unanswered = e instanceof api.OfflineError || (e instanceof api.ApiError
        && (e.status >= 500 || e.status === 429 || e.code === 'IDEMPOTENCY_IN_FLIGHT'));
      if (!unanswered) pending = null;
      mount(report, h('p', { class: 'bad', role: 'alert' }, explainImport(e)));
    } finally {
      button.disabled = false;
    }
  }

  function show(r) {
    const lines = r.lines ?? [];
    mount(report,
      h('p', { role: 'status', id: 'import-summary' }, `${r.created} dibuat, ${r.unchanged} sudah ada, ${r.rejected} ditolak.`),
      r.created ? h('div', { class: 'card', role: 'alert' },
        h('p', null, h('strong', null, 'Kata sandi aktivasi hanya ditampilkan sekarang. '),
          'Unduh lembar aktivasi, cetak, dan serahkan ke pemilik akun; setiap akun masuk sekali dengan kata sandi itu lalu membuat kata sandinya sendiri.'),
        h('div', { class: 'actions' }, h('button', { type: 'button', id: 'activation-sheet', onclick: () =>
          saveBlob(new Blob([r.activationSheet], { type: 'text/csv' }), 'lembar-aktivasi-akun.csv') }, 'Unduh lembar aktivasi'))) : null,
      lines.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'import-lines' },
        h('thead', null, h('tr', null, ['Baris', 'Nama pengguna', 'Hasil', 'Alasan'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, lines.map((l) => h('tr', { 'data-line': l.line, 'data-outcome': l.outcome },
          h('td', null, l.line), h('td', null, l.username ?? '–'),
          h('td', null, h('span', { class: 'badge ' + (l.outcome === 'REJECTED' ? 'bad' : l.outcome === 'CREATED' ? 'COMPLETED' : '') }, OUTCOME[l.outcome] || l.outcome)),
          h('td', null, l.outcome === 'REJECTED' ? (REASON[l.reason] || l.reason || '') : ''))))))
        : h('p', { class: 'muted' }, 'Berkas tidak memuat baris akun.'));
  }
}

export async function opds(ctx) {
  const all = await loadOpds();
  mount(ctx.main, h('h1', null, 'OPD'),
    h('p', { class: 'muted' }, 'Hanya baca. Perubahan OPD lewat API.'),
    h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, ['Kode', 'Nama', 'Jenis', 'Wilayah', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, all.map((o) => h('tr', null,
        h('td', null, h('span', { class: 'code' }, o.code)), h('td', null, o.name), h('td', null, words(o.kind ?? '')),
        h('td', null, o.regionCode ?? 'Seluruh kabupaten'),
        h('td', null, o.active === false ? 'Nonaktif' : 'Aktif', o.triage ? ' · triase' : '')))))));
}

const TYPE = { TEXT: 'Teks', LONG_TEXT: 'Teks panjang', NUMBER: 'Angka', DATE: 'Tanggal', SINGLE_CHOICE: 'Pilih satu', MULTI_CHOICE: 'Pilih beberapa', BOOLEAN: 'Ya/Tidak' };

function limits(f) {
  const parts = [];
  if (f.minLength != null || f.maxLength != null) parts.push(`${f.minLength ?? 0}–${f.maxLength ?? '…'} karakter`);
  if (f.min != null || f.max != null) parts.push(`${f.min ?? '…'}–${f.max ?? '…'}`);
  if (f.minDate || f.maxDate) parts.push(`${f.minDate ?? '…'} s.d. ${f.maxDate ?? '…'}`);
  if (f.options && f.options.length) parts.push(f.options.map(words).join(', '));
  return parts.join('; ');
}

export async function catalog(ctx) {
  const [all, offices] = [await api.all('/service-types'), await loadOpds()];
  const opdName = new Map(offices.map((o) => [o.id, o.name]));
  mount(ctx.main, h('h1', null, 'Katalog layanan'), h('p', { class: 'muted' }, 'Hanya baca. Perubahan katalog lewat API.'),
    all.sort((a, b) => a.name.localeCompare(b.name, 'id')).map((s) => h('details', null,
      h('summary', null, s.name, s.open === false ? ' (tutup)' : ''),
      facts([
        ['Kode', h('span', { class: 'code' }, s.code)],
        ['OPD bawaan', opdName.get(s.defaultOpdId) ?? s.defaultOpdId],
        ['Jangka waktu', s.timeLimitDays + ' hari kerja'],
        ['Biaya', Number(s.fee) ? 'Rp ' + Number(s.fee).toLocaleString('id-ID') : 'Gratis'],
        ['Produk', s.product],
        ['Versi', s.version],
      ]),
      h('h3', null, 'Dokumen'),
      h('ul', null, (s.documents ?? []).map((d) => h('li', null, d.name, d.mandatory ? ' (wajib)' : '',
        d.requiredWhen ? ' (wajib bila ' + words(d.requiredWhen.field) + ': ' + d.requiredWhen.values.map(words).join(' / ') + ')' : '',
        (d.alternatives ?? []).length ? ' — boleh diganti ' + d.alternatives.join(' / ') : ''))),
      h('h3', null, 'Isian'),
      h('div', { class: 'table-wrap' }, h('table', null,
        h('thead', null, h('tr', null, ['Label', 'Jenis', 'Wajib', 'Batas'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, (s.fields ?? []).map((f) => h('tr', null, h('td', null, f.label), h('td', null, TYPE[f.type] || f.type),
          h('td', null, f.required ? 'Ya' : 'Tidak'), h('td', null, limits(f))))))))));
}

export async function rules(ctx) {
  const [all, services, offices] = [await api.all('/routing-rules'), await api.all('/service-types'), await loadOpds()];
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const opdName = new Map(offices.map((o) => [o.id, o.name]));
  mount(ctx.main, h('h1', null, 'Aturan rute'),
    h('p', { class: 'muted' }, 'Hanya baca. Urutan: aturan layanan (desa, kecamatan, kabupaten), aturan semua layanan, OPD bawaan layanan, lalu triase.'),
    h('div', { class: 'table-wrap' }, h('table', null,
      h('thead', null, h('tr', null, ['Layanan', 'Wilayah', 'Ke OPD', 'Catatan'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, all.map((r) => h('tr', null,
        h('td', null, r.serviceTypeId == null ? 'Semua layanan' : serviceName.get(r.serviceTypeId) ?? r.serviceTypeId),
        h('td', null, r.regionCode ?? 'Seluruh kabupaten'),
        h('td', null, target(r, opdName)),
        h('td', null, r.note ?? '')))))));
}

/** An absolute rule names its OPD; a relative one the kind of OPD that serves the desa's area. */
function target(r, opdName) {
  if (r.opdId != null) return opdName.get(r.opdId) ?? String(r.opdId);
  const kind = { KECAMATAN: 'Kantor kecamatan', UPT: 'UPT', DINAS: 'Dinas', BADAN: 'Badan', BAGIAN: 'Bagian' }[r.opdKind] ?? r.opdKind;
  return kind + (r.opdCodePrefix ? ' (kode ' + r.opdCodePrefix + '…)' : '') + ' di wilayah desa pemohon';
}

const BASIS = {
  RULE_SERVICE_DESA: 'Aturan layanan untuk desa ini',
  RULE_SERVICE_KECAMATAN: 'Aturan layanan untuk kecamatan ini',
  RULE_SERVICE_KABUPATEN: 'Aturan layanan untuk seluruh kabupaten',
  RULE_ALL_DESA: 'Aturan semua layanan untuk desa ini',
  RULE_ALL_KECAMATAN: 'Aturan semua layanan untuk kecamatan ini',
  RULE_ALL_KABUPATEN: 'Aturan semua layanan untuk seluruh kabupaten',
  SERVICE_DEFAULT: 'OPD bawaan layanan',
  TRIAGE: 'Triase: tidak ada aturan yang cocok',
};

export async function explain(ctx) {
  const services = await api.all('/service-types');
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const result = h('div', { 'aria-live': 'polite', id: 'explain-result' });
  const form = h('form', { class: 'card', novalidate: true, onsubmit: submit }, summary,
    select(set, 'serviceTypeId', 'Layanan', [['', '— pilih —'], ...services.map((s) => [s.id, s.name])], { required: true }),
    desaInput(set, 'desa', 'Desa', ctx.me.kabupatenCode, { required: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Uji')));
  mount(ctx.main, h('h1', null, 'Uji rute'), h('p', { class: 'muted' }, 'Ke OPD mana permohonan sebuah layanan dari sebuah desa akan masuk sekarang, dan mengapa.'), form, result);

  async function submit(event) {
    event.preventDefault();
    const serviceTypeId = set.get('serviceTypeId').control.value;
    const desa = set.get('desa').control.value.trim();
    const violations = [];
    if (!serviceTypeId) violations.push({ field: 'serviceTypeId', message: 'Wajib diisi' });
    if (!desa) violations.push({ field: 'desa', message: 'Wajib diisi' });
    set.show(summary, violations);
    if (violations.length) return;
    try {
      const x = await api.get('/routing/explain', { serviceTypeId, desa });
      mount(result, h('section', { class: 'card' }, facts([
        ['Masuk ke', x.opd ? x.opd.name : '–'],
        ['Dasar', BASIS[x.basis] || x.basis],
        ['Aturan', x.ruleId != null ? '#' + x.ruleId + (x.rule && x.rule.opdKind ? ' (relatif: ' + target(x.rule, new Map()) + ')' : '') : null],
      ])));
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 400 && e.violations.length) set.show(summary, e.violations);
      else mount(result, h('p', { class: 'card', role: 'alert' }, api.explain(e)));
    }
  }
}
