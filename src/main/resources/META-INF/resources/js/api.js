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
  constructor(status, problem, retryAfter = null) {
    const p = problem && typeof problem === 'object' ? problem : {};
    super(p.detail || p.title || 'HTTP ' + status);
    this.status = status;
    this.problem = p;
    this.code = p.code || null;
    this.violations = Array.isArray(p.violations) ? p.violations : [];
    /** Seconds the service asks to wait (Retry-After of a 429 or 503), or null. */
    this.retryAfter = retryAfter;
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

/** Retry-After in seconds (the service sends seconds; an HTTP date is read too). */
function retryAfterOf(res) {
  const v = res.headers.get('Retry-After');
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1000));
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
  const sentWith = token;
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
    // only the token this call carried has ended: a newer login (after a logout meanwhile) stands
    if (res.status === 401 && auth && sentWith && sentWith === token) end('expired');
    throw new ApiError(res.status, data, retryAfterOf(res));
  }
  return { status: res.status, etag, data, location: res.headers.get('Location') };
}

/**
 * Sends one file as multipart/form-data in the part `file`, with an Idempotency-Key: a retry after a lost answer
 * attaches once. Resolves to the service's answer (the file it keeps); rejects like call().
 */
export async function upload(path, file, key) {
  const form = new FormData();
  form.append('file', file, file.name || 'berkas');
  return send('POST', BASE + path, { body: form, key });
}

/**
 * A protected file (an attachment, the result document, the receipt, the audit trail as CSV) as a Blob: it needs
 * the Authorization header, so it cannot be a plain link. `address` is the service's href (/api/v1/...) or a path
 * under it; `accept` the types wanted.
 */
export async function blob(address, params, accept = 'application/pdf, image/jpeg, image/png') {
  const url = (address.startsWith(BASE + '/') ? address : BASE + address) + query(params);
  const headers = { Accept: accept + ', application/problem+json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const sentWith = token;
  let res;
  try {
    res = await fetch(url, { headers, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new OfflineError('Tidak tersambung ke server');
  }
  if (!res.ok) {
    const data = (res.headers.get('Content-Type') || '').includes('json') ? await res.json().catch(() => null) : null;
    if (res.status === 401 && sentWith && sentWith === token) end('expired');
    throw new ApiError(res.status, data, retryAfterOf(res));
  }
  return res.blob();
}

/**
 * Sends text as the body in the given type (a CSV as text/csv), with an Idempotency-Key. Resolves to the
 * service's answer; rejects like call().
 */
export async function postText(path, text, type, key) {
  return send('POST', BASE + path, { body: text, key, contentType: type });
}

async function send(method, url, { body, key, contentType }) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (token) headers.Authorization = 'Bearer ' + token;
  if (key) headers['Idempotency-Key'] = key;
  const sentWith = token;
  let res;
  try {
    res = await fetch(url, { method, headers, body, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new OfflineError('Tidak tersambung ke server');
  }
  const type = res.headers.get('Content-Type') || '';
  const data = res.status === 204 || !type.includes('json') ? null : await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && sentWith && sentWith === token) end('expired');
    throw new ApiError(res.status, data, retryAfterOf(res));
  }
  return data;
}

export async function get(path, params) {
  return (await call('GET', path, { params })).data;
}

/**
 * Answers this session has read, with their ETags, so that reading them again costs a 304 without a body
 * (the desa's list, a request) on a slow link. Memory only, like the token, and forgotten with the session.
 */
const seen = new Map();
const SEEN_MAX = 40;

/**
 * A GET that sends If-None-Match when this session read the same address before. Resolves to
 * {data, etag, changed}: changed is false when the service answered 304 and data is what was read before.
 */
export async function fresh(path, params) {
  const at = path + query(params);
  const before = seen.get(at);
  const res = await call('GET', path, { params, ifNoneMatch: before ? before.etag : null });
  if (res.status === 304 && before) {
    seen.delete(at);
    seen.set(at, before);
    return { data: before.data, etag: before.etag, changed: false };
  }
  if (res.status === 304) {
    // a 304 to a question without If-None-Match (a proxy's doing): read it whole, once
    const whole = await call('GET', path, { params });
    return { data: whole.data, etag: whole.etag, changed: true };
  }
  seen.delete(at);
  if (res.etag) {
    seen.set(at, { etag: res.etag, data: res.data });
    while (seen.size > SEEN_MAX) seen.delete(seen.keys().next().value);
  }
  return { data: res.data, etag: res.etag, changed: true };
}

/** The ETag a change needs in If-Match: the header when sent, else the version in the body. */
export function etagOf(result) {
  if (result.etag) return result.etag;
  const v = result.data && result.data.version;
  return v === undefined || v === null ? null : '"' + v + '"';
}

/**
 * One page of any list: {items, next}, next absent on the last page. The kabupaten's setup lists (service
 * types, OPDs, routing rules, holidays) are small and come whole, as an array.
 */
export function page(data) {
  if (Array.isArray(data)) return { items: data, next: null };
  const items = data && Array.isArray(data.items) ? data.items : [];
  const next = data && typeof data.next === 'string' && data.next ? data.next : null;
  return { items, next };
}

/** Paging parameters of every list. */
export function paging(cursor, limit = 20) {
  return cursor ? { cursor, limit } : { limit };
}

/** Every item of a list, page after page, or the whole array of a setup list. */
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

/** Tokens whose logout did not reach the service (offline): sent again when the connection returns. */
const unsentLogouts = [];

/**
 * Ends the session: the page forgets the token and what it read at once, and the service is told
 * (POST /auth/logout, 204), so that the token stops working everywhere, also where a copy of it might be.
 * The screen does not wait for that answer: on a slow link logging out is still immediate. Without a
 * connection the logout is sent when the connection returns, as long as the page is open.
 */
export function logout(reason = 'logout') {
  const t = token;
  end(reason);
  if (t) sendLogout(t);
}

function sendLogout(t) {
  fetch(BASE + '/auth/logout', {
    method: 'POST', cache: 'no-store', credentials: 'omit', keepalive: true,
    headers: { Authorization: 'Bearer ' + t, Accept: 'application/json, application/problem+json' },
  }).then((res) => {
    // 5xx: the service could not end it now; try again with the next connection event
    if (res.status >= 500) unsentLogouts.push(t);
  }, () => unsentLogouts.push(t));
}

window.addEventListener('online', () => {
  for (const t of unsentLogouts.splice(0)) sendLogout(t);
});

function end(reason) {
  if (!token) return;
  token = null;
  seen.clear();
  clearTimeout(expiryTimer);
  for (const fn of endListeners) fn(reason);
}

/** Server messages are English; those a form can show, in Bahasa Indonesia; the rest as they come. */
const MESSAGES = [
  [/^is required$/, () => 'Wajib diisi'],
  [/^must not be blank$|^must not be null$|^must not be empty$/, () => 'Wajib diisi'],
  [/^must be 16 digits$/, () => 'Harus 16 angka'],
  [/^must be at least (\S+) characters$/, (m) => `Paling sedikit ${m[1]} karakter`],
  [/^must be at most (\S+) characters$/, (m) => `Paling banyak ${m[1]} karakter`],
  [/^must be at least (\S+)$/, (m) => `Paling kecil ${m[1]}`],
  [/^must be at most (\S+)$/, (m) => `Paling besar ${m[1]}`],
  [/^must be between (\S+) and (\S+)$/, (m) => `Harus antara ${m[1]} dan ${m[2]}`],
  [/^must be a number$/, () => 'Harus angka'],
  [/^is too large$/, () => 'Angka terlalu besar'],
  [/^has too many decimal places$/, () => 'Terlalu banyak angka di belakang koma'],
  [/^must be text$/, () => 'Harus teks'],
  [/^must be true or false$/, () => 'Pilih Ya atau Tidak'],
  [/^must be a date YYYY-MM-DD$/, () => 'Harus tanggal yang sah'],
  [/^must not be after today \((\S+)\)$/, (m) => `Tidak boleh sesudah hari ini (${m[1]})`],
  [/^must be on or after (\S+)$/, (m) => `Tidak boleh sebelum ${m[1]}`],
  [/^must be on or before (\S+)$/, (m) => `Tidak boleh sesudah ${m[1]}`],
  [/^must be one of (.*)$/, (m) => `Harus salah satu dari: ${m[1]}`],
  [/^every choice must be one of (.*)$/, (m) => `Setiap pilihan harus salah satu dari: ${m[1]}`],
  [/^must not repeat (.*)$/, (m) => `${m[1]} dipilih dua kali`],
  [/^must be a list of choices$/, () => 'Harus daftar pilihan'],
  [/^must have at least (\d+) choices$/, (m) => `Pilih paling sedikit ${m[1]}`],
  [/^must have at most (\d+) choices$/, (m) => `Pilih paling banyak ${m[1]}`],
  [/^must not contain the NUL character$/, () => 'Tidak boleh berisi karakter kosong (NUL)'],
  [/^must not contain control characters/, () => 'Tidak boleh berisi karakter kendali'],
  [/^must be valid Unicode text/, () => 'Berisi karakter yang rusak; ketik ulang'],
  [/^is not a field of this service$/, () => 'Bukan isian layanan ini'],
  [/^is not a document of this service$/, () => 'Bukan dokumen layanan ini'],
  [/^is declared twice$/, () => 'Ditandai dua kali'],
  [/^is not open for filing$/, () => 'Layanan ini sedang ditutup'],
  [/^mandatory document (\S+) is not declared$/, (m) => `Dokumen wajib ${m[1]} belum ditandai`],
  [/^a mandatory document must be ATTACHED or ON_PAPER$/, () => 'Dokumen wajib harus dilampirkan atau dibawa'],
  [/^a mandatory document must be ATTACHED or ON_PAPER, unless one of its alternatives (.+) is$/, (m) => `Dokumen wajib harus dilampirkan atau dibawa, atau penggantinya: ${m[1]}`],
  [/^must be an Indonesian mobile number/, () => 'Harus nomor HP Indonesia: 08…, 628… atau +628…'],
  [/^digits 1 and 2 must be a province code; (\S+) is none$/, (m) => `2 angka pertama harus kode provinsi; ${m[1]} bukan kode provinsi`],
  [/^digits 3 to 6 must be a kabupaten and kecamatan code/, () => 'Angka ke-3 sampai 6 harus kode kabupaten dan kecamatan; 00 tidak ada'],
  [/^digits 7 to 12 must be a real birth date/, () => 'Angka ke-7 sampai 12 harus tanggal lahir yang sah (DDMMYY; perempuan: tanggal + 40)'],
  [/^the serial \(last 4 digits\) must not be 0000$/, () => '4 angka terakhir tidak boleh 0000'],
  [/^must contain a digit$/, () => 'Harus ada angka'],
  [/^must contain a letter$/, () => 'Harus ada huruf'],
  [/^must not be the username$/, () => 'Tidak boleh sama dengan nama pengguna'],
  [/^must be 3 to 60 letters/, () => '3–60 huruf, angka, titik, tanda hubung atau garis bawah, diawali huruf atau angka'],
  [/^is not a desa of kabupaten/, () => 'Bukan desa di kabupaten ini'],
  [/^is not an OPD of (this )?kabupaten/, () => 'Bukan OPD kabupaten ini'],
  [/^is an inactive OPD$/, () => 'OPD ini nonaktif'],
  [/^is the OPD that has the request now$/, () => 'Permohonan sudah berada di OPD ini'],
  [/^is required for a DESA_OFFICER$/, () => 'Wajib untuk petugas desa'],
  [/^is required for an OPD_OFFICER$/, () => 'Wajib untuk petugas OPD'],
  [/^is only for a DESA_OFFICER$/, () => 'Hanya untuk petugas desa'],
  [/^is only for an OPD_OFFICER$/, () => 'Hanya untuk petugas OPD'],
  [/^must not be the current password$/, () => 'Tidak boleh sama dengan kata sandi sekarang'],
  [/^is not the account's password$/, () => 'Kata sandi sekarang salah'],
  [/^a document required when (\S+) is (.+) must be ATTACHED or ON_PAPER/, (m) => `Dokumen ini wajib bila ${m[1]} ${m[2]}: lampirkan atau bawa`],
  [/^document (\S+)(?: \(or (.+)\))? is required when (\S+) is (.+) and is not declared$/, (m) => `Dokumen ${m[1]}${m[2] ? ' (atau ' + m[2] + ')' : ''} wajib bila ${m[3]} ${m[4]}`],
  [/^mandatory document (\S+) \(or (.+)\) is not declared$/, (m) => `Dokumen wajib ${m[1]} (atau ${m[2]}) belum ditandai`],
  [/^digits 1 to 6 must be a kecamatan code; (\S+) is not one$/, (m) => `6 angka pertama harus kode kecamatan; ${m[1]} tidak dikenal`],
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

/** "8 detik", "3 menit": how long the service asks to wait. */
export function waitText(seconds) {
  const s = Math.max(1, Math.round(Number(seconds) || 1));
  if (s < 90) return s + ' detik';
  if (s < 5400) return Math.round(s / 60) + ' menit';
  return Math.round(s / 3600) + ' jam';
}

const STATUS_WORDS = {
  SUBMITTED: 'Diajukan', IN_PROGRESS: 'Diproses', NEEDS_INFO: 'Perlu dilengkapi',
  COMPLETED: 'Selesai', REJECTED: 'Ditolak', CANCELLED: 'Dibatalkan',
};

/** The service's problem codes (a closed list), in the officer's words; p is the problem, e the ApiError. */
const CODES = {
  VALIDATION_FAILED: (e) => (e.violations.length ? 'Ada isian yang perlu diperbaiki.' : 'Isian tidak sah: ' + say(e.message)),
  MALFORMED_JSON: () => 'Server tidak dapat membaca kiriman ini. Muat ulang halaman lalu ulangi.',
  EMPTY_BODY: () => 'Server tidak menerima isian apa pun. Muat ulang halaman lalu ulangi.',
  BAD_REQUEST: () => 'Server tidak dapat membaca permintaan ini. Muat ulang halaman lalu ulangi.',
  INVALID_PARAMETER: () => 'Saringan atau alamat halaman tidak sah. Periksa isian saringan.',
  UNAUTHENTICATED: () => 'Sesi berakhir. Silakan masuk lagi.',
  INVALID_CREDENTIALS: () => 'Nama pengguna atau kata sandi salah, atau akun nonaktif.',
  FORBIDDEN: () => 'Anda tidak berwenang melakukan ini.',
  NOT_FOUND: () => 'Tidak ditemukan (atau di luar wilayah Anda).',
  METHOD_NOT_ALLOWED: () => 'Aplikasi ini tidak cocok dengan versi server. Muat ulang halaman.',
  NOT_ACCEPTABLE: () => 'Aplikasi ini tidak cocok dengan versi server. Muat ulang halaman.',
  UNSUPPORTED_MEDIA_TYPE: () => 'Aplikasi ini tidak cocok dengan versi server. Muat ulang halaman.',
  INVALID_TRANSITION: (e) => 'Tidak bisa dilakukan pada status permohonan sekarang'
    + (e.problem.currentStatus ? ' (' + (STATUS_WORDS[e.problem.currentStatus] || e.problem.currentStatus) + ')' : '') + '.',
  NOT_IN_YOUR_QUEUE: () => 'Permohonan ini sudah berada di antrean OPD lain.',
  LEASE_HELD_BY_ANOTHER: () => 'Permohonan ini sedang diambil sistem OPD (mis. SIAK). Tunggu sampai dikembalikan ke antrean.',
  LEASE_EXPIRED: () => 'Waktu ambil permohonan ini sudah habis; permohonan kembali ke antrean.',
  IDEMPOTENCY_IN_FLIGHT: () => 'Permintaan yang sama masih diproses; coba sebentar lagi.',
  IDEMPOTENCY_KEY_UNREADABLE: () => 'Jawaban kiriman sebelumnya tidak dapat dibaca lagi. Periksa daftar sebelum mengulang.',
  IDEMPOTENCY_KEY_REUSED: () => 'Kiriman ini sudah dipakai untuk isian lain. Muat ulang lalu ulangi.',
  DUPLICATE_CODE: () => 'Kode itu sudah dipakai di kabupaten ini.',
  DUPLICATE_RULE: () => 'Aturan untuk layanan dan wilayah itu sudah ada.',
  DUPLICATE_HOLIDAY: () => 'Tanggal itu sudah hari libur.',
  USERNAME_TAKEN: () => 'Nama pengguna sudah dipakai.',
  OWN_ACCOUNT: () => 'Admin tidak dapat melakukan ini pada akunnya sendiri.',
  NO_LOCAL_SESSION: () => 'Anda masuk lewat penyedia identitas lain; keluar di sana.',
  SERVICE_TYPE_IN_USE: () => 'Layanan ini sudah dipakai permohonan.',
  OPD_IN_USE: () => 'OPD ini masih dirujuk data lain.',
  TRIAGE_REQUIRED: () => 'Kabupaten harus tetap punya satu OPD triase aktif.',
  TRIAGE_CONFLICT: () => 'OPD lain baru saja dijadikan OPD triase. Muat ulang.',
  NO_TRIAGE_OPD: () => 'Tidak ada aturan yang cocok dan kabupaten tidak punya OPD triase aktif. Hubungi admin kabupaten.',
  STALE_VERSION: () => 'Data ini baru saja diubah orang lain. Tampilan sudah dimuat ulang; periksa lalu ulangi.',
  PAYLOAD_TOO_LARGE: () => 'Isian terlalu besar untuk dikirim. Persingkat teks yang panjang.',
  FILE_EMPTY: () => 'Berkas kosong. Pilih berkas lain.',
  FILE_TYPE_NOT_ACCEPTED: () => 'Jenis berkas tidak diterima. Kirim PDF, JPEG atau PNG (dokumen hasil: PDF).',
  FILE_TYPE_MISMATCH: () => 'Isi berkas tidak sesuai dengan jenis atau akhiran namanya (mis. .pdf yang bukan PDF). Pilih berkas yang benar.',
  DOCUMENT_NOT_ATTACHED: () => 'Dokumen ini ditandai dibawa (kertas) atau tidak ada, bukan dilampirkan.',
  TOO_MANY_FILES: () => 'Permohonan ini sudah memuat berkas sebanyak yang diizinkan.',
  URI_TOO_LONG: () => 'Saringan terlalu panjang.',
  HEADERS_TOO_LARGE: () => 'Permintaan terlalu besar untuk server. Muat ulang halaman.',
  IF_MATCH_REQUIRED: () => 'Versi data tidak dikirim; muat ulang lalu ulangi.',
  RATE_LIMITED: (e) => 'Terlalu banyak permintaan. Coba lagi dalam ' + waitText(e.retryAfter ?? 20) + '.',
  INTERNAL_ERROR: (e) => 'Server mengalami kesalahan.' + (e.problem.requestId ? ' Sebutkan kode ' + e.problem.requestId + ' bila melapor.' : ''),
  LOGIN_BUSY: (e) => 'Server sedang sibuk memeriksa login. Coba lagi dalam ' + waitText(e.retryAfter ?? 2) + '.',
  SERVICE_UNAVAILABLE: (e) => 'Server sedang memulihkan basis datanya.' + (e.retryAfter ? ' Coba lagi dalam ' + waitText(e.retryAfter) + '.' : ' Coba lagi nanti.'),
};

/** One sentence for the officer about any failure. */
export function explain(error) {
  if (error instanceof OfflineError) return 'Tidak tersambung ke server. Periksa sambungan internet lalu coba lagi.';
  if (!(error instanceof ApiError)) return 'Terjadi kesalahan: ' + (error && error.message ? error.message : error);
  const byCode = error.code && CODES[error.code];
  if (byCode) return byCode(error);
  switch (error.status) {
    case 400: return error.violations.length ? 'Ada isian yang perlu diperbaiki.' : 'Permintaan tidak sah: ' + say(error.message);
    case 401: return CODES.UNAUTHENTICATED(error);
    case 403: return CODES.FORBIDDEN(error);
    case 404: return CODES.NOT_FOUND(error);
    case 409: return 'Tidak bisa dilakukan pada keadaan sekarang: ' + say(error.message);
    case 412: return CODES.STALE_VERSION(error);
    case 413: return CODES.PAYLOAD_TOO_LARGE(error);
    case 428: return CODES.IF_MATCH_REQUIRED(error);
    case 429: return CODES.RATE_LIMITED(error);
    default: return error.status >= 500 ? 'Server sedang bermasalah. Coba lagi nanti.' : say(error.message);
  }
}

/** A failed upload: the service's 413 and 415 speak of the file, not of an app out of date. */
export function explainFile(error) {
  if (error instanceof ApiError && error.status === 413) {
    return 'Berkas terlalu besar' + (maxFile ? ' (paling besar ' + megabytes(maxFile) + ')' : '')
      + '. Perkecil foto atau pindai dengan resolusi lebih rendah.';
  }
  if (error instanceof ApiError && error.status === 415 && (!error.code || error.code === 'UNSUPPORTED_MEDIA_TYPE')) {
    return CODES.FILE_TYPE_NOT_ACCEPTED(error);
  }
  return explain(error);
}

/** The service's largest file in bytes, once read (OPTIONS /uploads, Tus-Max-Size), else null. */
let maxFile = null;

/** The largest file the service takes, in bytes (null when it cannot be read now). */
export async function maxFileSize() {
  if (maxFile) return maxFile;
  try {
    const res = await fetch(BASE + '/uploads', { method: 'OPTIONS', cache: 'no-store', credentials: 'omit' });
    const v = Number(res.headers.get('Tus-Max-Size'));
    if (v > 0) maxFile = v;
  } catch { /* offline: said without the figure */ }
  return maxFile;
}

/** 5242880 → "5 MB", 348211 → "340 KB". */
export function megabytes(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return n + ' B';
  if (n >= 1024 * 1024) return (Math.round((n / 1048576) * 10) / 10).toLocaleString('id-ID') + ' MB';
  return Math.max(1, Math.round(n / 1024)).toLocaleString('id-ID') + ' KB';
}

/** A problem kept with a filing on the device (from a batch answer), explained the same way. */
export function explainProblem(problem) {
  const p = problem && typeof problem === 'object' ? problem : {};
  return explain(new ApiError(p.status || 400, p));
}
