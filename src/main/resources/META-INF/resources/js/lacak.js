// The citizen's tracking page: no login, nothing personal (the service shows no names or notes here).
// Its stable address is /lacak/<code> (also #/lacak/<code>); a receipt's QR code points there. Also the public
// verification of a result document by its code (#/verifikasi/<code>).

import * as api from './api.js';
import { h, mount, STATUS, dateTime, day, statusBadge, facts } from './dom.js';
import { fieldSet, input } from './form.js';

const CODE = /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{2}$/;

export async function screen(ctx, params) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const result = h('div', { 'aria-live': 'polite' });
  const given = (params.code || '').toUpperCase();
  const form = h('form', { class: 'card', novalidate: true, onsubmit: (e) => { e.preventDefault(); look(); } },
    summary,
    input(set, 'code', 'Kode lacak', { value: given, hint: 'Tertera pada tanda terima, mis. K7M2-QX9P-RT', attrs: { autocapitalize: 'characters', spellcheck: 'false', maxlength: 14 } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Lacak')));
  mount(ctx.main, h('h1', null, 'Lacak permohonan'), form, result);
  if (given) await look(true);

  async function look(first = false) {
    let code = set.get('code').control.value.trim().toUpperCase().replace(/\s+/g, '');
    if (/^[A-Z0-9]{10}$/.test(code)) code = code.slice(0, 4) + '-' + code.slice(4, 8) + '-' + code.slice(8);
    if (!CODE.test(code)) {
      set.show(summary, [{ field: 'code', message: 'Kode lacak terdiri dari 10 huruf/angka, mis. K7M2-QX9P-RT' }]);
      return;
    }
    set.show(summary, []);
    if (!first && ctx.main.isConnected && !location.hash.startsWith('#/lacak/' + code)) {
      history.replaceState(null, '', '#/lacak/' + encodeURIComponent(code));
    }
    mount(result, h('p', { class: 'muted' }, 'Mencari…'));
    try {
      const t = await api.get('/tracking/' + encodeURIComponent(code));
      mount(result, h('section', { class: 'card', 'aria-labelledby': 'lacak-hasil' },
        h('h2', { id: 'lacak-hasil' }, h('span', { class: 'code' }, t.trackingCode)),
        h('p', null, statusBadge(t.status), t.overdue ? [' ', h('span', { class: 'badge warn' }, 'Melewati batas waktu')] : null),
        facts([
          ['Layanan', t.service],
          ['Ditangani oleh', t.opd],
          ['Diajukan', dateTime(t.filedAt)],
          ['Batas selesai', day(t.dueDate)],
          ['Selesai pada', t.finishedAt ? dateTime(t.finishedAt) : null],
        ]),
        h('h3', null, 'Riwayat'),
        h('ol', { class: 'history' }, (t.history ?? []).map((s) => h('li', null, h('strong', null, STATUS[s.status] || s.status), ' · ', dateTime(s.at))))));
    } catch (e) {
      const text = e instanceof api.ApiError && e.status === 404 ? 'Kode lacak tidak ditemukan. Periksa kembali kodenya.' : api.explain(e);
      mount(result, h('p', { class: 'card', role: 'alert' }, text));
    }
  }
}

/**
 * Public verification of a result document by the code printed on it: what the document is (service, OPD, date,
 * number) and the SHA-256 of the genuine file, nothing personal. A copy one holds can be checked against it: its
 * SHA-256 is computed on this device (the file never leaves it) and the service says whether it is the genuine one.
 */
export async function verify(ctx, params) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const result = h('div', { 'aria-live': 'polite' });
  const given = (params.code || '').toUpperCase();
  const canHash = !!(window.crypto && crypto.subtle);
  const form = h('form', { class: 'card', novalidate: true, onsubmit: (e) => { e.preventDefault(); look(); } },
    summary,
    input(set, 'code', 'Kode verifikasi', { value: given, hint: 'Tertera pada dokumen hasil, mis. Q4TR-8XKM-2P', attrs: { autocapitalize: 'characters', spellcheck: 'false', maxlength: 14 } }),
    canHash ? input(set, 'copy', 'Berkas yang hendak dicocokkan (boleh kosong)', { type: 'file', hint: 'Berkas diperiksa di perangkat ini saja, tidak dikirim', attrs: { accept: 'application/pdf' } }) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Periksa')));
  mount(ctx.main, h('h1', null, 'Verifikasi dokumen'), form, result);
  if (given) await look(true);

  async function look(first = false) {
    let code = set.get('code').control.value.trim().toUpperCase().replace(/\s+/g, '');
    if (/^[A-Z0-9]{10}$/.test(code)) code = code.slice(0, 4) + '-' + code.slice(4, 8) + '-' + code.slice(8);
    if (!CODE.test(code)) {
      set.show(summary, [{ field: 'code', message: 'Kode verifikasi terdiri dari 10 huruf/angka, mis. Q4TR-8XKM-2P' }]);
      return;
    }
    set.show(summary, []);
    if (!first && ctx.main.isConnected && location.hash !== '#/verifikasi/' + code) {
      history.replaceState(null, '', '#/verifikasi/' + encodeURIComponent(code));
    }
    mount(result, h('p', { class: 'muted' }, 'Memeriksa…'));
    try {
      const copy = canHash ? set.get('copy').control.files[0] : null;
      const sha256 = copy ? await digest(copy) : undefined;
      const v = await api.call('GET', '/verification/' + encodeURIComponent(code), { params: { sha256 }, auth: false }).then((res) => res.data);
      mount(result, h('section', { class: 'card', id: 'verification', 'aria-labelledby': 'verifikasi-hasil' },
        h('h2', { id: 'verifikasi-hasil' }, 'Dokumen terdaftar ', h('span', { class: 'code' }, v.verificationCode)),
        v.sha256Matches === true ? h('p', { class: 'verdict ok', id: 'verdict' }, 'Berkas ini asli: sama persis dengan dokumen yang diterbitkan') : null,
        v.sha256Matches === false ? h('p', { class: 'verdict bad', id: 'verdict' }, 'Berkas ini TIDAK sama dengan dokumen yang diterbitkan') : null,
        facts([
          ['Layanan', v.service],
          ['Diterbitkan oleh', v.opd],
          ['Tanggal', day(v.date)],
          ['Nomor dokumen', v.documentNumber],
          ['Sidik berkas (SHA-256)', h('span', { class: 'code small hash' }, v.sha256)],
        ]),
        h('p', { class: 'small muted' }, 'Salinan yang sidik SHA-256-nya berbeda bukan dokumen ini.')));
    } catch (e) {
      const text = e instanceof api.ApiError && e.status === 404 ? 'Kode verifikasi tidak dikenal: tidak ada dokumen terbitan dengan kode ini.' : api.explain(e);
      mount(result, h('p', { class: 'card', role: 'alert' }, text));
    }
  }
}

async function digest(file) {
  const bytes = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
