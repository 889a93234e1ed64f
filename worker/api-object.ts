// The API objects: every call the UI may make, mapped onto one Session (the training worker)
// or one Inference (the inference worker). Big arrays leave with Comlink.transfer (moved, not
// copied; the inference worker's replies go on a channel, which copies them: reply-channel.ts).
// worker/index.ts exposes them; tests expose them on a MessageChannel and drive them
// through Comlink in Node.
import * as Comlink from 'comlink';
import type { DigitPadApi, InferenceApi, ModelSnapshot, Prediction } from './api.ts';
import type { Inference } from './infer/inference.ts';
import type { Session } from './session.ts';

export function createApi(session: Session): DigitPadApi {
  return {
    start: async (onProgress, options) => session.start(onProgress, options),
    pause: async () => void (await session.pause()),
    resume: async () => session.resume(),
    giveWay: async (ms) => session.giveWay(ms),
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
    pinModel: async (which) => session.pinModel(which),
    takeOver: async () => session.takeOver(),
    dismissNotice: async () => session.dismissNotice(),
    testImages: async (indices) => {
      const bytes = await session.testImages(indices);
      return Comlink.transfer(bytes, [bytes.buffer]);
    },
    addDigit: async (strokes, label, options) => session.addDigit(strokes, label, options),
    listDigits: async (offset, limit) => {
      const list = session.listDigits(offset, limit);
      return Comlink.transfer(list, list.map((d) => d.pixels.buffer));
    },
    deleteDigit: async (id) => session.deleteDigit(id),
    restoreDigit: async (id) => session.restoreDigit(id),
    clearDigits: async () => session.clearDigits(),
    exportDigits: async () => {
      const bytes = session.exportDigits();
      return Comlink.transfer(bytes, [bytes.buffer]);
    },
    importDigits: async (bytes) => session.importDigits(bytes),
    connectInference: async (port) => {
      session.connectInference((snapshot, transfer) => port.postMessage(snapshot, transfer));
    },
  } satisfies DigitPadApi;
}

const moved = (p: Prediction | null) =>
  p ? Comlink.transfer(p, [p.probabilities.buffer, p.logits.buffer, p.input.buffer]) : null;

/**
 * The inference worker's API over one Inference. `applied`: after each snapshot is in use
 * (index.ts warms a rebuilt network up). `later`: runs a step of the look-ahead as a task of its
 * own, so a request that arrives meanwhile is answered between two steps.
 */
export function createInferenceApi(
  inference: Inference,
  applied: () => void = () => {},
  later: (step: () => void) => void = (step) => setTimeout(step, 0),
): InferenceApi {
  let port: MessagePort | null = null;
  let looking = false;
  const lookAhead = (): void => {
    looking = false;
    let more = false;
    try {
      more = inference.lookAhead();
    } catch (e) {
      // Never worth the worker: the pen-up's answer reads the drawing itself, and says any error.
      console.warn('Inference look-ahead stopped:', e);
    }
    if (more) (looking = true), later(lookAhead);
  };
  return {
    listen: async (next, onModel) => {
      port?.close(); // a restarted training worker connects anew
      port = next;
      next.onmessage = (e: MessageEvent<ModelSnapshot>) => {
        inference.apply(e.data);
        void onModel(inference.version);
        applied();
      };
    },
    predictStrokes: async (strokes, settled) => {
      const p = inference.predictStrokes(strokes, settled === true);
      // The reply leaves first (Comlink posts it in this task's microtasks), the look-ahead after.
      if (settled !== true && p && !looking) (looking = true), later(lookAhead);
      return moved(p);
    },
    predict: async (rgba, width, height) => moved(inference.predictPixels(rgba, width, height)),
    readNumber: async (strokes, width, height, settled) => {
      const r = inference.readNumber(strokes, width, height, settled === true);
      return r ? Comlink.transfer(r, r.digits.flatMap((d) => [d.input.buffer, d.probabilities.buffer])) : null;
    },
  } satisfies InferenceApi;
}
