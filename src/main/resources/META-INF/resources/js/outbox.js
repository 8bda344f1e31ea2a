// Filings are kept on the device before they are sent. Each has its Idempotency-Key from the moment
// it is kept, and keeps it for every retry: whether an earlier send reached the service or not, the
// service files it once. A filing leaves the device only when the service has answered for it.

import * as api from './api.js';
import { outbox as store } from './store.js';

const changeListeners = [];
let account = null;
let retryTimer = null;
/** Receipts of filings sent from the outbox in this session, newest first. */
export const sent = [];

/** fn() runs whenever what is waiting may have changed; returns what stops it. */
export function onChange(fn) {
  changeListeners.push(fn);
  return () => {
    const i = changeListeners.indexOf(fn);
    if (i >= 0) changeListeners.splice(i, 1);
  };
}

function changed() {
  for (const fn of changeListeners) fn();
}

/** Starts sending for this account (after login) and keeps trying while something waits. */
export function start(username) {
  account = username;
  sent.length = 0;
  clearInterval(retryTimer);
  retryTimer = setInterval(() => flush().catch(() => {}), 20000);
  flush().catch(() => {});
}

export function stop() {
  account = null;
  sent.length = 0;
  clearInterval(retryTimer);
}

window.addEventListener('online', () => flush().catch(() => {}));

export function waiting() {
  return account ? store.of(account) : Promise.resolve([]);
}

/** Keeps a filing on the device; resolves to the kept item once it is written. */
export async function keep(filing, meta) {
  const item = {
    key: api.newKey(), account, createdAt: new Date().toISOString(), state: 'waiting', problem: null,
    serviceName: meta.serviceName, citizenName: filing.citizen.name, filing,
  };
  await store.put(item);
  changed();
  return item;
}

export async function forget(key) {
  await store.remove(key);
  changed();
}

/**
 * Tries to file one kept item right now. Resolves to the receipt, or null when it stays waiting
 * (offline, or the service could not answer). A refused filing (400 and the like) is no longer kept:
 * the officer corrects the form and files again; the error is thrown.
 */
export async function sendNow(item) {
  try {
    const { data } = await api.call('POST', '/requests', { body: item.filing, key: item.key });
    await forget(item.key);
    return data;
  } catch (e) {
    if (e instanceof api.OfflineError || (e instanceof api.ApiError && retryable(e.status))) {
      flushSoon();
      return null;
    }
    await forget(item.key);
    throw e;
  }
}

function retryable(status) {
  return status === 401 || status === 408 || status === 409 || status === 429 || status >= 500;
}

let soon = null;
function flushSoon() {
  clearTimeout(soon);
  soon = setTimeout(() => flush().catch(() => {}), 5000);
}

/** One sender at a time, also across tabs of this browser (where the browser offers locks). */
function exclusive(work) {
  if (navigator.locks && navigator.locks.request) return navigator.locks.request('layanan-outbox', work);
  return work();
}

/** The batch endpoint takes up to 100 filings; its body limit (4 MB by default) is kept well under. */
const BATCH_ITEMS = 100;
const BATCH_BYTES = 1024 * 1024;
const encoder = new TextEncoder();

/** Waiting items in sends of at most BATCH_ITEMS filings and about BATCH_BYTES, oldest first. */
function chunks(items) {
  const out = [];
  let chunk = [];
  let bytes = 0;
  for (const it of items) {
    const size = encoder.encode(JSON.stringify(it.filing)).length + 100;
    if (chunk.length && (chunk.length >= BATCH_ITEMS || bytes + size > BATCH_BYTES)) {
      out.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(it);
    bytes += size;
  }
  if (chunk.length) out.push(chunk);
  return out;
}

/** Sends one chunk; a chunk the service finds too large (413) is sent in halves, a single filing too large is refused. */
async function sendChunk(chunk) {
  let data;
  try {
    ({ data } = await api.call('POST', '/requests/batch', {
      body: { items: chunk.map((it) => ({ idempotencyKey: it.key, filing: it.filing })) },
    }));
  } catch (e) {
    if (!(e instanceof api.ApiError && e.status === 413)) throw e;
    if (chunk.length === 1) {
      await store.put({ ...chunk[0], state: 'failed', problem: e.problem });
      return;
    }
    const half = Math.ceil(chunk.length / 2);
    await sendChunk(chunk.slice(0, half));
    await sendChunk(chunk.slice(half));
    return;
  }
  for (const result of (data && data.items) || []) {
    const item = chunk[result.index];
    if (!item) continue;
    if (result.status >= 200 && result.status < 300) {
      await store.remove(item.key);
      sent.unshift({ ...result.receipt, serviceName: item.serviceName, citizenName: item.citizenName });
    } else if (!retryable(result.status)) {
      await store.put({ ...item, state: 'failed', problem: result.problem ?? null });
    }
  }
}

let running = null;
/** Sends every waiting filing of the account through the batch endpoint. */
export function flush() {
  if (running) return running;
  running = exclusive(async () => {
    if (!account || !api.hasSession()) return;
    const items = (await store.of(account)).filter((i) => i.state === 'waiting');
    for (const chunk of chunks(items)) {
      try {
        await sendChunk(chunk);
      } finally {
        changed();
      }
    }
  }).finally(() => { running = null; });
  return running;
}
