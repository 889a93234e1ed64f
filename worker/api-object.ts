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
    configure: async (config) => session.configure(config, true), // the lessons panel's choice
    lesson: async (name, seed) => session.lesson(name, seed),
    setLearningRate: async (lr) => session.setLearningRate(lr),
    race: async (a, b) => session.race(a, b),
    stopRace: async () => session.stopRace(),
    clearRace: async () => session.clearRace(),
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

/** Runs `step` in `ms` as a task of its own; the function it returns cancels it. */
export type Later = (step: () => void, ms: number) => () => void;

/**
 * The look-ahead begins once no movement has come for this long: longer than a 120 Hz pen's
 * interval, so a fast stroke is not read ahead at every point (on a two-core device that work
 * would take the CPU from the page's frames), and short enough that on a 60 Hz screen the ~3 ms
 * of views are read before the next movement, or the lift.
 */
export const LOOK_AHEAD_AFTER_MS = 12;

const timer: Later = (step, ms) => {
  const t = setTimeout(step, ms);
  return () => clearTimeout(t);
};

/**
 * The inference worker's API over one Inference. `applied`: after each snapshot is in use
 * (index.ts warms a rebuilt network up). `later`: runs a step of the look-ahead as a task of its
 * own, so a request that arrives meanwhile is answered between two steps.
 */
export function createInferenceApi(inference: Inference, applied: () => void = () => {}, later: Later = timer): InferenceApi {
  let port: MessagePort | null = null;
  let cancel: (() => void) | null = null;
  const lookAhead = (): void => {
    cancel = null;
    let more = false;
    try {
      more = inference.lookAhead();
    } catch (e) {
      // Never worth the worker: the pen-up's answer reads the drawing itself, and says any error.
      console.warn('Inference look-ahead stopped:', e);
    }
    if (more) cancel = later(lookAhead, 0);
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
      cancel?.();
      cancel = null;
      const p = inference.predictStrokes(strokes, settled === true);
      // The reply leaves first (Comlink posts it in this task's microtasks), the look-ahead later.
      if (settled !== true && p) cancel = later(lookAhead, LOOK_AHEAD_AFTER_MS);
      return moved(p);
    },
    predict: async (rgba, width, height) => moved(inference.predictPixels(rgba, width, height)),
    readNumber: async (strokes, width, height, settled) => {
      const r = inference.readNumber(strokes, width, height, settled === true);
      return r ? Comlink.transfer(r, r.digits.flatMap((d) => [d.input.buffer, d.probabilities.buffer])) : null;
    },
  } satisfies InferenceApi;
}
