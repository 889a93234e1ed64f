// A hand-made stroke alphabet (see glyph.ts for the path language: 0–10 grid, y down, arcs in
// degrees clockwise from "right"). Each letter is drawn the way people commonly write it, with
// its usual strokes; writer variation comes later (glyph.ts `write`).
//
// Three groups:
// - TRAIN_LETTERS: what the "not a digit" class learns from.
// - HELD_OUT_LETTERS: other allographs of trained letters and letters of other alphabets, never
//   used in training: the generated test set measures generalisation with them.
// - AMBIGUOUS_LETTERS: letters that are, or are drawn exactly like, digits. Flagging them would
//   teach the model to flag real digits, so they are never "not a digit" training data; the
//   bench reports how they are read, separately. See docs/not-sure.md for the reasons.

export const TRAIN_LETTERS: Record<string, string> = {
  A: '0,10 5,0 10,10 | 2.5,5.5 7.5,5.5',
  C: 'a:5.5,5,4.5,5,-40,-320',
  D: '1,0 1,10 | 1,0 4,0 a:4,5,5,5,-90,90 1,10',
  E: '9,0 1,0 1,10 9,10 | 1,5 7,5',
  F: '9,0 1,0 1,10 | 1,5 7,5',
  H: '1,0 1,10 | 9,0 9,10 | 1,5 9,5',
  J: '3,0 9,0 | 7,0 7,7 a:4,7,3,3,0,170',
  K: '1,0 1,10 | 8,0 1,6 | 3.5,4.2 9,10',
  L: '1,0 1,10 8,10',
  M: '0,10 1,0 5,7 9,0 10,10',
  N: '1,10 1,0 9,10 9,0',
  P: '1,10 1,0 | 1,0 6,0 a:6,2.75,3,2.75,-90,90 1,5.5',
  Q: 'a:5,5,4.5,5,-90,270 | 5.5,7 10,11',
  R: '1,10 1,0 | 1,0 6,0 a:6,2.75,3,2.75,-90,90 1,5.5 | 4,5.5 9,10',
  T: '0,0 10,0 | 5,0 5,10',
  U: '1,0 1,6 a:5,6,4,4,180,0 9,0',
  V: '0,0 5,10 10,0',
  W: '0,0 2.5,10 5,3 7.5,10 10,0',
  X: '0,0 10,10 | 10,0 0,10',
  Y: '0,0 5,5 10,0 | 5,5 5,10',
  a: '2,3 a:5,3.5,3.5,2.5,-150,0 8.5,10 | 8.5,6 a:5,7.5,3.5,2.5,-60,-300 8.5,9',
  d: 'a:4,7,4,3,-20,-340 | 8,0 8,10',
  e: '1,5 9,5 a:5,5,4,5,0,-300',
  f: 'a:7,2,2,2,-20,-180 5,10 | 2,4 8,4',
  h: '1,0 1,10 | 1,6 a:5,6,4,3,180,360 9,10',
  k: '1,0 1,10 | 8,4 1,7 8,10',
  m: '1,4 1,10 | 1,5 a:3,5,2,2,180,360 5,10 | 5,5 a:7,5,2,2,180,360 9,10',
  n: '1,3 1,10 | 1,5 a:5,5,4,3,180,360 9,10',
  p: '1,3 1,13 | 1,4 a:4.5,5.5,3.5,2.5,-120,120 1,7.5',
  r: '1,3 1,10 | 1,6 a:5,6,4,3,180,300',
  t: '4,0 4,8 a:6,8,2,2,180,90 8,9.5 | 1,3 8,3',
  u: '1,2 1,7 a:5,7,4,3,180,0 9,2 9,10',
  v: '0,2 5,10 10,2',
  w: '0,2 2.5,10 5,4 7.5,10 10,2',
  x: '1,2 9,10 | 9,2 1,10',
};

/** Never in training: other ways to write trained letters, and letters of other alphabets. */
export const HELD_OUT_LETTERS: Record<string, string> = {
  'E (curly)': 'a:5.5,2.5,4,2.5,-30,-270 a:5.5,7.5,4,2.5,-90,-330',
  'H (one stroke)': '1,0 1,10 1,5 9,5 9,0 9,10',
  'K (arms from stem)': '1,0 1,10 | 8,0 1.5,5 8,10',
  'M (straight)': '1,10 1,0 5,6 9,0 9,10',
  'N (round)': '1,10 1,1 a:3,2,2,2,180,360 5,8 a:7,8,2,2,180,0 9,0',
  'R (one stroke)': '1,10 1,0 a:5,2.75,4,2.75,-90,90 1,5.5 9,10',
  'T (curved bar)': '0,2 a:5,3,5,2,-170,-10 | 5,1 5,10',
  'W (crossed)': '0,0 3,10 6,0 | 4,0 7,10 10,0',
  'x (cursive)': 'a:2,5,3,5,-90,90 | a:8,5,3,5,-90,-270',
  'h (looped)': '1,10 1,2 a:2.5,2,1.5,2,180,360 1,6 | 1,6 a:5,6,4,3,180,360 9,10',
  'k (looped)': '1,0 1,10 | 1,7 a:5,5,2.5,2,150,-150 2,6 8,10',
  'r (hooked)': '1,10 1,3 | 1,6 a:4,5,3,2,180,300 9,4',
  'f (looped)': '5,13 5,2 a:7,2,2,2,180,360 | 2,5 8,5',
  λ: '1,0 3,0 9,10 | 5,4 1,10',
  π: '0,2 10,2 | 3,2 3,10 | 7,2 6.5,10',
  Σ: '9,0 1,0 6,5 1,10 9,10',
  Ω: '1,10 3,10 a:5,4.5,4,4.5,120,420 7,10 9,10',
  Ж: '5,0 5,10 | 0,0 5,5 0,10 | 10,0 5,5 10,10',
  Я: '9,10 9,0 | 9,0 4,0 a:4,2.75,3,2.75,-90,-270 9,5.5 | 6,5.5 1,10',
  Ф: 'a:5,5,4.5,3,0,360 | 5,0 5,10',
  Ψ: 'a:5,3,4,4,180,0 | 5,0 5,10',
  θ: 'a:5,5,3.5,5,-90,270 | 1.5,5 8.5,5',
  Д: '3,0 2,8 | 3,0 8,0 8,8 | 0,10 0,8 10,8 10,10',
};

/**
 * Digits in all but name (I, l, |, / → 1; O, o → 0; S, s → 5; Z, z → 2; b, G → 6; g, q and the
 * single-storey ɑ → 9; B → 8; y → the open 4). Kept for the report, never trained as "not a digit".
 */
export const AMBIGUOUS_LETTERS: Record<string, string> = {
  O: 'a:5,5,4,5,-90,270',
  o: 'a:5,6.5,4,3.5,-90,270',
  I: '5,0 5,10',
  l: 'a:4,9,1,1,180,90 5,0',
  S: 'a:5,2.75,4,2.75,-20,-270 a:5,7.25,4,2.75,-90,160',
  Z: '0,0 10,0 0,10 10,10',
  B: '1,0 1,10 | 1,0 5,0 a:5,2.5,3,2.5,-90,90 1,5 6,5 a:6,7.5,3.5,2.5,-90,90 1,10',
  b: '1,0 1,10 | 1,6 a:5,7,4,3,180,540',
  G: 'a:5.5,5,4.5,5,-40,-360 a:5.5,5,4.5,5,0,60 | 6,5 10,5',
  g: 'a:5,3,3.5,3,0,-360 8.5,3 8.5,10 a:5,10,3.5,2,0,160',
  q: 'a:5,3,3.5,3,0,-360 8.5,3 8.5,12',
  ɑ: 'a:4.5,6,3.5,3.5,0,-360 8,3 8,10',
  y: '1,0 1,4 a:5,4,4,3,180,0 9,0 | 9,0 9,10',
};
