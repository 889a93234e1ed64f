// The worker's one door: everything the UI may ask for, typed by DigitPadApi.
import * as Comlink from 'comlink';
import type { DigitPadApi } from './api.ts';
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

const api = {
  start: async (onProgress) => session.start(onProgress),
  pause: async () => void (await session.pause()),
  resume: async () => session.resume(),
  reset: async (seed) => session.reset(seed),
  configure: async (config) => session.configure(config),
  lesson: async (name, seed) => session.lesson(name, seed),
  setLearningRate: async (lr) => session.setLearningRate(lr),
  race: async (a, b) => session.race(a, b),
  stopRace: async () => session.stopRace(),
  saveCheckpoint: async (reason) => session.checkpoint(reason),
  exportModel: async (id) => {
    const bytes = await session.exportModel(id);
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  importModel: async (bytes, name) => session.importModel(bytes, name),
  useModel: async (id) => session.useModel(id),
  renameModel: async (id, name) => session.renameModel(id, name),
  deleteModel: async (id) => session.deleteModel(id),
  exportQuarantine: async () => {
    const bytes = (await session.exportQuarantine()).slice();
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  discardQuarantine: async () => session.discardQuarantine(),
  takeOver: async () => session.takeOver(),
  dismissNotice: async () => session.dismissNotice(),
  predict: async (rgba, width, height) => {
    const p = session.predict(rgba, width, height);
    return p ? Comlink.transfer(p, [p.probabilities.buffer, p.logits.buffer, p.input.buffer]) : null;
  },
} satisfies DigitPadApi;

// A request the Content-Security-Policy blocked is a bug: say so where developers and the
// browser tests look (a worker's violations never reach the page's listeners).
self.addEventListener('securitypolicyviolation', (e) => {
  console.error(`Content-Security-Policy blocked ${e.blockedURI || 'an inline resource'} (${e.violatedDirective})`);
});

Comlink.expose(api);
