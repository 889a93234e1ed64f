// The worker's one door: everything the UI may ask for, typed by DigitPadApi.
import * as Comlink from 'comlink';
import type { DigitPadApi } from './api.ts';
import { Session } from './session.ts';

const session = new Session(new URL(`${import.meta.env.BASE_URL}data/mnist/`, self.location.origin).href);

const api = {
  start: async (onProgress) => session.start(onProgress),
  pause: async () => session.pause(),
  resume: async () => session.resume(),
  reset: async (seed) => session.reset(seed),
  configure: async (config) => session.configure(config),
  lesson: async (name, seed) => session.lesson(name, seed),
  setLearningRate: async (lr) => session.setLearningRate(lr),
  race: async (a, b) => session.race(a, b),
  stopRace: async () => session.stopRace(),
  saveCheckpoint: async (reason) => session.checkpoint(reason),
  exportModel: async () => {
    const bytes = session.exportModel();
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  importModel: async (bytes) => session.importModel(bytes),
  forgetModel: async () => session.forgetModel(),
  dismissNotice: async () => session.dismissNotice(),
  predict: async (rgba, width, height) => {
    const p = session.predict(rgba, width, height);
    return p ? Comlink.transfer(p, [p.probabilities.buffer, p.logits.buffer, p.input.buffer]) : null;
  },
} satisfies DigitPadApi;

Comlink.expose(api);
