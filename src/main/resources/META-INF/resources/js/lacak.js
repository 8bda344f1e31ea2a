// The citizen's tracking page: no login, nothing personal (the service shows no names or notes here).
// Its stable address is /lacak/<code> (also #/lacak/<code>); a receipt's QR code will point there.

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
