// How one request is shown, to the desa and to the OPD alike: facts, answers, documents, history.

import { h, facts, dateTime, day, statusBadge, words, EVENT, STATUS } from './dom.js';

export const PROVISION = { ON_PAPER: 'Dibawa (kertas)', ATTACHED: 'Dilampirkan', NOT_APPLICABLE: 'Tidak ada' };

const ROUTED = {
  SERVICE_DEFAULT: 'OPD bawaan layanan', TRIAGE: 'triase',
  RULE_SERVICE_DESA: 'aturan layanan untuk desa', RULE_SERVICE_KECAMATAN: 'aturan layanan untuk kecamatan',
  RULE_SERVICE_KABUPATEN: 'aturan layanan untuk kabupaten', RULE_ALL_DESA: 'aturan semua layanan untuk desa',
  RULE_ALL_KECAMATAN: 'aturan semua layanan untuk kecamatan', RULE_ALL_KABUPATEN: 'aturan semua layanan untuk kabupaten',
};

/** Notes the service writes itself, in the officer's words; people's notes as they wrote them. */
function noteText(e) {
  if (e.type === 'INFO_REQUESTED') return infoNote(e.note);
  const routed = /^routed by (\S+)$/.exec(e.note);
  return routed ? 'Rute: ' + (ROUTED[routed[1]] || routed[1]) : e.note;
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

/** The facts of a request; holderName: who works on it now, when known. */
export function summary(r, holderName) {
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
      ['Dipegang oleh', holderName],
      ['Diajukan', dateTime(r.filedAt)],
      ['Batas selesai', day(r.dueDate)],
      ['Selesai pada', r.finishedAt ? dateTime(r.finishedAt) : null],
      ['Hasil', r.resultNote],
      ['Nomor dokumen', r.documentNumber],
      ['Catatan desa', r.note],
    ]));
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

/** Who holds it: the account that accepted it last, as the history tells. */
export function holder(r) {
  if (r.status !== 'IN_PROGRESS') return null;
  const accepted = (r.history ?? []).filter((e) => e.type === 'ACCEPTED').pop();
  return accepted ? accepted.actor : (r.assignedTo ?? null);
}

export function history(r) {
  return [
    h('h2', null, 'Riwayat'),
    h('ol', { class: 'history' }, (r.history ?? []).map((e) => h('li', null,
      h('strong', null, EVENT[e.type] || e.type),
      e.toStatus && e.fromStatus !== e.toStatus ? [' → ', STATUS[e.toStatus] || e.toStatus] : null,
      h('br'),
      h('span', { class: 'small muted' }, dateTime(e.at), ' · ', e.actor ?? e.actorKind ?? ''),
      e.toOpd && (!e.fromOpd || e.fromOpd.id !== e.toOpd.id) ? [h('br'), h('span', { class: 'small' }, 'Ke: ', e.toOpd.name)] : null,
      e.note ? [h('br'), h('span', { class: 'small' }, noteText(e))] : null))),
  ];
}
