// A session's Progress report: the main model's figures (only test results already saved),
// the companion's, which one answers and which one trains.
import type { ErrorReport, Progress, Role, RunConfig, RunReport, StorageStatus, TrainState, YourDigitsStatus } from '../api.ts';
import { describe } from '../nn/network.ts';
import type { Race } from '../train/race.ts';
import { matchLesson, presetFor } from '../train/run-config.ts';
import type { Slot } from './slot.ts';

interface View {
  main: Slot | null;
  companion: Slot | null;
  companionDue: boolean;
  answering: Slot | null;
  training: Slot | null;
  pinned: string | null;
  config: RunConfig;
  contest: Race | null;
  storage: StorageStatus;
}

interface Extras {
  state: TrainState;
  role: Role;
  writerPaused: boolean;
  backend: string;
  samplesPerSec: number;
  modelVersion: number;
  error: ErrorReport | null;
  yourDigits: YourDigitsStatus;
}

/** What the guard last did, in words: the answering model's first (the pair's two both learn a tap, and may both be put back). */
export function noticeOf(answering: Slot | null, main: Slot | null, companion: Slot | null): string | null {
  return answering?.run?.notice ?? main?.run?.notice ?? companion?.run?.notice ?? null;
}

/** Before any model: the configuration that will train. */
function nothingYet(config: RunConfig): RunReport {
  const p = presetFor(config);
  return {
    runId: 0, config, lesson: matchLesson(config), model: describe(p.spec), samplesSeen: 0, epoch: 0, epochs: p.epochs,
    loss: NaN, testAccuracy: null, best: null, layers: [], history: [], finished: false, testing: false, whole: true,
  };
}

export function reportOf(session: { view: View }, x: Extras): Progress {
  const v = session.view;
  const main = v.main?.report() ?? nothingYet(v.config);
  const companion = v.companion?.report() ?? null;
  const which = (s: Slot | null) => (s === null ? null : s === v.main ? 'main' : 'companion');
  const guard = noticeOf(v.answering, v.main, v.companion);
  return {
    ...main,
    ...x,
    learningRate: v.main?.run?.learningRate ?? v.config.learningRate,
    message: x.error?.message ?? main.message,
    guard,
    storage: v.storage,
    race: v.contest?.report() ?? null,
    companion,
    companionDue: v.companionDue,
    answering: which(v.answering),
    pinned: v.pinned !== null,
    training: x.state === 'training' ? which(v.training) : null,
  };
}
