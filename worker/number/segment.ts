// Strokes of a written number → one group of ink per digit, left to right, plus separators.
// Works on the pen paths (centrelines), not pixels: at the app's stroke width, digits written a
// fifth of a digit's width apart already touch as pixels, while their paths are still apart.
//
//   1. h = the writing height (pieces.ts); every threshold is a multiple of it (rules.ts).
//   2. Tall pieces ("cores") are joined when stacked or crossing in one column (cores.ts); so
//      are short ones, which make a digit when together they are as tall as a core.
//   3. Groups much wider than a digit are split: two touching digits, or two digits in one
//      stroke cut at the ligature (split.ts).
//   4. Digits whose cores two or more short strokes each touch are one shape, a "#", and so are
//      two joined by one crossbar, an H or an A (bridges.ts).
//   5. Small marks low in a gap between digits are decimal separators, a dash before the first
//      digit a minus sign (separators.ts).
//   6. Other small pieces join the one piece they touch, sit above or below, or are near
//      (attach.ts).
// No step looks at drawing order: a 4's bar added after the next digits joins its 4 all the same.

import { attachMinors } from './attach.ts';
import { joinBridged } from './bridges.ts';
import { groupCores } from './cores.ts';
import { boxOf, centreX, heightOf, unionBox, type Box } from './geometry.ts';
import type { Pt } from './pad.ts';
import { wholeStrokes, writingHeight, type Piece } from './pieces.ts';
import { CORE_HEIGHT } from './rules.ts';
import { takeMinus, takeSeparators } from './separators.ts';
import { splitWide } from './split.ts';

export interface InkGroup {
  pieces: Piece[];
  /** Box of the pieces' paths (centrelines) in side units. */
  box: Box;
  /** Digits' cores joined by the bars between them (bridges.ts): one shape, never cut in two. */
  shape: boolean;
}

export interface Segmentation {
  /** The writing height h in side units. */
  height: number;
  /** Digits, left to right. */
  digits: InkGroup[];
  /** Decimal points or commas, left to right. */
  separators: InkGroup[];
  /** A minus sign before the first digit, or null. */
  minus: InkGroup | null;
}

const toGroup = (pieces: Piece[], shape = false): InkGroup => ({
  pieces: pieces.sort((a, b) => a.stroke - b.stroke || a.from - b.from),
  box: unionBox(pieces.map((p) => p.box)),
  shape,
});
const leftToRight = (a: InkGroup, b: InkGroup) => centreX(a.box) - centreX(b.box);

/** strokes: in side units (pad.ts toSideUnits). Empty strokes are ignored. */
export function segment(strokes: readonly (readonly Pt[])[]): Segmentation {
  const h = writingHeight(strokes.filter((s) => s.length > 0).map(boxOf));
  const pieces = wholeStrokes(strokes, h);
  if (pieces.length === 0) return { height: h, digits: [], separators: [], minus: null };
  const cores = pieces.filter((p) => heightOf(p.box) >= CORE_HEIGHT * h);
  // Short pieces that touch and together stand as tall as a core are a digit too (an 8 in two
  // halves); a 1's flag and base are stacked too, but far apart.
  const minors: Piece[] = [];
  const coreGroups = groupCores(cores, h);
  for (const g of groupCores(pieces.filter((p) => heightOf(p.box) < CORE_HEIGHT * h), h, true)) {
    if (g.length > 1 && heightOf(unionBox(g.map((p) => p.box))) >= CORE_HEIGHT * h) coreGroups.push(g);
    else minors.push(...g);
  }
  const { groups, shapes } = joinBridged(coreGroups.flatMap((g) => splitWide(g, h)), minors, h);
  const separators = takeSeparators(minors, groups, h);
  const minus = takeMinus(minors, groups, h);
  attachMinors(minors, groups, h);
  return {
    height: h,
    digits: groups.map((g) => toGroup(g, shapes.has(g))).sort(leftToRight),
    separators: separators.map((p) => toGroup([p])).sort(leftToRight),
    minus: minus && toGroup([minus]),
  };
}
