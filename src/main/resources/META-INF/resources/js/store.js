// The device's own store (IndexedDB): only filings waiting to be sent. Never the token, never answers
// of the service; the app shell's files are in the service worker's cache.

const NAME = 'layanan-desa';
const OUTBOX = 'outbox';
let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(NAME, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        const outbox = db.createObjectStore(OUTBOX, { keyPath: 'key' });
        outbox.createIndex('account', 'account');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => { opening = null; reject(req.error); };
    });
  }
  return opening;
}

async function run(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(OUTBOX, mode);
    const result = work(tx.objectStore(OUTBOX));
    // Resolve only once the transaction is durable: a filing is "kept" when this returns.
    tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const outbox = {
  put: (item) => run('readwrite', (s) => s.put(item)),
  remove: (key) => run('readwrite', (s) => s.delete(key)),
  get: (key) => run('readonly', (s) => s.get(key)),
  /** The waiting filings of one account, oldest first. */
  of: async (account) => ((await run('readonly', (s) => s.index('account').getAll(account))) || [])
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  /** How many filings wait on this device, of any account (shown before login: a count, nothing personal). */
  count: () => run('readonly', (s) => s.count()),
};
