// What a training report says of the worker's state, asked in several places of the page.
import type { Progress } from '../../worker/api.ts';

/** The app trains its pair (the convolutional network trains, or is due to), not one model. */
export function trainsPair(p: Progress | null): boolean {
  return Boolean(p?.companion || p?.companionDue);
}

/** A lesson's race is under way: it trains instead of the model, which waits. A stopped or finished race, left on the panel, is over. */
export function racing(p: Progress | null): boolean {
  return Boolean(p?.race && !p.race.done);
}
