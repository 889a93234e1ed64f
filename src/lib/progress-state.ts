// What a training report says of the worker's state, asked in several places of the page.
import type { Progress } from '../../worker/api.ts';
import { otherAnswering } from './shelf/back-to.ts';

/** The app trains its pair (the convolutional network trains, or is due to), not one model. */
export function trainsPair(p: Progress | null): boolean {
  return Boolean(p?.companion || p?.companionDue);
}

/** A lesson's race is under way: it trains instead of the model, which waits. A stopped or finished race, left on the panel, is over. */
export function racing(p: Progress | null): boolean {
  return Boolean(p?.race && !p.race.done);
}

/**
 * The saved model that answers the bars, named as the shelf names it, when it is not one of the
 * app's own pair (a lesson, a custom network, an import); null for the pair, which the status line
 * calls "the dense network" or "the convolutional network". QA read "the dense network answers"
 * under a lesson at 11 % as the app's own Dense network fallen to 11 %.
 */
export function answeringName(p: Progress | null): string | null {
  const entry = otherAnswering(p?.storage ?? null);
  return entry ? `“${entry.name}”` : null;
}
