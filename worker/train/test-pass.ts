// When a run tests its answering model, and the test itself: the MNIST test set in chunks (each
// unit of work stays short), with a census of the hidden units that never fire on it.
import type { EvaluationReport } from '../api.ts';
import type { MnistSet } from '../data/mnist.ts';
import type { Network } from '../nn/network.ts';
import { FiringCensus } from '../nn/stats.ts';
import { Evaluation } from './trainer.ts';

/** First test after this many samples; the gap doubles up to a quarter epoch. */
export const FIRST_TEST = 2000;

/** The gap to the next test doubles, up to a quarter epoch. */
export function nextTestPoint(at: number, epochSize: number): number {
  return Math.min(at + epochSize / 4, at * 2);
}

/**
 * The first test point after `samples`, in a handful of steps whatever `samples` is: the
 * doubling phase is walked, the quarter-epoch phase computed (a restored record cannot make
 * resuming slow).
 */
export function nextEvalAfter(samples: number, epochSize: number): number {
  let at = FIRST_TEST;
  while (at <= samples && nextTestPoint(at, epochSize) === at * 2) at *= 2;
  if (at > samples) return at;
  const gap = epochSize / 4;
  return at + gap * (Math.floor((samples - at) / gap) + 1);
}

/** A finished test: accuracy, where the model failed, and the units no test image fired. */
export interface TestResult {
  accuracy: number;
  report: EvaluationReport;
  /** Per layer: hidden units that never fired (null for a layer without a ReLU-like activation). */
  deadForGood: (number | null)[];
}

export class TestPass {
  /** The pass in progress, if any. */
  private evaluation: Evaluation | null = null;
  /** Made once and rewound: its batch buffers live in the kernels' memory. */
  private evaluator: Evaluation | null = null;
  private evaluated = 0;
  private census: FiringCensus[] = [];

  constructor(
    private readonly model: Network,
    private readonly test: MnistSet,
    private readonly chunk: number,
  ) {}

  get running(): boolean {
    return this.evaluation !== null;
  }

  /** Starts a pass over the whole test set (one in progress starts over). */
  start(): void {
    this.evaluator ??= new Evaluation(this.model, this.test, this.chunk);
    this.evaluation = this.evaluator.restart();
    this.evaluated = 0;
    this.census = this.model.layers.map((l) => new FiringCensus(l.act?.isActive ? l.units : 0, l.positions));
  }

  /** Drops the pass in progress: the weights it measured are gone. */
  cancel(): void {
    this.evaluation = null;
  }

  /** Tests one chunk; the result once the pass is complete (`samples`: the run's count, for the report). */
  next(samples: number): TestResult | null {
    const n = Math.min(this.chunk, this.test.count - this.evaluated);
    const r = this.evaluation!.next();
    this.evaluated += n;
    this.model.layers.forEach((l, i) => this.census[i].units && this.census[i].observe(l.out, n));
    if (!r) return null;
    const report = this.evaluation!.confusion.report(samples);
    this.evaluation = null;
    return { accuracy: r.accuracy, report, deadForGood: this.census.map((c) => (c.units ? c.silent() : null)) };
  }
}
