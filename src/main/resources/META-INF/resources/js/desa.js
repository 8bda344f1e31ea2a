// The desa officer: pick a service, file (online or kept on the device), the receipt, the desa's
// requests with their history, answering an information request, cancelling, and what waits to be sent.

import * as api from './api.js';
import * as outbox from './outbox.js';
import { h, mount, flash, href, facts, dateTime, day, statusBadge, words, STATUS } from './dom.js';
import { fieldSet, input, select, choices, checkedValues, serviceField, readField, checkField, checkNik, checkPhone, checkText, checkDate } from './form.js';
import * as view from './request.js';

let catalogCache = null;
/** A filing to prefill the form with (from a refused one in the outbox). */
let draft = null;

/** Forgets what this session loaded (on logout). */
export function forget() {
  catalogCache = null;
  draft = null;
}

async function services() {
  if (!catalogCache) catalogCache = await api.all('/service-types');
  return catalogCache;
}

async function service(id) {
  const found = (await services()).find((s) => String(s.id) === String(id));
  return found || (await api.get('/service-types/' + encodeURIComponent(id)));
}

const fold = (s) => String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const rupiah = (n) => (Number(n) ? 'Rp ' + Number(n).toLocaleString('id-ID') : 'Gratis');

export async function catalog(ctx) {
  const all = await services();
  const list = h('ul', { class: 'list', id: 'services' });
  const count = h('p', { class: 'muted small', role: 'status' });
  const search = h('input', { type: 'search', id: 'cari-layanan', autocomplete: 'off', oninput: draw });
  mount(ctx.main,
    h('h1', null, 'Ajukan permohonan'),
    h('div', { class: 'field' }, h('label', { for: 'cari-layanan' }, 'Cari layanan'), search),
    count, list);

  function draw() {
    const q = fold(search.value.trim());
    const shown = all.filter((s) => !q || fold(s.name).includes(q) || fold(s.code).includes(q))
      .sort((a, b) => a.name.localeCompare(b.name, 'id'));
    count.textContent = `${shown.length} layanan`;
    mount(list, shown.map((s) => h('li', null,
      s.open === false
        ? [h('strong', null, s.name), ' ', h('span', { class: 'badge' }, 'Tutup')]
        : h('a', { class: 'row', href: href('#/desa/ajukan', s.id) }, h('strong', null, s.name)),
      h('div', { class: 'small muted' }, `Selesai ${s.timeLimitDays} hari kerja · ${rupiah(s.fee)}`, s.product ? ' · ' + s.product : ''))));
  }
  draw();
}

export async function file(ctx, params) {
  const s = await service(params.id);
  const prefill = draft && String(draft.serviceTypeId) === String(s.id) ? draft : null;
  draft = null;
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const fields = [...(s.fields ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const docs = s.documents ?? [];
  const citizen = prefill ? prefill.citizen : {};
  const given = prefill ? prefill.answers ?? {} : {};
  const declared = new Map((prefill ? prefill.documents ?? [] : []).map((d) => [d.code, d.provision]));
  const button = h('button', { type: 'submit' }, 'Ajukan permohonan');

  const docName = new Map(docs.map((d) => [d.code, d.name]));
  const docGroups = docs.map((d) => {
    const options = [['ON_PAPER', 'Dibawa (kertas)'], ['ATTACHED', 'Dilampirkan']];
    if (!d.mandatory || (d.alternatives ?? []).length) options.push(['NOT_APPLICABLE', 'Tidak ada']);
    const group = choices(set, 'documents.' + d.code, d.name, options,
      { required: d.mandatory, value: declared.get(d.code) ?? [], hint: documentHint(d, docName) });
    // Where the scan or photo of an attached document will be uploaded, once the service takes files.
    const slot = h('div', { class: 'slot', 'data-attachment-for': d.code, hidden: declared.get(d.code) !== 'ATTACHED' },
      'Berkas diserahkan terpisah; unggah foto/berkas dari aplikasi menyusul.');
    group.addEventListener('change', () => { slot.hidden = checkedValues(group)[0] !== 'ATTACHED'; });
    group.append(slot);
    return group;
  });

  const form = h('form', { novalidate: true, onsubmit: submit },
    summary,
    h('fieldset', null, h('legend', null, 'Warga'),
      input(set, 'citizen.nik', 'NIK', { required: true, value: citizen.nik, hint: '16 angka, sesuai KTP-el/KK', attrs: { inputmode: 'numeric', maxlength: 16, autocomplete: 'off' } }),
      input(set, 'citizen.name', 'Nama lengkap', { required: true, value: citizen.name, attrs: { maxlength: 200, autocomplete: 'off' } }),
      input(set, 'citizen.phone', 'No. HP', { type: 'tel', value: citizen.phone, hint: '08…, boleh kosong', attrs: { maxlength: 30, autocomplete: 'off' } }),
      input(set, 'citizen.address', 'Alamat (dusun, RT/RW)', { multiline: true, value: citizen.address, attrs: { maxlength: 500, rows: 2 } })),
    fields.length ? h('fieldset', null, h('legend', null, 'Isian layanan'), fields.map((f) => serviceField(set, f, given[f.key]))) : null,
    docs.length ? h('fieldset', null, h('legend', null, 'Dokumen persyaratan'), docGroups) : null,
    h('fieldset', null, h('legend', null, 'Catatan'),
      input(set, 'note', 'Catatan untuk OPD', { multiline: true, value: prefill ? prefill.note : '', attrs: { maxlength: 2000, rows: 3 } })),
    h('div', { class: 'actions' }, button, h('a', { class: 'button secondary', href: '#/desa/layanan' }, 'Kembali')));

  mount(ctx.main,
    h('h1', null, s.name),
    h('p', { class: 'muted small' }, `Selesai ${s.timeLimitDays} hari kerja · ${rupiah(s.fee)}`, s.product ? ' · ' + s.product : ''),
    s.description ? h('p', null, s.description) : null,
    form);

  const text = (path) => set.get(path).control.value;

  function collect() {
    const violations = [];
    const nik = text('citizen.nik').trim();
    const name = text('citizen.name').trim();
    const phone = text('citizen.phone').trim();
    const address = text('citizen.address').trim();
    const nikProblem = checkNik(nik);
    if (nikProblem) violations.push({ field: 'citizen.nik', message: nikProblem });
    if (!name) violations.push({ field: 'citizen.name', message: 'Wajib diisi' });
    else if (checkText(name)) violations.push({ field: 'citizen.name', message: checkText(name) });
    if (phone && checkPhone(phone)) violations.push({ field: 'citizen.phone', message: checkPhone(phone) });
    if (checkText(address)) violations.push({ field: 'citizen.address', message: checkText(address) });
    const answers = {};
    for (const f of fields) {
      const v = readField(set, f);
      const problem = checkField(f, v);
      if (problem) violations.push({ field: 'answers.' + f.key, message: problem });
      else if (v !== undefined) answers[f.key] = v;
    }
    const documents = [];
    const provided = new Map();
    for (const d of docs) {
      const provision = checkedValues(set.get('documents.' + d.code).control)[0];
      if (provision) documents.push({ code: d.code, provision });
      provided.set(d.code, provision);
    }
    const supplied = (code) => provided.get(code) === 'ON_PAPER' || provided.get(code) === 'ATTACHED';
    for (const d of docs) {
      if (documentRequired(d, answers) && !supplied(d.code) && !(d.alternatives ?? []).some(supplied)) {
        violations.push({ field: 'documents.' + d.code, message: (d.alternatives ?? []).length
          ? 'Pilih dibawa atau dilampirkan, atau bawa penggantinya: ' + d.alternatives.map((a) => docName.get(a) ?? a).join(' / ')
          : 'Pilih dibawa atau dilampirkan' });
      }
    }
    const note = text('note').trim();
    if (checkText(note)) violations.push({ field: 'note', message: checkText(note) });
    const c = { nik, name };
    if (phone) c.phone = phone;
    if (address) c.address = address;
    const filing = { serviceTypeId: s.id, citizen: c, answers, documents };
    if (note) filing.note = note;
    return { filing, violations };
  }

  async function submit(event) {
    event.preventDefault();
    const { filing, violations } = collect();
    set.show(summary, violations);
    if (violations.length) return;
    button.disabled = true;
    try {
      const item = await outbox.keep(filing, { serviceName: s.name });
      let receipt = null;
      if (navigator.onLine) receipt = await outbox.sendNow(item);
      if (receipt) receiptScreen(ctx, receipt, s, filing);
      else keptScreen(ctx, s, filing);
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 400) {
        set.show(summary, documentPaths(e.violations, filing.documents), 'Server menolak isian berikut:');
      } else {
        mount(summary, h('strong', null, api.explain(e)));
        summary.hidden = false;
        summary.focus();
      }
    } finally {
      button.disabled = false;
    }
  }
}

const FIELD_NAMES = { 'citizen.nik': 'NIK', 'citizen.name': 'Nama', 'citizen.phone': 'No. HP', 'citizen.address': 'Alamat', note: 'Catatan' };

/** A violation's field in the officer's words: answers.tanggal_lahir → Tanggal lahir. */
function fieldName(path) {
  if (FIELD_NAMES[path]) return FIELD_NAMES[path];
  const m = /^(?:answers|documents)[.[]([^\].]+)/.exec(path);
  return m ? words(m[1]) : path;
}

/** Whether the answers make the document required: always when mandatory, else when its condition holds. */
export function documentRequired(d, answers) {
  if (d.mandatory) return true;
  const when = d.requiredWhen;
  if (!when) return false;
  const a = answers[when.field];
  const values = when.values ?? [];
  if (Array.isArray(a)) return a.some((x) => values.includes(x));
  return a !== undefined && a !== null && values.includes(String(a));
}

/** What the officer is told of a document: required or not, on which answer, and what may stand in for it. */
function documentHint(d, names) {
  const alternatives = (d.alternatives ?? []).map((a) => names.get(a) ?? a);
  const or = alternatives.length ? ' (atau ' + alternatives.join(' / ') + ')' : '';
  if (d.mandatory) return 'Wajib' + or;
  if (d.requiredWhen) return 'Wajib bila ' + words(d.requiredWhen.field) + ': ' + d.requiredWhen.values.map(words).join(' / ') + or;
  return 'Jika ada';
}

/** The service names documents by position or in the message; the form has one group per code. */
function documentPaths(violations, declared) {
  return violations.map((v) => {
    const at = /^documents\[(\d+)\]/.exec(v.field || '');
    if (at && declared[Number(at[1])]) return { ...v, field: 'documents.' + declared[Number(at[1])].code };
    const named = /^(?:mandatory )?document (\S+) .*is not declared$/.exec(v.message || '');
    if (v.field === 'documents' && named) return { ...v, field: 'documents.' + named[1] };
    return v;
  });
}

function receiptScreen(ctx, receipt, s, filing) {
  const link = location.origin + '/lacak/' + encodeURIComponent(receipt.trackingCode);
  mount(ctx.main,
    h('h1', null, 'Tanda terima permohonan'),
    h('section', { class: 'card', id: 'receipt' },
      h('p', { class: 'muted small' }, 'Kode lacak'),
      h('p', { class: 'code big-code', id: 'tracking-code' }, receipt.trackingCode),
      facts([
        ['Layanan', s.name],
        ['Warga', filing.citizen.name],
        ['Ditangani oleh', receipt.opd ? receipt.opd.name : null],
        ['Diajukan', dateTime(receipt.filedAt)],
        ['Batas selesai', day(receipt.dueDate)],
      ]),
      // the receipt PDF carries the QR code of this link
      h('p', { class: 'small' }, 'Lacak tanpa akun di ', h('span', { class: 'code' }, link))),
    view.receiptButtons({ id: receipt.id, trackingCode: receipt.trackingCode }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Cetak layar ini'),
      h('button', { type: 'button', class: 'secondary', onclick: () => ctx.go('desa/ajukan/' + s.id) }, 'Ajukan lagi'),
      h('a', { class: 'button secondary', href: '#/desa/permohonan' }, 'Daftar permohonan')));
  flash('Permohonan terkirim. Berikan kode lacak kepada warga.');
  ctx.main.querySelector('h1').focus();
}

function keptScreen(ctx, s, filing) {
  mount(ctx.main,
    h('h1', null, 'Tersimpan, menunggu dikirim'),
    h('section', { class: 'card', id: 'kept' },
      h('p', null, 'Tidak ada sambungan ke server. Permohonan ', h('strong', null, s.name), ' untuk ', h('strong', null, filing.citizen.name),
        ' disimpan di perangkat ini dan dikirim otomatis begitu tersambung, satu kali saja.'),
      h('p', null, 'Kode lacak muncul setelah terkirim, di menu ', h('a', { href: '#/desa/kirim' }, 'Menunggu kirim'), '.')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => ctx.go('desa/ajukan/' + s.id) }, 'Ajukan lagi'),
      h('a', { class: 'button secondary', href: '#/desa/kirim' }, 'Lihat yang menunggu')));
  ctx.main.querySelector('h1').focus();
}

/** Seconds between two looks at the desa's list: an unchanged list costs a 304 without a body. */
const POLL_SECONDS = 30;

export async function list(ctx) {
  const all = await services();
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const items = h('ul', { class: 'list', id: 'requests' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => load(false) }, 'Muat lagi');
  const status = h('p', { class: 'muted small', role: 'status', id: 'requests-status' });
  let cursor = null;
  let shown = 0;
  let pages = 0;
  /** The filters of what is shown, as the service reads them; the first page is asked again while the screen is open. */
  let filters = null;
  const overdueOnly = h('input', { type: 'checkbox', id: 'only-overdue' });
  const form = h('form', { class: 'card no-print', novalidate: true, onsubmit: (e) => { e.preventDefault(); load(true); } },
    summary,
    h('div', { class: 'filters' },
      select(set, 'status', 'Status', [['', 'Semua'], ...Object.entries(STATUS)]),
      select(set, 'serviceTypeId', 'Layanan', [['', 'Semua'], ...all.map((s) => [s.id, s.name])]),
      input(set, 'from', 'Diajukan sejak', { type: 'date', attrs: { min: '1900-01-01', max: '2200-12-31' } }),
      input(set, 'to', 'Diajukan sampai', { type: 'date', attrs: { min: '1900-01-01', max: '2200-12-31' } })),
    h('div', { class: 'choice' }, overdueOnly, h('label', { for: 'only-overdue' }, 'Hanya yang terlambat')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Tampilkan')));
  mount(ctx.main, h('h1', null, 'Permohonan desa'), form, status, items, h('div', { class: 'actions' }, more));
  await load(true);
  view.poll(ctx, POLL_SECONDS, () => load(true, true));

  function read() {
    const v = (p) => set.get(p).control.value;
    const violations = [];
    for (const p of ['from', 'to']) {
      const c = set.get(p).control;
      if (c.validity && c.validity.badInput) violations.push({ field: p, message: 'Harus tanggal yang sah' });
      else if (v(p) && checkDate(v(p))) violations.push({ field: p, message: checkDate(v(p)) });
    }
    set.show(summary, violations);
    if (violations.length) return null;
    const from = v('from');
    const to = v('to');
    return {
      status: v('status') || undefined,
      serviceTypeId: v('serviceTypeId') || undefined,
      filedFrom: from ? new Date(from + 'T00:00:00').toISOString() : undefined,
      filedTo: to ? new Date(new Date(to + 'T00:00:00').getTime() + 86400000).toISOString() : undefined,
      overdue: overdueOnly.checked ? 'true' : undefined,
    };
  }

  /** fresh: the first page (again); polled: a look of the timer, which keeps the officer's place when more pages are open. */
  async function load(fresh, polled = false) {
    if (!polled) {
      const f = read();
      if (!f) return;
      filters = f;
    } else if (pages > 1) {
      const res = await api.fresh('/requests', { ...filters, ...api.paging(null, 20) });
      if (res.changed) status.textContent = 'Ada perubahan · tekan Tampilkan untuk memuat ulang.';
      return;
    }
    try {
      const res = await api.fresh('/requests', { ...filters, ...api.paging(fresh ? null : cursor, 20) });
      if (polled && !res.changed) {
        status.textContent = summaryText() + ' · diperiksa ' + view.clock();
        return;
      }
      const p = api.page(res.data);
      if (fresh) {
        mount(items);
        shown = 0;
        pages = 0;
      }
      cursor = p.next;
      shown += p.items.length;
      pages += 1;
      items.append(...p.items.map(row));
      more.hidden = !cursor;
      status.textContent = (polled ? 'Daftar berubah · ' : '') + summaryText() + ' · diperbarui ' + view.clock();
    } catch (e) {
      status.textContent = api.explain(e);
    }
  }

  function summaryText() {
    return shown ? `${shown} permohonan ditampilkan${cursor ? ', masih ada lagi' : ''}` : 'Belum ada permohonan yang cocok.';
  }

  function row(r) {
    return h('li', { class: r.overdue ? 'overdue' : '' }, h('a', { class: 'row', href: href('#/desa/permohonan', r.id) },
      h('div', { class: 'row-top' }, h('span', { class: 'code' }, r.trackingCode), statusBadge(r.status)),
      h('div', null, h('strong', null, r.citizenName ?? ''), ' · ', r.serviceType ? r.serviceType.name : ''),
      h('div', { class: 'small muted' }, 'Diajukan ', dateTime(r.filedAt), ' · batas ', day(r.dueDate),
        r.overdue ? [' · ', h('span', { class: 'badge warn' }, 'Terlambat')] : null)));
  }
}

export async function detail(ctx, params) {
  const path = '/requests/' + encodeURIComponent(params.id);
  const res = await api.fresh(path);
  const r = res.data;
  const etag = api.etagOf(res);
  const s = await service(r.serviceType.id).catch(() => null);
  const actions = h('div');
  const live = h('p', { class: 'muted small no-print', role: 'status' });
  const reload = () => ctx.go('desa/permohonan/' + params.id);
  const files = view.files(r, s);
  const open = r.status === 'SUBMITTED' || r.status === 'NEEDS_INFO';
  const attached = open ? (r.documents ?? []).filter((d) => d.provision === 'ATTACHED') : [];
  const names = new Map((s ? s.documents : []).map((d) => [d.code, d.name]));
  mount(ctx.main,
    h('h1', null, 'Permohonan ', h('span', { class: 'code' }, r.trackingCode)),
    view.summary(r),
    view.receiptButtons(r),
    actions,
    view.answers(r, s),
    files.el,
    attached.length ? h('section', { class: 'no-print', 'aria-labelledby': 'attach-h' }, h('h2', { id: 'attach-h' }, 'Unggah berkas'),
      attached.map((d) => attachForm(r, d, names.get(d.code) ?? d.code, reload))) : null,
    view.history(r),
    live,
    h('p', { class: 'no-print' }, h('a', { href: '#/desa/permohonan' }, '← Daftar permohonan')));

  const parts = [];
  if (r.status === 'NEEDS_INFO' && s) parts.push(supplyForm(r, s, () => etag, reload));
  if (r.status === 'SUBMITTED' || r.status === 'NEEDS_INFO') parts.push(cancelForm(r, () => etag, reload));
  mount(actions, parts);
  view.watch(ctx, path, live, reload);
}

/**
 * Uploading the file of a document the request declares ATTACHED: chosen from the device or photographed with
 * the phone's camera, sent as soon as it is chosen. Each choice gets its own Idempotency-Key; sending the same
 * choice again (after a lost answer) uses the same key, so the file is attached once.
 */
function attachForm(r, d, name, uploaded) {
  const set = fieldSet();
  const status = h('p', { class: 'small', role: 'status' });
  const accept = 'application/pdf,image/jpeg,image/png';
  const hint = 'PDF, JPEG atau PNG';
  const pick = input(set, 'file.' + d.code, name + ': pilih berkas', { type: 'file', hint, attrs: { accept } });
  const photo = input(set, 'photo.' + d.code, name + ': foto dengan kamera', { type: 'file', attrs: { accept, capture: 'environment' } });
  let chosen = null;
  api.maxFileSize().then((max) => {
    const where = pick.querySelector('.hint');
    if (max && where) where.append(', paling besar ' + api.megabytes(max));
  });
  for (const path of ['file.' + d.code, 'photo.' + d.code]) {
    set.get(path).control.addEventListener('change', (event) => {
      const file = event.target.files && event.target.files[0];
      if (!file) return;
      chosen = { file, key: api.newKey() };
      event.target.value = '';
      send();
    });
  }
  return h('div', { class: 'card', 'data-attach': d.code }, pick, photo, status);

  async function send() {
    const { file, key } = chosen;
    mount(status, 'Mengunggah ', file.name, '…');
    try {
      await api.upload(`/requests/${r.id}/documents/${encodeURIComponent(d.code)}/files`, file, key);
      chosen = null;
      flash('Berkas terunggah: ' + file.name);
      // the request has a new version (and a history entry): the screen is read again
      uploaded();
    } catch (e) {
      const retry = e instanceof api.OfflineError || (e instanceof api.ApiError && (e.status >= 500 || e.status === 409 && e.code === 'IDEMPOTENCY_IN_FLIGHT'));
      mount(status, h('span', { class: 'error' }, file.name, ': ', api.explainFile(e)),
        retry ? [' ', h('button', { type: 'button', class: 'link', onclick: send }, 'Coba lagi')] : null);
    }
  }
}

function failed(summary, e, reload) {
  if (e instanceof api.ApiError && e.status === 412) {
    flash(api.explain(e), true);
    reload();
    return;
  }
  mount(summary, h('strong', null, api.explain(e)));
  summary.hidden = false;
  summary.focus();
}

function supplyForm(r, s, etag, reload) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const asked = (r.history ?? []).filter((e) => e.type === 'INFO_REQUESTED').pop();
  const fields = [...(s.fields ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const current = r.answers ?? {};
  const had = new Map((r.documents ?? []).map((d) => [d.code, d.provision]));
  const key = api.newKey();
  const docs = s.documents ?? [];
  const form = h('form', { class: 'card', novalidate: true, onsubmit: submit },
    h('h2', null, 'Lengkapi permohonan'),
    asked && asked.note ? h('p', { class: 'summary' }, h('strong', null, 'Permintaan OPD: '), view.infoNote(asked.note)) : null,
    summary,
    h('details', null, h('summary', null, 'Ubah isian'), fields.map((f) => serviceField(set, f, current[f.key]))),
    docs.map((d) => {
      const options = [['ON_PAPER', 'Dibawa (kertas)'], ['ATTACHED', 'Dilampirkan']];
      if (!d.mandatory || (d.alternatives ?? []).length) options.push(['NOT_APPLICABLE', 'Tidak ada']);
      return choices(set, 'documents.' + d.code, d.name, options, { value: had.get(d.code) ?? [] });
    }),
    input(set, 'note', 'Keterangan untuk OPD', { multiline: true, attrs: { maxlength: 2000, rows: 3 } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Kirim kelengkapan')));
  return form;

  async function submit(event) {
    event.preventDefault();
    const violations = [];
    const answers = {};
    for (const f of fields) {
      const v = readField(set, f);
      const problem = checkField(f, v, true);
      if (problem) violations.push({ field: 'answers.' + f.key, message: problem });
      else if (v !== undefined && JSON.stringify(v) !== JSON.stringify(current[f.key])) answers[f.key] = v;
    }
    const documents = [];
    for (const d of docs) {
      const p = checkedValues(set.get('documents.' + d.code).control)[0];
      if (p && p !== had.get(d.code)) documents.push({ code: d.code, provision: p });
    }
    const note = set.get('note').control.value.trim();
    if (!violations.length && !Object.keys(answers).length && !documents.length && !note) {
      violations.push({ field: 'note', message: 'Isi keterangan atau ubah isian/dokumen yang diminta' });
    }
    set.show(summary, violations);
    if (violations.length) return;
    const body = {};
    if (Object.keys(answers).length) body.answers = answers;
    if (documents.length) body.documents = documents;
    if (note) body.note = note;
    try {
      await api.call('POST', `/requests/${r.id}/supply-info`, { body, ifMatch: etag(), key });
      flash('Kelengkapan terkirim ke OPD.');
      reload();
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 400 && e.violations.length) set.show(summary, documentPaths(e.violations, documents));
      else failed(summary, e, reload);
    }
  }
}

function cancelForm(r, etag, reload) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const key = api.newKey();
  const form = h('form', { class: 'card', hidden: true, novalidate: true, onsubmit: submit },
    h('h2', null, 'Batalkan permohonan'),
    summary,
    input(set, 'reason', 'Alasan pembatalan', { multiline: true, attrs: { maxlength: 2000, rows: 2 } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger' }, 'Ya, batalkan'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { form.hidden = true; open.hidden = false; open.focus(); } }, 'Tidak jadi')));
  const open = h('button', { type: 'button', class: 'secondary', onclick: () => { form.hidden = false; open.hidden = true; set.get('reason').control.focus(); } },
    'Batalkan permohonan…');
  return h('div', { class: 'no-print' }, h('div', { class: 'actions' }, open), form);

  async function submit(event) {
    event.preventDefault();
    const reason = set.get('reason').control.value.trim();
    try {
      await api.call('POST', `/requests/${r.id}/cancel`, { body: reason ? { reason } : {}, ifMatch: etag(), key });
      flash('Permohonan dibatalkan.');
      reload();
    } catch (e) {
      failed(summary, e, reload);
    }
  }
}

export async function waiting(ctx) {
  const list = h('ul', { class: 'list', id: 'waiting' });
  const done = h('ul', { class: 'list', id: 'sent' });
  const state = h('p', { role: 'status' });
  const send = h('button', { type: 'button', onclick: sendAll }, 'Kirim sekarang');
  mount(ctx.main,
    h('h1', null, 'Menunggu kirim'),
    h('p', { class: 'muted' }, 'Permohonan yang diajukan tanpa sambungan disimpan di perangkat ini dan dikirim otomatis saat tersambung. Setiap permohonan hanya diajukan sekali, walau pengiriman diulang.'),
    state, list, h('div', { class: 'actions' }, send),
    h('h2', null, 'Terkirim sejak masuk'), done);
  ctx.onLeave(outbox.onChange(() => draw().catch(() => {})));
  await draw();

  async function sendAll() {
    send.disabled = true;
    try {
      await outbox.flush();
    } catch (e) {
      flash(api.explain(e), true);
    } finally {
      send.disabled = false;
      await draw();
    }
  }

  async function draw() {
    const items = await outbox.waiting();
    state.textContent = items.length ? `${items.length} permohonan menunggu.` : 'Tidak ada yang menunggu.';
    send.hidden = !items.some((i) => i.state === 'waiting');
    mount(list, items.map((i) => h('li', { class: i.state === 'failed' ? 'attention' : '' },
      h('div', { class: 'row-top' }, h('strong', null, i.citizenName ?? ''),
        i.state === 'failed' ? h('span', { class: 'badge bad' }, 'Ditolak server') : h('span', { class: 'badge' }, 'Menunggu')),
      h('div', null, i.serviceName ?? ''),
      h('div', { class: 'small muted' }, 'Disimpan ', dateTime(i.createdAt)),
      i.problem ? h('ul', { class: 'small' }, (i.problem.violations && i.problem.violations.length
        ? i.problem.violations.map((v) => (v.field ? fieldName(v.field) + ': ' : '') + api.say(v.message))
        : [api.explainProblem(i.problem)]).map((t) => h('li', null, t))) : null,
      i.state === 'failed' ? h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => fix(i) }, 'Perbaiki'),
        h('button', { type: 'button', class: 'secondary', onclick: () => drop(i) }, 'Hapus')) : null)));
    mount(done, outbox.sent.map((r) => h('li', null,
      h('div', { class: 'row-top' }, h('span', { class: 'code' }, r.trackingCode), statusBadge(r.status)),
      h('div', null, h('strong', null, r.citizenName ?? ''), ' · ', r.serviceName ?? ''),
      h('a', { href: href('#/desa/permohonan', r.id) }, 'Lihat'))));
    if (!outbox.sent.length) done.append(h('li', { class: 'muted' }, 'Belum ada.'));
  }

  async function fix(item) {
    draft = item.filing;
    await outbox.forget(item.key);
    ctx.go('desa/ajukan/' + encodeURIComponent(item.filing.serviceTypeId));
  }

  async function drop(item) {
    if (!window.confirm('Hapus permohonan ' + (item.citizenName ?? '') + ' dari perangkat ini?')) return;
    await outbox.forget(item.key);
  }
}
