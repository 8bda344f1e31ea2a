// Logging in. The token the service answers stays in api.js's memory. An account whose password someone else set
// (a new account, a reset, a one-time activation secret) sets its own first: the service allows it nothing else.

import * as api from './api.js';
import { h, mount } from './dom.js';
import { outbox } from './store.js';
import { fieldSet, input } from './form.js';

export async function screen(ctx) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const waitingNote = h('p', { class: 'muted', role: 'status' });
  const button = h('button', { type: 'submit' }, 'Masuk');
  const form = h('form', { class: 'card', novalidate: true, onsubmit: submit },
    summary,
    input(set, 'username', 'Nama pengguna', { required: true, attrs: { autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', maxlength: 60 } }),
    input(set, 'password', 'Kata sandi', { type: 'password', required: true, attrs: { autocomplete: 'current-password', maxlength: 200 } }),
    h('div', { class: 'actions' }, button));
  mount(ctx.main,
    h('h1', null, 'Masuk'),
    waitingNote,
    form,
    h('p', null, 'Warga tanpa akun dapat ', h('a', { href: '#/lacak' }, 'melacak permohonan dengan kode lacak'), '.'));

  try {
    const n = await outbox.count();
    if (n) mount(waitingNote, `${n} permohonan tersimpan di perangkat ini dan menunggu dikirim. Masuk dengan akun yang mengajukannya untuk mengirim.`);
  } catch { /* no IndexedDB on this browser */ }

  async function submit(event) {
    event.preventDefault();
    const username = set.get('username').control.value.trim();
    const password = set.get('password').control.value;
    const missing = [];
    if (!username) missing.push({ field: 'username', message: 'is required' });
    if (!password) missing.push({ field: 'password', message: 'is required' });
    set.show(summary, missing);
    if (missing.length) return;
    button.disabled = true;
    try {
      const answer = await api.login(username, password);
      set.get('password').control.value = '';
      if (answer.account && answer.account.passwordChangeRequired) {
        ownPassword(ctx, answer, password);
        return;
      }
      await ctx.signedIn(answer);
    } catch (e) {
      mount(summary, h('strong', null, failure(e)));
      summary.hidden = false;
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    } finally {
      button.disabled = false;
    }
  }
}

/**
 * Why the login failed. Failed logins are not told apart (a wrong password, an unknown or disabled account);
 * after several in a row the service makes this device wait before the next try of that username (429), and
 * says how long.
 */
function failure(e) {
  if (!(e instanceof api.ApiError)) return api.explain(e);
  if (e.status === 401) return 'Nama pengguna atau kata sandi salah, atau akun nonaktif.';
  if (e.status === 429) {
    const seconds = e.retryAfter ?? 60;
    const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return `Terlalu banyak percobaan masuk yang gagal dari perangkat ini. Coba lagi dalam ${api.waitText(seconds)} (pukul ${at}), `
      + 'atau minta admin kabupaten menghapus penundaan masuk akun ini.';
  }
  return api.explain(e);
}

/** The first login of an account whose password someone else set: it chooses its own before anything else. */
function ownPassword(ctx, answer, current) {
  const set = fieldSet();
  const summary = h('div', { class: 'summary', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, 'Simpan kata sandi');
  const form = h('form', { class: 'card', novalidate: true, onsubmit: submit, id: 'own-password' },
    summary,
    input(set, 'newPassword', 'Kata sandi baru', { type: 'password', required: true,
      hint: 'Paling sedikit 10 karakter, ada huruf dan angka, bukan nama pengguna',
      attrs: { autocomplete: 'new-password', maxlength: 200 } }),
    input(set, 'repeat', 'Ulangi kata sandi baru', { type: 'password', required: true, attrs: { autocomplete: 'new-password', maxlength: 200 } }),
    h('div', { class: 'actions' }, button));
  mount(ctx.main,
    h('h1', null, 'Buat kata sandi Anda'),
    h('p', null, 'Kata sandi akun ', h('strong', null, answer.account.username),
      ' dibuat oleh orang lain. Buat kata sandi Anda sendiri sebelum melanjutkan.'),
    form);
  set.get('newPassword').control.focus();

  async function submit(event) {
    event.preventDefault();
    const next = set.get('newPassword').control.value;
    const violations = [];
    if (!next) violations.push({ field: 'newPassword', message: 'is required' });
    else if (next !== set.get('repeat').control.value) violations.push({ field: 'repeat', message: 'Tidak sama dengan kata sandi baru' });
    set.show(summary, violations);
    if (violations.length) return;
    button.disabled = true;
    try {
      await api.call('POST', '/me/password', { body: { currentPassword: current, newPassword: next } });
      set.get('newPassword').control.value = '';
      set.get('repeat').control.value = '';
      await ctx.signedIn(answer);
    } catch (e) {
      if (e instanceof api.ApiError && e.status === 400 && e.violations.length) set.show(summary, e.violations);
      else set.show(summary, [{ field: '', message: api.explain(e) }]);
    } finally {
      button.disabled = false;
    }
  }
}
