// The OPD officer (and the admin for triage): the queue, live through conditional polling, with who holds
// what; what the OPD handled before (finished, or forwarded to another OPD); and one request with what can
// be done to it now.

import * as api from './api.js';
import { h, mount, flash, href, day, dateTime, statusBadge, STATUS } from './dom.js';
import { fieldSet, input, select } from './form.js';
import * as view from './request.js';

/** Seconds between two looks at the queue; an unchanged queue costs a 304 and no body. */
const POLL_SECONDS = 15;

let opdCache = null;
const regionNames = new Map();

export function forget() {
  opdCache = null;
  regionNames.clear();
}

async function opds() {
  if (!opdCache) opdCache = await api.all('/opds');
  return opdCache;
}

/** A desa's name, looked up once per session; the code until it is known. */
function desaName(code) {
  if (!code) return Promise.resolve('');
  if (!regionNames.has(code)) {
    regionNames.set(code, api.get('/regions/' + encodeURIComponent(code)).then((r) => r.name).catch(() => code));
  }
  return regionNames.get(code);
}

function desaLabel(code) {
  const span = h('span', null, code ?? '');
  desaName(code).then((name) => { span.textContent = 'Desa ' + name; });
  return span;
}

/** Needing attention first, then overdue, then as the service sorted them (due date). */
function ordered(items) {
  const rank = (r) => (r.needsAttention ? 0 : r.overdue ? 1 : 2);
  return items.map((r, i) => [r, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([r]) => r);
}

export async function queue(ctx) {
  const admin = ctx.me.role === 'ADMIN';
  const set = fieldSet();
  const list = h('ul', { class: 'list', id: 'queue' });
  const live = h('p', { class: 'muted small', role: 'status', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => load('more') }, 'Muat lagi');
  let cursor = null;
  let items = [];
  const mine = h('input', { type: 'checkbox', id: 'mine' });
  const late = h('input', { type: 'checkbox', id: 'late' });
  const opdOptions = admin ? [['', 'Triase (Bagian Organisasi)'], ...(await opds()).map((o) => [o.id, o.name])] : null;
  const form = h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); load('fresh'); } },
    h('div', { class: 'filters' },
      admin ? select(set, 'opdId', 'Antrean', opdOptions) : null,
      select(set, 'status', 'Status', [['', 'Belum selesai'], ...Object.entries(STATUS)])),
    h('div', { class: 'choice' }, mine, h('label', { for: 'mine' }, 'Hanya yang saya pegang')),
    h('div', { class: 'choice' }, late, h('label', { for: 'late' }, 'Hanya yang terlambat')),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Tampilkan')));
  mount(ctx.main,
    h('h1', null, admin ? 'Antrean triase dan OPD' : 'Antrean ' + (ctx.me.opdName ?? 'OPD')),
    form, live, list, h('div', { class: 'actions' }, more));

  const params = () => ({
    opdId: admin ? set.get('opdId').control.value || undefined : undefined,
    status: set.get('status').control.value || undefined,
    assignedToMe: mine.checked ? 'true' : undefined,
    overdue: late.checked ? 'true' : undefined,
  });

  async function load(mode) {
    try {
      if (mode === 'more') {
        const res = await api.call('GET', '/queue', { params: { ...params(), ...api.paging(cursor, 20) } });
        const p = api.page(res.data);
        items = items.concat(p.items);
        cursor = p.next;
      } else {
        // also a queue seen before (back from a request) costs a 304 when nothing changed
        const res = await api.fresh('/queue', { ...params(), ...api.paging(null, 20) });
        if (mode === 'poll' && !res.changed) {
          live.textContent = 'Tidak ada perubahan · diperiksa ' + view.clock();
          return;
        }
        const p = api.page(res.data);
        items = p.items;
        cursor = p.next;
      }
      draw();
      live.textContent = (mode === 'poll' ? 'Antrean berubah · ' : '') + `${items.length} permohonan` + (cursor ? ', masih ada lagi' : '')
        + ' · diperbarui ' + view.clock();
    } catch (e) {
      live.textContent = api.explain(e);
    }
  }

  function draw() {
    more.hidden = !cursor;
    if (!items.length) {
      mount(list, h('li', { class: 'muted' }, 'Antrean kosong.'));
      return;
    }
    mount(list, ordered(items).map((r) => h('li', { class: r.needsAttention ? 'attention' : r.overdue ? 'overdue' : '' },
      h('a', { class: 'row', href: href('#/opd/permohonan', r.id) },
        h('div', { class: 'row-top' }, h('span', { class: 'code' }, r.trackingCode), statusBadge(r.status)),
        h('div', null, h('strong', null, r.serviceType ? r.serviceType.name : ''), ' · ', r.citizenName ?? ''),
        h('div', { class: 'small muted' }, desaLabel(r.desaCode), ' · batas ', day(r.dueDate),
          r.overdue ? [' · ', h('span', { class: 'badge warn' }, 'Terlambat')] : null,
          r.needsAttention ? [' · ', h('span', { class: 'badge bad' }, 'Perlu perhatian')] : null),
        holding(r)))));
  }

  /** Who holds it, on its own line: the officer who accepted it, or the OPD system whose claim holds it. */
  function holding(r) {
    const who = view.holderText(r, ctx.me);
    return who ? h('div', { class: 'small holder' }, 'Dipegang: ', who) : null;
  }

  await load('fresh');
  view.poll(ctx, POLL_SECONDS, () => load('poll'));
}

export async function detail(ctx, params) {
  const path = '/requests/' + encodeURIComponent(params.id);
  const res = await api.fresh(path);
  const r = { ...res.data };
  const etag = api.etagOf(res);
  r.desaName = await desaName(r.desaCode);
  const s = await api.get('/service-types/' + r.serviceType.id).catch(() => null);
  const reload = () => ctx.go('opd/permohonan/' + params.id);
  const others = (await opds()).filter((o) => o.active !== false && (!r.opd || o.id !== r.opd.id));
  const admin = ctx.me.role === 'ADMIN';
  // an OPD reads what it held before, but works only what is in its queue now
  const ours = admin || (r.opd && r.opd.id === ctx.me.opdId);
  const back = ours && !['COMPLETED', 'REJECTED', 'CANCELLED'].includes(r.status)
    ? h('a', { href: '#/opd/antrean' }, '← Antrean') : h('a', { href: admin ? '#/opd/antrean' : '#/opd/ditangani' }, admin ? '← Antrean' : '← Pernah ditangani');
  const live = h('p', { class: 'muted small no-print', role: 'status' });

  const acts = [];
  const resultKeys = new WeakMap();
  if (ours && r.status === 'SUBMITTED') acts.push(action('accept', 'Terima dan proses', [], () => ({}), { open: true, optionalNote: true }));
  if (ours && r.status === 'IN_PROGRESS') {
    acts.push(action('complete', 'Selesaikan', [
      (set) => input(set, 'resultNote', 'Hasil untuk warga', { multiline: true, required: true, attrs: { maxlength: 2000, rows: 3 } }),
      (set) => input(set, 'documentNumber', 'Nomor dokumen hasil', { attrs: { maxlength: 100 } }),
      (set) => input(set, 'resultDocument', 'Dokumen hasil (PDF, boleh kosong)', { type: 'file',
        hint: 'Mis. surat yang sudah ditandatangani; desa dapat mengunduhnya dan siapa pun dapat memverifikasinya', attrs: { accept: 'application/pdf' } }),
    ], (v) => ({ resultNote: v.resultNote, documentNumber: v.documentNumber || undefined }), { open: true, prepare: attachResult }));
    acts.push(action('reject', 'Tolak', [
      (set) => input(set, 'reason', 'Alasan penolakan', { multiline: true, required: true, attrs: { maxlength: 2000, rows: 2 } }),
    ], (v) => ({ reason: v.reason }), { danger: true }));
  }
  if (ours && (r.status === 'SUBMITTED' || r.status === 'IN_PROGRESS')) {
    acts.push(action('request-info', 'Minta kelengkapan ke desa', [
      (set) => input(set, 'missing', 'Yang kurang (satu per baris)', { multiline: true, required: true, hint: 'Paling banyak 20 baris, masing-masing 300 karakter', attrs: { rows: 3 } }),
      (set) => input(set, 'note', 'Catatan', { multiline: true, attrs: { maxlength: 2000, rows: 2 } }),
    ], (v) => ({ missing: v.missing.split('\n').map((x) => x.trim()).filter(Boolean), note: v.note || undefined })));
    acts.push(action('forward', 'Teruskan ke OPD lain', [
      (set) => select(set, 'toOpdId', 'OPD tujuan', [['', '— pilih —'], ...others.map((o) => [o.id, o.name])], { required: true }),
      (set) => input(set, 'reason', 'Alasan', { multiline: true, required: true, attrs: { maxlength: 2000, rows: 2 } }),
    ], (v) => ({ toOpdId: Number(v.toOpdId), reason: v.reason })));
  }

  mount(ctx.main,
    h('h1', null, 'Permohonan ', h('span', { class: 'code' }, r.trackingCode)),
    view.summary(r, ctx.me),
    !ours ? h('p', { class: 'card', id: 'not-ours' }, 'Permohonan ini sekarang di ', h('strong', null, r.opd ? r.opd.name : 'OPD lain'),
      '. OPD Anda hanya dapat membacanya.') : null,
    ours && r.status === 'NEEDS_INFO' ? h('p', { class: 'card' }, 'Menunggu kelengkapan dari desa.') : null,
    acts.length ? h('section', { 'aria-label': 'Tindakan', class: 'no-print' }, acts) : null,
    view.answers(r, s),
    view.files(r, s).el,
    view.history(r),
    live,
    h('p', null, back));
  view.watch(ctx, path, live, reload);

  /**
   * The result document chosen in the completion form is uploaded first, then named in the completion. Each
   * chosen file has its own Idempotency-Key: sending the form again (after a lost answer or a refused completion)
   * adds the same file once. Answers the If-Match the completion then needs.
   */
  async function attachResult(payload, set) {
    const control = set.get('resultDocument').control;
    const file = control.files && control.files[0];
    if (!file) return null;
    if (!resultKeys.has(file)) resultKeys.set(file, api.newKey());
    try {
      const doc = await api.upload(`/queue/requests/${r.id}/result-document`, file, resultKeys.get(file));
      payload.resultDocumentId = doc.id;
    } catch (e) {
      e.aboutFile = true;
      throw e;
    }
    // Adding it gave the request a new version. The completion may go on only when that is the one change since
    // this screen was read; anything else someone did meanwhile is shown first (as any stale version is).
    const now = await api.call('GET', path);
    if (!now.data || now.data.version !== r.version + 1) throw new api.ApiError(412, { code: 'STALE_VERSION' });
    return api.etagOf(now);
  }

  /** One action as a form behind a disclosure: fields, body, If-Match, Idempotency-Key, errors at fields. */
  function action(verb, title, makers, body, opts = {}) {
    const set = fieldSet();
    const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
    const key = api.newKey();
    const controls = makers.map((m) => m(set));
    if (opts.optionalNote) controls.push(input(set, 'note', 'Catatan', { multiline: true, attrs: { maxlength: 2000, rows: 2 } }));
    const button = h('button', { type: 'submit', class: opts.danger ? 'danger' : '' }, title);
    const form = h('form', { novalidate: true, 'data-action': verb, onsubmit: submit }, summary, controls, h('div', { class: 'actions' }, button));
    return h('details', { open: !!opts.open }, h('summary', null, title), form);

    async function submit(event) {
      event.preventDefault();
      const values = {};
      const missing = [];
      for (const path of set.paths()) {
        const f = set.get(path);
        values[path] = f.control.value.trim();
        if (f.control.required && !values[path]) missing.push({ field: path, message: 'Wajib diisi' });
      }
      set.show(summary, missing);
      if (missing.length) return;
      const payload = body(values);
      if (opts.optionalNote && values.note) payload.note = values.note;
      button.disabled = true;
      try {
        const version = opts.prepare ? await opts.prepare(payload, set) : null;
        await api.call('POST', `/queue/requests/${r.id}/${verb}`, { body: payload, ifMatch: version || etag, key });
        flash(title + ': berhasil.');
        reload();
      } catch (e) {
        if (e instanceof api.ApiError && e.status === 400 && e.violations.length) {
          set.show(summary, e.violations.map((v) => ({ ...v, field: v.field.replace(/^missing\[\d+\]$/, 'missing') })));
        } else if (e instanceof api.ApiError && e.status === 412) {
          flash(api.explain(e), true);
          reload();
        } else {
          mount(summary, h('strong', null, e.aboutFile ? api.explainFile(e) : api.explain(e)));
          summary.hidden = false;
          summary.focus();
        }
      } finally {
        button.disabled = false;
      }
    }
  }
}

const FINISHED = ['COMPLETED', 'REJECTED', 'CANCELLED'];
const OPEN = ['SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO'];

/** What the OPD handled and no longer has in its queue: finished, or forwarded to another OPD. Newest filed first. */
export async function handled(ctx) {
  const mine = ctx.me.opdId;
  const set = fieldSet();
  const list = h('ul', { class: 'list', id: 'handled' });
  const status = h('p', { class: 'muted small', role: 'status', id: 'handled-status' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => load(false) }, 'Muat lagi');
  const KINDS = [['', 'Semua'], ['COMPLETED', STATUS.COMPLETED], ['REJECTED', STATUS.REJECTED], ['CANCELLED', STATUS.CANCELLED],
    ['FORWARDED', 'Diteruskan ke OPD lain']];
  const form = h('form', { class: 'card no-print', onsubmit: (e) => { e.preventDefault(); load(true); } },
    h('div', { class: 'filters' }, select(set, 'kind', 'Tampilkan', KINDS)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Tampilkan')));
  mount(ctx.main, h('h1', null, 'Pernah ditangani ' + (ctx.me.opdName ?? 'OPD')),
    h('p', { class: 'muted' }, 'Permohonan yang sudah selesai, ditolak atau dibatalkan, dan yang diteruskan ke OPD lain. Yang masih dikerjakan ada di Antrean.'),
    form, status, list, h('div', { class: 'actions' }, more));
  let cursor = null;
  let shown = 0;
  await load(true);

  /** The service lists all the OPD held; what is still in its queue is left out here (up to 5 pages per look). */
  async function load(fresh) {
    const kind = set.get('kind').control.value;
    const wanted = (r) => (kind === 'FORWARDED' ? r.opd && r.opd.id !== mine
      : kind ? r.status === kind : FINISHED.includes(r.status) || (r.opd && r.opd.id !== mine));
    const statuses = kind === 'FORWARDED' ? OPEN : kind ? [kind] : undefined;
    // what is shown stays until the answer is there: on a slow link the list never stands empty meanwhile
    let from = fresh ? null : cursor;
    try {
      const rows = [];
      for (let i = 0; i < 5 && rows.length < 20; i++) {
        const res = await api.fresh('/requests', { status: statuses, ...api.paging(from, 50) });
        const p = api.page(res.data);
        rows.push(...p.items.filter(wanted));
        from = p.next;
        if (!from) break;
      }
      if (fresh) {
        shown = 0;
        mount(list);
      }
      cursor = from;
      shown += rows.length;
      list.append(...rows.map(row));
      more.hidden = !cursor;
      if (!shown && !cursor) mount(list, h('li', { class: 'muted' }, 'Belum ada.'));
      status.textContent = `${shown} permohonan ditampilkan${cursor ? ', masih ada lagi' : ''}`;
    } catch (e) {
      status.textContent = api.explain(e);
    }
  }

  function row(r) {
    const away = r.opd && r.opd.id !== mine;
    return h('li', null, h('a', { class: 'row', href: href('#/opd/permohonan', r.id) },
      h('div', { class: 'row-top' }, h('span', { class: 'code' }, r.trackingCode), statusBadge(r.status)),
      h('div', null, h('strong', null, r.serviceType ? r.serviceType.name : ''), ' · ', r.citizenName ?? ''),
      h('div', { class: 'small muted' }, desaLabel(r.desaCode), ' · diajukan ', dateTime(r.filedAt)),
      away ? h('div', { class: 'small' }, (FINISHED.includes(r.status) ? 'Diselesaikan di: ' : 'Sekarang di: '), r.opd.name) : null));
  }
}
