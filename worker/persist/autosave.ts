// Keeps the main run saved: every 30 s of training, after a better test result (at most every
// 10 s), and whenever the session asks (pause, end of schedule, page hide, import).
import type { Run } from '../train/run.ts';
import { encodeCheckpoint, recordOf } from './checkpoint.ts';
import type { Checkpoints, SaveReason } from './checkpoints.ts';
import { SaveSchedule } from './schedule.ts';

export class Autosave {
  private readonly schedule = new SaveSchedule();
  private run: Run | null = null;
  /** History points of the run already passed to the schedule. */
  private seen = 0;

  constructor(private readonly checkpoints: Checkpoints) {}

  /** A new main run (fresh, restored or imported); `best` is the accuracy it starts from. */
  follow(run: Run, best: number | null = null): void {
    this.run = run;
    this.schedule.restart(best);
    this.seen = run.history.length;
  }

  /** Call from the training loop after each slice. */
  tick(): void {
    const run = this.run;
    if (!run) return;
    const now = performance.now();
    this.schedule.tick(now);
    for (; this.seen < run.history.length; this.seen++) {
      const a = run.history[this.seen].testAccuracy;
      if (a !== null) this.schedule.evaluated(a);
    }
    if (this.schedule.due(now)) void this.save('interval');
  }

  /** The loop stopped: time until the next tick is not training time. */
  idle(): void {
    this.schedule.idle();
  }

  /** Saves the run now; the weights are captured synchronously, the write follows. */
  save(reason: SaveReason): Promise<void> {
    const run = this.run;
    // A diverged run has nothing worth keeping, and an untrained one nothing to lose.
    if (!run || run.failed || run.trainer.samplesSeen === 0) return this.checkpoints.flush();
    this.schedule.saved(performance.now());
    const bytes = encodeCheckpoint(run.net, recordOf(run));
    return this.checkpoints.save(bytes, reason, run.trainer.samplesSeen, run.testAccuracy);
  }
}
