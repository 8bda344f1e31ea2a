// The one door to the service. It keeps the access token in this module's memory only: never in
// localStorage, sessionStorage, IndexedDB or a cookie, so it is gone on logout, on reload and when the
// tab closes, and the next user of a shared desa PC cannot find it. It also sends Idempotency-Keys and
// If-Match / If-None-Match, turns problem+json into ApiError, and reads every list page the same way.

const BASE = '/api/v1';

let token = null;
let expiryTimer = null;
const endListeners = [];

/** An answer of the service that is not a success; problem is its RFC 9457 body. */
export class ApiError extends Error {
  constructor(status, problem) {
    const p = problem && typeof problem === 'object' ? problem : {};
    super(p.detail || p.title || 'HTTP ' + status);
    this.status = status;
    this.problem = p;
    this.code = p.code || null;
    this.violations = Array.isArray(p.violations) ? p.violations : [];
  }
}

/** No answer at all: offline, or the connection broke. The call may or may not have reached the service. */
export class OfflineError extends Error {}

/** A key no other filing of this device will ever use; only characters the service accepts. */
export function newKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function hasSession() {
  return token !== null;
}

/** fn(reason) runs when the session ends: 'logout', 'idle', 'expired'. */
export function onSessionEnd(fn) {
  endListeners.push(fn);
}

function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * One call. Resolves to {status, etag, data, location}; a 304 resolves with data null. Rejects with
 * ApiError for an error answer and OfflineError when no answer came.
 */
export async function call(method, path, { body, params, ifMatch, ifNoneMatch, key, auth = true, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && token) headers.Authorization = 'Bearer ' + token;
  if (ifMatch) headers['If-Match'] = ifMatch;
  if (ifNoneMatch) headers['If-None-Match'] = ifNoneMatch;
  if (key) headers['Idempotency-Key'] = key;
  let res;
  try {
    res = await fetch(BASE + path + query(params), {
      method, headers, signal, cache: 'no-store', credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new OfflineError('Tidak tersambung ke server');
  }
  const etag = res.headers.get('ETag');
  if (res.status === 304) return { status: 304, etag, data: null, location: null };
  const type = res.headers.get('Content-Type') || '';
  const data = res.status === 204 || !type.includes('json') ? null : await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && auth && token) end('expired');
    throw new ApiError(res.status, data);
  }
  return { status: res.status, etag, data, location: res.headers.get('Location') };
}

export async function get(path, params) {
  return (await call('GET', path, { params })).data;
}

/** The ETag a change needs in If-Match: the header when sent, else the version in the body. */
export function etagOf(result) {
  if (result.etag) return result.etag;
  const v = result.data && result.data.version;
  return v === undefined || v === null ? null : '"' + v + '"';
}

/**
 * One page of any list: a bare array (older catalog lists), {items, next} or {items, nextCursor};
 * next null and next absent both mean the last page.
 */
export function page(data) {
  if (Array.isArray(data)) return { items: data, next: null };
  const items = data && Array.isArray(data.items) ? data.items : [];
  const next = data ? (data.next ?? data.nextCursor ?? null) : null;
  return { items, next };
}

/**
 * Paging parameters for any list: `cursor`, the rule for every list. While the account list still reads
 * its numeric `after`, a numeric cursor goes there too; a list ignores the parameter it does not know.
 */
export function paging(cursor, limit = 20) {
  if (!cursor) return { limit };
  return /^\d+$/.test(cursor) ? { cursor, after: cursor, limit } : { cursor, limit };
}

/** Every item of a list, page after page (small admin lists: OPDs, rules, catalog). */
export async function all(path, params = {}) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const p = page(await get(path, { ...params, ...paging(cursor, 100) }));
    items.push(...p.items);
    if (!p.next) break;
    cursor = p.next;
  }
  return items;
}

export async function login(username, password) {
  const { data } = await call('POST', '/auth/login', { body: { username, password }, auth: false });
  token = data.accessToken;
  clearTimeout(expiryTimer);
  const left = Date.parse(data.expiresAt) - Date.now();
  if (left > 0) expiryTimer = setTimeout(() => end('expired'), Math.min(left, 2 ** 31 - 1));
  return data;
}

/**
 * Ends the session: tells the service when it offers a logout (404 or 405 means this service has none;
 * the token then simply dies with this page), and forgets the token in any case.
 */
export async function logout(reason = 'logout') {
  const t = token;
  token = null;
  clearTimeout(expiryTimer);
  if (t) {
    try {
      await fetch(BASE + '/auth/logout', {
        method: 'POST', cache: 'no-store', credentials: 'omit',
        headers: { Authorization: 'Bearer ' + t, Accept: 'application/json, application/problem+json' },
      });
    } catch {
      // offline: the token is forgotten here all the same
    }
  }
  for (const fn of endListeners) fn(reason);
}

function end(reason) {
  if (!token) return;
  token = null;
  clearTimeout(expiryTimer);
  for (const fn of endListeners) fn(reason);
}

/** Server messages are English; the most common ones in Bahasa Indonesia, the rest as they come. */
const MESSAGES = [
  [/^is required$/, () => 'Wajib diisi'],
  [/^must not be blank$|^must not be null$/, () => 'Wajib diisi'],
  [/^must be 16 digits$/, () => 'Harus 16 angka'],
  [/^must be at least (\S+) characters$/, (m) => `Paling sedikit ${m[1]} karakter`],
  [/^must be at most (\S+) characters$/, (m) => `Paling banyak ${m[1]} karakter`],
  [/^must be at least (\S+)$/, (m) => `Paling kecil ${m[1]}`],
  [/^must be at most (\S+)$/, (m) => `Paling besar ${m[1]}`],
  [/^must be a number$/, () => 'Harus angka'],
  [/^must be text$/, () => 'Harus teks'],
  [/^must be true or false$/, () => 'Pilih Ya atau Tidak'],
  [/^must be a date YYYY-MM-DD$/, () => 'Harus tanggal yang sah'],
  [/^must be on or after (\S+)$/, (m) => `Tidak boleh sebelum ${m[1]}`],
  [/^must be on or before (\S+)$/, (m) => `Tidak boleh sesudah ${m[1]}`],
  [/^must be one of (.*)$/, (m) => `Harus salah satu dari: ${m[1]}`],
  [/^must have at least (\d+) choices$/, (m) => `Pilih paling sedikit ${m[1]}`],
  [/^must have at most (\d+) choices$/, (m) => `Pilih paling banyak ${m[1]}`],
  [/^mandatory document (\S+) is not declared$/, (m) => `Dokumen wajib ${m[1]} belum ditandai`],
  [/^a mandatory document must be ATTACHED or ON_PAPER$/, () => 'Dokumen wajib harus dilampirkan atau dibawa'],
  [/^a mandatory document must be ATTACHED or ON_PAPER, unless one of its alternatives (.+) is$/, (m) => `Dokumen wajib harus dilampirkan atau dibawa, atau penggantinya: ${m[1]}`],
  [/^must be an Indonesian mobile number/, () => 'Harus nomor HP Indonesia: 08…, 628… atau +628…'],
  [/^must contain a letter$/, () => 'Harus ada huruf'],
  [/^must contain a digit$/, () => 'Harus ada angka'],
  [/^must not be the username$/, () => 'Tidak boleh sama dengan nama pengguna'],
  [/^must not be the current password$/, () => 'Tidak boleh sama dengan kata sandi sekarang'],
  [/^is not the account's password$/, () => 'Kata sandi sekarang salah'],
  [/^a document required when (\S+) is (.+) must be ATTACHED or ON_PAPER/, (m) => `Dokumen ini wajib bila ${m[1]} ${m[2]}: lampirkan atau bawa`],
  [/^document (\S+)(?: \(or (.+)\))? is required when (\S+) is (.+) and is not declared$/, (m) => `Dokumen ${m[1]}${m[2] ? ' (atau ' + m[2] + ')' : ''} wajib bila ${m[3]} ${m[4]}`],
  [/^mandatory document (\S+) \(or (.+)\) is not declared$/, (m) => `Dokumen wajib ${m[1]} (atau ${m[2]}) belum ditandai`],
  [/^digits 7 to 12 must be a real birth date/, () => 'Angka ke-7 sampai 12 harus tanggal lahir yang sah (DDMMYY; perempuan: tanggal + 40)'],
  [/^the serial \(last 4 digits\) must not be 0000$/, () => '4 angka terakhir tidak boleh 0000'],
  [/^digits 1 to 6 must be a kecamatan code; (\S+) is not one$/, (m) => `6 angka pertama harus kode kecamatan; ${m[1]} tidak dikenal`],
  [/^digits 1 and 2 must be a province code; (\S+) is none$/, (m) => `2 angka pertama harus kode provinsi; ${m[1]} tidak dikenal`],
  [/^digits 3 to 6 must be a kabupaten and kecamatan code; 00 is none$/, () => 'Angka ke-3 sampai 6 harus kode kabupaten dan kecamatan, bukan 00'],
];

export function say(message) {
  const text = String(message ?? '');
  for (const [re, fn] of MESSAGES) {
    const m = text.match(re);
    if (m) return fn(m);
  }
  return text;
}

/** One sentence for the officer about any failure. */
export function explain(error) {
  if (error instanceof OfflineError) return 'Tidak tersambung ke server. Periksa sambungan internet lalu coba lagi.';
  if (!(error instanceof ApiError)) return 'Terjadi kesalahan: ' + (error && error.message ? error.message : error);
  switch (error.status) {
    case 400: return error.violations.length ? 'Ada isian yang perlu diperbaiki.' : 'Permintaan tidak sah: ' + say(error.message);
    case 401: return 'Sesi berakhir. Silakan masuk lagi.';
    case 403: return 'Anda tidak berwenang melakukan ini.';
    case 404: return 'Tidak ditemukan.';
    case 409: return error.code === 'IDEMPOTENCY_IN_FLIGHT' ? 'Permintaan yang sama masih diproses; coba sebentar lagi.'
      : 'Tidak bisa dilakukan pada keadaan sekarang: ' + say(error.message);
    case 412: return 'Data ini baru saja diubah orang lain. Tampilan sudah dimuat ulang; periksa lalu ulangi.';
    case 428: return 'Versi data tidak dikirim; muat ulang lalu ulangi.';
    case 429: return 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.';
    default: return error.status >= 500 ? 'Server sedang bermasalah. Coba lagi nanti.' : say(error.message);
  }
}
