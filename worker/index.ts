// The worker's one door: a Session wired to the browser (MNIST over fetch, WASM kernels,
// IndexedDB, Web Locks), exposed as the API object the UI wraps (DigitPadApi).
import * as Comlink from 'comlink';
import { createApi } from './api-object.ts';
import { loadMnist } from './data/load.ts';
import { loadKernels } from './nn/backend.ts';
import { idbStore } from './persist/idb-store.ts';
import { webLock } from './persist/writer-lock.ts';
import { Session } from './session.ts';

const dataUrl = new URL(`${import.meta.env.BASE_URL}data/mnist/`, self.location.origin).href;
const session = new Session({
  loadData: () => loadMnist(dataUrl),
  loadKernels: () => loadKernels(),
  store: idbStore(),
  lock: webLock(),
});

// A request the Content-Security-Policy blocked is a bug: say so where developers and the
// browser tests look (a worker's violations never reach the page's listeners).
self.addEventListener('securitypolicyviolation', (e) => {
  console.error(`Content-Security-Policy blocked ${e.blockedURI || 'an inline resource'} (${e.violatedDirective})`);
});

Comlink.expose(createApi(session));
