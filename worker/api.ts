// Types that cross the worker boundary. Both sides `import type` from here; nothing here runs.

/** 'switching': the held models are tested and saved before others take their place (seconds). */
export type TrainState = 'loading' | 'training' | 'paused' | 'switching' | 'converged' | 'error';

import type { ActivationName } from './nn/activations.ts';
import type { ModelSpec } from './nn/network.ts';
import type { OptimizerKind } from './nn/optimizer.ts';
import type { AddDigitOptions, AddedDigit, DigitEntry, ImportedDigits, TakenBack, YourDigitsStatus } from './personal/types.ts';

export type { ActivationName, ModelSpec, OptimizerKind };
export type { AddDigitOptions, AddedDigit, DigitEntry, ImportedDigits, TakenBack, YourDigitsStatus };
export type { Learnt, Prequential, Share, Verdict } from './personal/types.ts';
export type { InferenceApi, InferenceWorkerName, ModelSnapshot, NumberDigit, NumberReading, Prediction, ReplyChannelMark } from './inference-api.ts';

/**
 * What kind of failure an error is. Errors thrown by the API carry it in `name` (kind
 * 'storage' → "StorageError", 'model-file' → "ModelFileError"); reports carry it as a field.
 */
export type ErrorKind = 'input' | 'data' | 'diverged' | 'storage' | 'model-file' | 'busy' | 'internal';

export interface ErrorReport {
  kind: ErrorKind;
  message: string;
}

export type SaveReason = 'interval' | 'evaluation' | 'pause' | 'resume' | 'hidden' | 'converged' | 'import' | 'update' | 'handover';

/** Where a shelf entry came from. */
export type EntryKind = 'default' | 'lesson' | 'custom' | 'import';

/** One saved model on the shelf (IndexedDB): what the Saved models panel lists. */
export interface ShelfEntry {
  id: string;
  name: string;
  kind: EntryKind;
  lesson: LessonName | null;
  /** Human-readable architecture, e.g. "784-256-128-10 relu". */
  model: string;
  /** The run trains the app's default architecture (the best of those is always kept). */
  defaultArchitecture: boolean;
  testAccuracy: number | null;
  /**
   * The samples seen at the test that gave testAccuracy: a save between tests (the page hidden, a
   * switch) records more samples than were tested. Absent in indexes written before stop 71.
   */
  testedAt?: number;
  samplesSeen: number;
  converged: boolean;
  /** Saved while paused: it comes back paused. Absent in indexes written before it was recorded. */
  paused?: boolean;
  createdAt: number;
  savedAt: number;
  bytes: number;
  /** Set when the entry cannot be used by this version (saved by a newer DigitPad). */
  unreadable?: string;
  /** An import: the network its file held (serialize.ts networkDigest), however far it trained since. */
  source?: string;
}

/** A saved record that failed its checks, set aside instead of deleted (one slot). */
export interface Quarantined {
  name: string;
  reason: string;
  at: number;
  bytes: number;
}

/** What the UI shows about saved models (crosses the worker boundary inside Progress). */
export interface StorageStatus {
  entries: ShelfEntry[];
  /** The entry whose model answers drawings (null before anything is saved). */
  activeId: string | null;
  /** The other model of the default pair (training next, or waiting to take over). */
  companionId: string | null;
  /** The best entry of each default architecture (dense, convolutional): the retention rule keeps them. */
  bestIds: string[];
  /** The app's own model (the default dense or convolutional network) that tests best: a lesson's way back. */
  ownId: string | null;
  /** Date.now() of the last successful save, null when none this session. */
  savedAt: number | null;
  reason: SaveReason | 'restored' | null;
  /** Last save, read or delete failed (with what to do about it); null once one succeeds. */
  error: ErrorReport | null;
  /** One-off news for the person, e.g. a corrupt saved model was set aside. */
  notice: string | null;
  /** Date.now() when the answering model was restored at start-up, null when it started fresh. */
  restoredAt: number | null;
  quarantine: Quarantined | null;
  /** What is kept and what is removed, in words (the UI shows it). */
  rule: string;
}

/**
 * Who trains. One tab at a time trains and writes ('writer'); another tab of the same browser
 * answers drawings from the saved model ('reader') until it takes over or the writer closes.
 */
export type Role = 'starting' | 'writer' | 'reader';

export type SaveResult = { ok: true } | { ok: false; error: ErrorReport };

/** A network of dense layers only, or convolutional blocks in front of them. */
export type NetworkKind = 'mlp' | 'cnn';

/** What a person can choose about a run: the article's knobs. */
export interface RunConfig {
  /** 'cnn': the convolutional blocks of the app's CNN in front of the hidden layers (default 'mlp'). */
  kind?: NetworkKind;
  activation: ActivationName;
  /** Units per hidden (dense) layer, input side first; 1–6 layers. */
  hidden: number[];
  optimizer: OptimizerKind;
  /** Peak rate of the schedule (warm-up, then cosine decay over the run's epochs). */
  learningRate: number;
  batchSize: number;
  seed: number;
}

/** One-click set-ups that reproduce the article. */
/** 'cnn': the app's convolutional network (conv blocks in front of the dense layers). */
export type LessonName = 'healthy' | 'vanishing' | 'dying' | 'cnn';

/** Per-layer health, measured during training (feeds the article's lessons). */
export interface LayerStats {
  /** L2 norm of this layer's weight gradient, averaged over the last report window. */
  gradNorm: number;
  /** ReLU-family layers: share of units that never fired over the last window of samples. */
  deadFraction: number | null;
  /** sigmoid/tanh layers: share of units whose output sat in the flat tails on average. */
  saturatedFraction: number | null;
  units: number;
  /**
   * ReLU-family layers: units that fired for none of the 10,000 test images at the last
   * evaluation — dead for good, since no input brings them back. Null before an evaluation.
   */
  deadForGood: number | null;
}

/** One point of the training history (one per progress report). */
export interface HistoryPoint {
  samples: number;
  loss: number;
  /** Null when no test evaluation happened at this point. */
  testAccuracy: number | null;
}

/** What importModel resolves to: the entry that answers now. */
export interface ImportedModel {
  id: string;
  name: string;
  /**
   * No copy was made: the file's network is on the shelf as this entry ('same'), or the file was
   * imported before as this entry, which has trained on since ('trained on').
   */
  already: false | 'same' | 'trained on';
}

/** A test image the model got wrong, and what it thought (the ten digit probabilities). */
export interface Misread {
  /** Index into the 10,000 MNIST test images. */
  index: number;
  label: number;
  guess: number;
  probabilities: number[];
}

/** Where the model fails, as of one test pass. */
export interface EvaluationReport {
  /** Samples trained when the test ran. */
  samples: number;
  /** confusion[true digit][guess]: counts over the test set. */
  confusion: number[][];
  misreads: Misread[];
}

/** A run's figures as one report sees them. */
export interface RunReport {
  /** Bumps with every new run, so the UI knows when a history starts over. */
  runId: number;
  /** The shelf entry these are the figures of: the page keeps what it charted of a model by it. */
  entry?: string;
  config: RunConfig;
  /** The lesson this configuration is, or null for a custom one. */
  lesson: LessonName | null;
  /** Human-readable architecture, e.g. "784-256-128-10 relu". */
  model: string;
  samplesSeen: number;
  /** Whole epochs done… */
  epoch: number;
  /** …of this many in the run's schedule. */
  epochs: number;
  loss: number;
  /** Latest accuracy on the 10,000 test images, 0..1; null before the first evaluation. */
  testAccuracy: number | null;
  /** The best of its tests so far: what "which model answers" compares (a test dips now and then). */
  best: number | null;
  layers: LayerStats[];
  /** New history points since the previous report. */
  history: HistoryPoint[];
  /** The run stopped: its schedule is over, or it diverged (see message). */
  finished: boolean;
  /**
   * A pass over the 10,000 test images is under way (training waits for it: seconds, for the
   * convolutional network), or its result is being saved and not shown yet.
   */
  testing: boolean;
  message?: string;
  /** The latest test pass's confusion matrix and misreads, sent once when it is new. */
  evaluation?: EvaluationReport;
  /**
   * `history` and `evaluation` are the model's whole record, not what is new: a saved model's
   * first report (a reading tab's, or before MNIST is in), or none yet. The chart starts over from them.
   */
  whole?: true;
}

/** Who answers the pad after a delete (DigitPadApi.deleteModel). */
export interface AfterDelete {
  /** The answering model's shelf name (null: a fresh one waits for MNIST). */
  answering: string | null;
  /** It starts from random weights. */
  fresh: boolean;
}

/** Two configurations trained side by side from the same seed, while the main model waits. */
export interface RaceReport {
  runs: [RunReport, RunReport];
  /** Samples each contender trains on before the race ends. */
  samplesTarget: number;
  done: boolean;
  /** Stopped (stopRace) before both contenders finished: done, its curves so far the result. */
  stopped: boolean;
}

export interface Progress extends RunReport {
  state: TrainState;
  /** Kernel backend doing the maths, e.g. "typescript" or "wasm-simd". */
  backend: string;
  samplesPerSec: number;
  /** Bumps every time the weights changed enough to be worth re-predicting. */
  modelVersion: number;
  /** The current learning rate of the main run (after the schedule). */
  learningRate: number;
  race: RaceReport | null;
  /** The saved models (IndexedDB): the shelf, the last save, errors, notices. */
  storage: StorageStatus;
  role: Role;
  /** A reading tab: the person left training paused in the tab that trains (as stored). */
  writerPaused: boolean;
  /** What went wrong, when state is 'error' (e.g. kind 'data': MNIST could not be loaded). */
  error: ErrorReport | null;
  /** The divergence guard acted: what happened, in words. */
  guard: string | null;
  /**
   * The default set-up's second model: the convolutional network that trains once the main
   * (quick) model is a quarter through its schedule and answers once it tests better. Null when
   * there is none.
   */
  companion: RunReport | null;
  /** A convolutional network will follow the main model (the default set-up, none yet). */
  companionDue: boolean;
  /** Which model answers drawings: the main one or the companion. */
  answering: 'main' | 'companion' | null;
  /** The person chose the answering model (otherwise the better-testing one answers). */
  pinned: boolean;
  /** Which model the loop trains now (null: neither). */
  training: 'main' | 'companion' | null;
  /** Your digits: count, accuracy on them (prequential) and its trend, learning now, notices. */
  yourDigits: YourDigitsStatus;
}

export type ProgressCallback = (p: Progress) => void;

/**
 * The whole worker boundary. `worker/index.ts` exposes an object that satisfies this;
 * the UI wraps the worker as `Remote<DigitPadApi>`.
 */
export interface DigitPadApi {
  /**
   * Load MNIST if needed and train in the background; reports arrive through onProgress.
   * `reclaim`: this tab's previous worker was the writer and was restarted (hung or crashed):
   * take the writer's lock even if that worker still holds it.
   */
  start(onProgress: ProgressCallback, options?: { reclaim?: boolean }): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /**
   * A person is drawing for up to `ms` more (0: stopped): training rests between slices
   * meanwhile, so the page and the inference worker get the CPU on a two-core device.
   */
  giveWay(ms: number): Promise<void>;
  /** Throw the model away and train a fresh one (new seed unless one is given). */
  reset(seed?: number): Promise<void>;
  /**
   * Start a new main run with this configuration (the lessons panel's choice): it answers, and the
   * app's own models stay on the shelf, even for the app's own settings (only Reset replaces them).
   */
  configure(config: RunConfig): Promise<void>;
  /** The configuration a lesson uses, built on the app's default model. */
  lesson(name: LessonName, seed?: number): Promise<RunConfig>;
  /** Change the main run's peak learning rate on the fly; the run carries on. */
  setLearningRate(learningRate: number): Promise<void>;
  /** Train a and b side by side while the main run waits; the race ends after one epoch or stopRace(). */
  race(a: RunConfig, b: RunConfig): Promise<void>;
  /** Ends a race under way where it is: its curves and summary stay (done, stopped) until clearRace(). */
  stopRace(): Promise<void>;
  /** Takes the race, under way or over, off the page; the main run trains on. */
  clearRace(): Promise<void>;
  /** Checkpoint the model now (the page is being hidden, or an update reloads it); says whether it worked. */
  saveCheckpoint(reason: 'hidden' | 'update'): Promise<SaveResult>;
  /** A model as a "DPNN" file: the answering one (no id) or a shelf entry's. */
  exportModel(id?: string): Promise<Uint8Array>;
  /**
   * A new shelf entry from an exported file (≤ 16 MB) that then answers, or the entry that already
   * holds the same network, which answers; rejects with the reason and keeps the model.
   */
  importModel(bytes: Uint8Array, name?: string): Promise<ImportedModel>;
  /** Make a shelf entry the answering model (its training carries on). */
  useModel(id: string): Promise<void>;
  renameModel(id: string, name: string): Promise<void>;
  /**
   * Delete a shelf entry. Deleting the answering one hands the pad to the other model of the pair,
   * else to the person's own best saved model, else to a fresh default model: which one, after.
   */
  deleteModel(id: string): Promise<AfterDelete>;
  /** The record that failed its checks, as it was stored (to send in a bug report). */
  exportQuarantine(): Promise<Uint8Array>;
  discardQuarantine(): Promise<void>;
  /** Which model of the pair answers: 'main', 'companion', or null to let the better one answer. */
  pinModel(which: 'main' | 'companion' | null): Promise<void>;
  /** This tab trains from now on; the tab that trained answers from the saved model. */
  takeOver(): Promise<void>;
  dismissNotice(): Promise<void>;
  /** MNIST test images (28×28 bytes each, concatenated) by index, e.g. the misread ones. */
  testImages(indices: number[]): Promise<Uint8Array>;
  /** Send snapshots of the answering model to the inference worker on this port from now on. */
  connectInference(port: MessagePort): Promise<void>;
  /**
   * "It is a `label`": the drawing (the pad's strokes, as for predictStrokes) joins your digits,
   * scored before the model learns it — by `shown`, the score of the answer the bars showed when
   * the person tapped, else by the answering model now, as the bars would show it; resolves with
   * that verdict. `replaces`: the id an earlier tap on the same drawing got; it is taken back (and
   * unlearnt) first. `inNumber`: the drawing is one digit of a number.
   */
  addDigit(strokes: number[][], label: number, options?: AddDigitOptions): Promise<AddedDigit>;
  /** Your digits, newest first (`limit` from `offset`), with their 28×28 thumbnails. */
  listDigits(offset?: number, limit?: number): Promise<DigitEntry[]>;
  /** Deletes one; the latest digit tapped is also unlearnt (runs that have not trained much since go back to their weights from before it). */
  deleteDigit(id: string): Promise<TakenBack>;
  /** Puts the digit deleted last back (Undo), score and all; the models learn it again. */
  restoreDigit(id: string): Promise<YourDigitsStatus>;
  clearDigits(): Promise<void>;
  /** All of them as a "DPYD" file (digitpad-digits.dpyd). */
  exportDigits(): Promise<Uint8Array>;
  /** Adds a file's digits (≤ 24 MB) not already there; rejects a bad file with the reason, changing nothing. */
  importDigits(bytes: Uint8Array): Promise<ImportedDigits>;
}
