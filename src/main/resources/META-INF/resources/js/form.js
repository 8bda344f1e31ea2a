// Form fields generated from a service's typed fields, checked with the same limits the service checks,
// and errors shown at the field they belong to (the service's violations too, by their field path).

import { h, mount, words } from './dom.js';
import { say } from './api.js';

// The service's defaults when a text field names no maximum.
const TEXT_MAX = 500;
const LONG_TEXT_MAX = 5000;

let serial = 0;
const idFor = (path) => 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-') + '-' + (++serial);

/**
 * A registry of the fields of one form: path ('citizen.nik', 'answers.anak_ke', 'documents') → the
 * control (to focus and mark) and the place for its error.
 */
export function fieldSet() {
  const fields = new Map();
  return {
    add(path, label, control, errorEl) {
      control.dataset.path = path;
      fields.set(path, { label, control, errorEl });
    },
    get: (path) => fields.get(path),
    paths: () => [...fields.keys()],
    /** Clears all errors, then shows [{field, message}] at their fields; unknown paths go to the summary. */
    show(summary, violations, intro = 'Periksa isian berikut:') {
      for (const f of fields.values()) {
        f.control.removeAttribute('aria-invalid');
        mount(f.errorEl);
      }
      if (!violations.length) {
        summary.hidden = true;
        mount(summary);
        return;
      }
      const items = [];
      for (const v of violations) {
        const f = fields.get(v.field) || fields.get(parentPath(v.field));
        const message = say(v.message);
        if (f) {
          f.control.setAttribute('aria-invalid', 'true');
          f.errorEl.append(h('span', { class: 'error' }, message));
          items.push(h('li', null, h('button', { type: 'button', class: 'link', onclick: () => focusControl(f.control) },
            f.label + ': ' + message)));
        } else {
          items.push(h('li', null, (v.field ? v.field + ': ' : '') + message));
        }
      }
      mount(summary, h('strong', null, intro), h('ul', null, items));
      summary.hidden = false;
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    },
  };
}

// documents[1].provision → documents; answers.x.y → answers.x
function parentPath(path) {
  if (!path) return path;
  const cut = path.replace(/\[\d+\](\.[^.]*)?$/, '');
  if (cut !== path) return cut;
  return path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : path;
}

function focusControl(control) {
  const target = control.matches('fieldset') ? control.querySelector('input, select, textarea') : control;
  (target || control).focus();
}

/** A labelled text-like input. opts: {type, required, hint, attrs, value, multiline}. */
export function input(set, path, label, opts = {}) {
  const id = idFor(path);
  const hintId = opts.hint ? id + '-hint' : null;
  const errId = id + '-err';
  const attrs = {
    id, name: path, type: opts.multiline ? undefined : (opts.type || 'text'), required: !!opts.required,
    'aria-describedby': [hintId, errId].filter(Boolean).join(' '), value: opts.value ?? '', ...(opts.attrs || {}),
  };
  const control = opts.multiline ? h('textarea', attrs) : h('input', attrs);
  const err = h('span', { id: errId });
  set.add(path, label, control, err);
  return h('div', { class: 'field' },
    h('label', { for: id }, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control, opts.hint ? h('span', { class: 'hint', id: hintId }, opts.hint) : null, err);
}

/** A labelled select. options: [[value, text]]. */
export function select(set, path, label, options, opts = {}) {
  const id = idFor(path);
  const errId = id + '-err';
  const control = h('select', { id, name: path, required: !!opts.required, 'aria-describedby': errId },
    options.map(([v, t]) => h('option', { value: v, selected: String(opts.value ?? '') === String(v) }, t)));
  const err = h('span', { id: errId });
  set.add(path, label, control, err);
  return h('div', { class: 'field' },
    h('label', { for: id }, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control, opts.hint ? h('span', { class: 'hint' }, opts.hint) : null, err);
}

/** A group of radio buttons or checkboxes with a legend. options: [[value, text]]. */
export function choices(set, path, label, options, opts = {}) {
  const name = idFor(path);
  const errId = name + '-err';
  const hintId = opts.hint ? name + '-hint' : null;
  const type = opts.multiple ? 'checkbox' : 'radio';
  const chosen = new Set([].concat(opts.value ?? []).map(String));
  const group = h('fieldset', { class: 'inline', 'aria-describedby': [hintId, errId].filter(Boolean).join(' ') },
    h('legend', null, label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    h('div', { class: 'choices' }, options.map(([v, t], i) => {
      const id = name + '-' + i;
      return h('div', { class: 'choice' },
        h('input', { type, id, name, value: v, checked: chosen.has(String(v)) }),
        h('label', { for: id }, t));
    })),
    opts.hint ? h('span', { class: 'hint', id: hintId }, opts.hint) : null);
  const err = h('span', { id: errId });
  group.append(err);
  set.add(path, label, group, err);
  return group;
}

export function checkedValues(group) {
  return [...group.querySelectorAll('input:checked')].map((i) => i.value);
}

function range(lo, hi, unit) {
  if (lo != null && hi != null) return `${lo}–${hi}${unit}`;
  if (lo != null) return `paling sedikit ${lo}${unit}`;
  if (hi != null) return `paling banyak ${hi}${unit}`;
  return null;
}

/** Hints as sentences: "1–100 karakter. Tidak sesudah hari ini". */
function sentences(hints) {
  return hints.map((t) => t.charAt(0).toUpperCase() + t.slice(1)).join('. ');
}

/** The control of one of the service's typed fields, prefilled with value. */
export function serviceField(set, field, value) {
  const path = 'answers.' + field.key;
  const required = !!field.required;
  const hints = [];
  if (field.hint) hints.push(field.hint);
  const options = (field.options ?? []).map((o) => [o, words(o)]);
  switch (field.type) {
    case 'TEXT':
    case 'LONG_TEXT': {
      const max = field.maxLength ?? (field.type === 'TEXT' ? TEXT_MAX : LONG_TEXT_MAX);
      const limits = range(field.minLength || null, max, ' karakter');
      if (limits) hints.push(limits);
      return input(set, path, field.label, {
        required, multiline: field.type === 'LONG_TEXT', value: value ?? '', hint: sentences(hints),
        attrs: { maxlength: max, minlength: field.minLength || undefined },
      });
    }
    case 'NUMBER': {
      const limits = range(field.min ?? null, field.max ?? null, '');
      if (limits) hints.push(limits);
      return input(set, path, field.label, {
        type: 'number', required, value: value ?? '', hint: sentences(hints),
        attrs: { min: field.min ?? undefined, max: field.max ?? undefined, step: 'any', inputmode: 'decimal' },
      });
    }
    case 'DATE': {
      const limits = field.minDate && field.maxDate ? `${field.minDate} s.d. ${field.maxDate}`
        : field.minDate ? `tidak sebelum ${field.minDate}` : field.maxDate ? `tidak sesudah ${field.maxDate}` : null;
      if (limits) hints.push(limits);
      if (field.notAfterToday) hints.push('tidak sesudah hari ini');
      return input(set, path, field.label, {
        type: 'date', required, value: value ?? '', hint: sentences(hints),
        attrs: { min: field.minDate ?? EARLIEST_DATE, max: field.maxDate ?? LATEST_DATE },
      });
    }
    case 'BOOLEAN':
      return choices(set, path, field.label, [['true', 'Ya'], ['false', 'Tidak']],
        { required, value: value === undefined || value === null ? [] : String(value), hint: sentences(hints) || null });
    case 'SINGLE_CHOICE':
      return select(set, path, field.label, [['', '— pilih —'], ...options], { required, value, hint: sentences(hints) || null });
    case 'MULTI_CHOICE': {
      const limits = range(field.min ?? null, field.max ?? null, ' pilihan');
      if (limits) hints.push('Pilih ' + limits);
      return choices(set, path, field.label, options, { multiple: true, required, value: value ?? [], hint: sentences(hints) || null });
    }
    default:
      return input(set, path, field.label, { required, value: value ?? '', hint: sentences(hints) });
  }
}

/** Reads a field's answer as the service expects it; undefined when empty. */
export function readField(set, field) {
  const { control } = set.get('answers.' + field.key);
  switch (field.type) {
    case 'NUMBER': {
      const raw = control.value.trim();
      if (raw === '') return control.validity && control.validity.badInput ? NaN : undefined;
      return Number(raw);
    }
    case 'BOOLEAN': {
      const v = checkedValues(control)[0];
      return v === undefined ? undefined : v === 'true';
    }
    case 'MULTI_CHOICE': {
      const v = checkedValues(control);
      return v.length ? v : undefined;
    }
    default: {
      const v = control.value;
      return v.trim() === '' ? undefined : v;
    }
  }
}

/** The service's own checks of one answer (AnswerValidator); a message or null. */
export function checkField(field, value, partial = false) {
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
    || (Array.isArray(value) && value.length === 0);
  if (empty) return field.required && !partial ? 'Wajib diisi' : null;
  switch (field.type) {
    case 'TEXT':
    case 'LONG_TEXT': {
      const bad = checkText(value);
      if (bad) return bad;
      const n = value.trim().length; // UTF-16 units, as the service counts
      const max = field.maxLength ?? (field.type === 'TEXT' ? TEXT_MAX : LONG_TEXT_MAX);
      if (field.minLength != null && n < field.minLength) return `Paling sedikit ${field.minLength} karakter`;
      if (n > max) return `Paling banyak ${max} karakter`;
      return null;
    }
    case 'NUMBER':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Harus angka';
      if (field.min != null && value < Number(field.min)) return `Paling kecil ${field.min}`;
      if (field.max != null && value > Number(field.max)) return `Paling besar ${field.max}`;
      return null;
    case 'DATE': {
      // notAfterToday is the service's to judge: "today" is the kabupaten's, and this device's clock may be wrong
      const bad = checkDate(value);
      if (bad) return bad;
      if (field.minDate && value < field.minDate) return `Tidak boleh sebelum ${field.minDate}`;
      if (field.maxDate && value > field.maxDate) return `Tidak boleh sesudah ${field.maxDate}`;
      return null;
    }
    case 'SINGLE_CHOICE':
      return (field.options ?? []).includes(value) ? null : 'Pilih salah satu';
    case 'MULTI_CHOICE':
      if (field.min != null && value.length < Number(field.min)) return `Pilih paling sedikit ${field.min}`;
      if (field.max != null && value.length > Number(field.max)) return `Pilih paling banyak ${field.max}`;
      return null;
    default:
      return null;
  }
}

/** Province codes a NIK can begin with: those that exist or have been issued since NIKs exist (NikRules). */
const PROVINCES = new Set([11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
  71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96]);

/**
 * NikRules: 16 digits, a province that exists or existed, kabupaten and kecamatan other than 00, a real birth
 * date in digits 7–12 (women: day + 40), a serial other than 0000. Never the current region list: a NIK keeps
 * the kecamatan of its first issue for life.
 */
export function checkNik(nik) {
  if (!/^\d{16}$/.test(nik)) return 'Harus 16 angka';
  if (!PROVINCES.has(Number(nik.slice(0, 2)))) return `2 angka pertama harus kode provinsi; ${nik.slice(0, 2)} bukan kode provinsi`;
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00') return 'Angka ke-3 sampai 6 harus kode kabupaten dan kecamatan; 00 tidak ada';
  let d = Number(nik.slice(6, 8));
  const m = Number(nik.slice(8, 10));
  const y = Number(nik.slice(10, 12));
  if (d > 40) d -= 40;
  const real = (year) => {
    const t = new Date(Date.UTC(year, m - 1, d));
    return m >= 1 && m <= 12 && d >= 1 && t.getUTCFullYear() === year && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  };
  if (!real(1900 + y) && !real(2000 + y)) return 'Angka ke-7 sampai 12 harus tanggal lahir yang sah (DDMMYY; perempuan: tanggal + 40)';
  if (nik.endsWith('0000')) return '4 angka terakhir tidak boleh 0000';
  return null;
}

/** InputRules: no NUL, no control characters other than tab and line breaks, no broken surrogate pairs. */
export function checkText(text) {
  if (typeof text !== 'string') return null;
  if (text.includes('\u0000')) return 'Tidak boleh berisi karakter kosong (NUL)';
  if (/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) return 'Tidak boleh berisi karakter kendali';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return 'Berisi karakter yang rusak; ketik ulang';
  return null;
}

/** Dates of any record lie between these (InputRules). */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2200-12-31';

/** A date YYYY-MM-DD that exists and lies in the range of any record; a message or null. */
export function checkDate(value) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Harus tanggal yang sah';
  const t = new Date(value + 'T00:00:00Z');
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== value) return 'Harus tanggal yang sah';
  if (value < EARLIEST_DATE || value > LATEST_DATE) return `Harus antara ${EARLIEST_DATE} dan ${LATEST_DATE}`;
  return null;
}

/** PhoneNumbers: an Indonesian mobile number, 08…, 628… or +628…. */
export function checkPhone(phone) {
  let digits = phone.replace(/[\s().-]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('0')) digits = '62' + digits.slice(1);
  return /^628\d{8,11}$/.test(digits) ? null : 'Harus nomor HP Indonesia: 08…, 628… atau +628…';
}
