// The API object: every call the UI may make, mapped onto one Session. Big arrays leave with
// Comlink.transfer (moved, not copied). worker/index.ts exposes it; tests expose it on a
// MessageChannel and drive a whole session through Comlink in Node.
import * as Comlink from 'comlink';
import type { DigitPadApi } from './api.ts';
import type { Session } from './session.ts';

export function createApi(session: Session): DigitPadApi {
  return {
    start: async (onProgress, options) => session.start(onProgress, options),
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
}
