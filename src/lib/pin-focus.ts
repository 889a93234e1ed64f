// Where the keyboard focus goes after a pin button of the model pair is pressed. The button goes
// away once the worker reports the pin; but a takeover can be reported first (the convolutional
// network just tested better), removing the button before the pin arrives. The focus then waits
// on another button of the pair and moves on to the row's new one when the pin is reported.
export type Which = 'main' | 'companion';

export interface PendingPin<E> {
  /** The row whose button was pressed. */
  which: Which;
  /** What was asked for: a model pinned, or null (the better one answers again). */
  to: Which | null;
  /** The pressed button. */
  from: E;
  /** Where this helper last put the focus. */
  placed: E | null;
}

export interface PairNow<E> {
  pinned: boolean;
  answering: Which | null;
  /** The focused element; null when nothing is (the page). */
  focused: E | null;
  connected(e: E): boolean;
  /** The row's button, else the pair's first, else null. */
  buttonOf(which: Which): E | null;
}

/** What to focus now (null: leave it), and whether the pin is settled (the helper is done). */
export function followPin<E>(p: PendingPin<E>, now: PairNow<E>): { focus: E | null; settled: boolean } {
  if (now.connected(p.from)) return { focus: null, settled: false };
  const reported = p.to === null ? !now.pinned : now.pinned && now.answering === p.to;
  // Lost with the pressed button, or still where this helper put it: the person has not moved it
  // (the page itself holding the focus after this helper placed it means they clicked elsewhere).
  const ours = p.placed === null ? now.focused === null : now.focused === p.placed;
  const button = ours ? now.buttonOf(p.which) : null;
  return { focus: button, settled: reported || !ours };
}
