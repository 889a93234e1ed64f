// The default pair's rules: which model answers, which one the loop trains, and when the
// convolutional network follows the dense one. Pure: slots in, a slot or a yes/no out.
import type { Run } from '../train/run.ts';
import type { Slot } from './slot.ts';

/**
 * The default dense network trains this share of its schedule first (2 of its 8 epochs: ~98 % on
 * MNIST, seconds in), then the convolutional network trains its whole schedule, taking over the
 * answers as soon as it tests better, and the dense network finishes after it. Waiting for the
 * dense network's whole schedule (~0.7 points more for it, which the convolutional network passes
 * within its first epoch anyway) held the convolutional network back by the 25–45 s those six
 * epochs take in Chromium here.
 */
export const CNN_AFTER = 0.25;

/**
 * The model that answers: the pinned one, else the pair member that tests better. A member not
 * tested yet answers only when the other is not either: a fresh dense network beside the
 * convolutional one (its dense network deleted, or "Back to" it) has random weights, and a pin on
 * one is kept for when it has a test.
 */
export function answeringOf(main: Slot | null, companion: Slot | null, pinned: string | null): Slot | null {
  if (!companion) return main;
  if (!main) return companion;
  if (pinned === companion.id && companion.hasTest) return companion;
  if (pinned === main.id && main.hasTest) return main;
  if (!main.hasTest) return companion;
  // The figures the page shows (saved ones): a test still being saved counts once it is.
  return (companion.best ?? -1) > (main.best ?? -1) ? companion : main;
}

/**
 * The slot the loop trains. A test under way first: its model is saved with it, and a dense
 * network held for the convolutional one would keep it waiting for that whole schedule. Then
 * the answering model while it has your digits to learn (a phase, or fresh ones riding in its
 * batches: `fresh`), so a correction shows in the bars soonest, even from a held or pinned dense
 * network. Then the convolutional network while it has training to do, then the main run.
 */
export function trainingOf(main: Slot | null, companion: Slot | null, answering: Slot | null, fresh: (run: Run) => boolean): Slot | null {
  const slots = [companion, main];
  const testing = slots.find((s) => s?.trainable && s.run!.evaluating);
  if (testing) return testing;
  if (answering?.trainable && (answering.run!.tuning || fresh(answering.run!))) return answering;
  return slots.find((s) => s?.trainable) ?? null;
}

/** The main slot is the default dense network, which a convolutional network follows. */
export function cnnFollows(main: Slot | null): boolean {
  return main !== null && main.info.kind === 'default' && main.config.kind !== 'cnn' && !main.run?.failed;
}

/**
 * The dense network's run is CNN_AFTER through its schedule and has just been tested, or is done:
 * the convolutional network trains next. It gives way right after that test, so its figures are
 * those of the weights it keeps, and a pause has nothing newer to test (which could make it
 * answer again).
 */
export function readyForCnn(run: Run): boolean {
  return run.finished || (run.tested && run.trainer.samplesSeen >= CNN_AFTER * run.samplesTarget);
}
