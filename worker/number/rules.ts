// The segmentation's thresholds, each a multiple of the writing height h (pieces.ts) or a share of
// a width, so they hold at any size. They come from how digits are written — a stroke that
// touches or sits above/below another in the same column belongs with it; a flag, bar, tick or
// dot is too small to be a digit on its own — with margins read off the UNIPEN dev digits
// (within-digit stroke pairs touch or overlap; 7-ticks reach 0.5 of the digit height, 5-flags
// float up to 0.2 above the body). bench/numbers.ts reports each half of the writers apart.

/** A piece at least this tall (× h) can carry a digit on its own ("core"); shorter ones attach. */
export const CORE_HEIGHT = 0.6;
/** Paths closer than this (× h) touch: a pen never lands this close to a neighbour by accident… */
export const TOUCH = 0.06;
/** …unless the digits really touch, so touching cores also need this much column overlap. */
export const TOUCH_OVERLAP = 0.15;
/**
 * Two pieces whose ends meet pairwise, both ends within this (× h), close a ring together: a 0 (or
 * a heart) written as a left and a right half, side by side, with no column overlap to stack them.
 * Two digits meet at one point when they touch, not at both ends of both.
 */
export const RING_ENDS = 0.1;
/**
 * …and enclose at least this area (× h²) between them: two 1s written a fifth of a digit apart
 * meet at both ends too, with next to nothing between them (a 0 of two halves: about 0.4).
 */
export const RING_AREA = 0.1;
/** Cores overlapping horizontally by this share of the narrower one are stacked: one digit. */
export const STACKED = 0.5;
/** Widths count as at least this (× h) when overlaps are compared (near-vertical strokes). */
export const MIN_WIDTH = 0.15;
/** A small piece this close (× h) to a bigger one is part of it even without touching (5's flag). */
export const NEAR = 0.25;
/** …or this close (× h) when it is beside it rather than over or under it (a 7's tick). */
export const NEAR_BESIDE = 0.12;
/** A piece lower than this (× h) is a flag, bar, base or dot: never a digit alone. */
export const FLAT = 0.35;
/** A group wider than this (× h) is checked for two digits side by side. */
export const WIDE = 1.0;
/** …and split between two sides of whole pieces overlapping by at most this share… */
export const SPLIT_OVERLAP = 0.35;
/**
 * One stroke is only cut when its group is this wide (× h): two digits and a ligature. Single
 * digits are up to ~1.4 times as wide as tall (a flat 7, a wide 0 open at the top), and those
 * have columns crossed once too.
 */
export const LIGATURE_WIDE = 1.4;
/** …and each side of the cut must be this wide (× h)… */
export const SPLIT_MIN_SIDE = 0.4;
/** …and either split must leave a side at least this tall (× h) on each side. */
export const SPLIT_MIN_HEIGHT = 0.5;
/** Two digits' cores that this many separate short strokes each touch are one shape (a "#"). */
export const BRIDGES = 2;
/** A crossbar (bridges.ts) lies this share of each core's height or more from its top and its foot… */
export const CROSSBAR_BAND = 0.25;
/** …lies over either core's columns for at most this share of its width… */
export const CROSSBAR_OVER = 0.35;
/**
 * …and ends this close (× h) to each core. It touches both (TOUCH), so a bar that stops short
 * ends within TOUCH; this much is for one that runs past an upright. A crossed 7's bar that
 * reaches the next digit ends 0.10–0.12 h beyond its stem.
 */
export const CROSSBAR_END = 0.07;
/** An A's legs meet (within CROSSBAR_END) this share of the height or less below the top of both… */
export const APEX_TOP = 0.15;
/** …and its bar, between them, may lie over each leg's columns for this share of its width (0.4–0.6 in the writers' A). */
export const APEX_OVER = 0.7;
/** A decimal point or comma: a mark at most this big (× h)… */
export const DOT = 0.25;
/** …whose centre is at least this far (× h) below the middle of its neighbours. */
export const DOT_LOW = 0.1;
/**
 * A minus sign: a flat mark (FLAT) at least this wide (× h), left of the first digit by more than
 * NEAR_BESIDE (a 7's tick is nearer), at the middle half of its height (a 5's flag is on top).
 */
export const MINUS_WIDTH = 0.25;
/**
 * A separator at least this tall (× h), and half again as tall as wide, has a tail: a comma, spelt as
 * written ("1,000" is a thousand to some readers and one to others; a point would make it one).
 */
export const COMMA = 0.12;
