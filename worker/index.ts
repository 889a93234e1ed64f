// The worker's one door. The same script runs twice: as the training worker (a Session wired to
// the browser: MNIST over fetch, WASM kernels, IndexedDB, Web Locks) and, started with the name
// "digitpad-inference", as the inference worker that answers drawings from snapshots of the
// answering model. Each exposes its API object (DigitPadApi, InferenceApi) for the UI to wrap.
import * as Comlink from 'comlink';
import type { InferenceWorkerName } from './api.ts';
import { createApi, createInferenceApi } from './api-object.ts';
import { loadMnist } from './data/load.ts';
import { Inference } from './infer/inference.ts';
import { Warmer } from './infer/warm-up.ts';
import { loadKernels } from './nn/backend.ts';
import { idbStore } from './persist/idb-store.ts';
import { webLock } from './persist/writer-lock.ts';
import { baseName, repliesFor } from './reply-channel.ts';
import { Session } from './session.ts';

const INFERENCE: InferenceWorkerName = 'digitpad-inference';

// A request the Content-Security-Policy blocked is a bug: say so where developers and the
// browser tests look (a worker's violations never reach the page's listeners).
self.addEventListener('securitypolicyviolation', (e) => {
  console.error(`Content-Security-Policy blocked ${e.blockedURI || 'an inline resource'} (${e.violatedDirective})`);
});

if (baseName(self.name) === INFERENCE) {
  // Exposed at once (a message that arrives before a listener is lost); WASM follows. One image
  // at a time needs little memory; WASM can be refused (CSP): the TypeScript kernels stay.
  const inference = new Inference();
  const warmer = new Warmer(inference);
  void loadKernels({ memoryMiB: 16 }).then((k) => (inference.useKernels(k), warmer.check()), () => {});
  // The worker scope is an Endpoint (Comlink's own default); the DOM typings see a window.
  const api = createInferenceApi(inference, () => warmer.check());
  Comlink.expose(api, repliesFor(self.name, self as unknown as Comlink.Endpoint));
} else {
  const dataUrl = new URL(`${import.meta.env.BASE_URL}data/mnist/`, self.location.origin).href;
  const session = new Session({
    loadData: () => loadMnist(dataUrl),
    loadKernels: () => loadKernels(),
    store: idbStore(),
    lock: webLock(),
  });
  Comlink.expose(createApi(session));
}
