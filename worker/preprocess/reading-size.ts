// How big a drawing is read. The pen is as wide for a small digit as for a big one, so a digit
// drawn at a fifth of the pad comes out of MNIST's 20-px box as a blot of strokes half its size
// wide (and preprocess.ts keeps anything under 40 % of the pad under 20 px, so that a dot stays a
// dot). On the 653 UNIPEN dev digits, the CNN read 147 / 452 / 610 / 640 right at 10 / 20 / 30 /
// 50 % of the pad and flagged 651 / 141 / 19 / 3 as not digits; enlarged to half the pad before
// painting, 640 at every size (the dense network and later snapshots alike). The network's
// training drawings span 35–90 % of the pad, so half the pad is well inside what it knows;
// bigger drawings are read as they are.

/** A drawing smaller than this share of the pad's shorter side is read as if it were this big… */
export const READ_AT_LEAST = 0.5;
/** …enlarged at most this many times: a tap or a tiny jitter stays a dot, not a 0 or a 1. */
export const MAX_ENLARGE = 5;

/** The factor that brings a drawing `size` across (in pad sides) to reading size; 1 when it is that big. */
export function enlargement(size: number): number {
  if (!(size >= 0 && size < READ_AT_LEAST)) return 1; // also no ink (size −∞)
  return size > READ_AT_LEAST / MAX_ENLARGE ? READ_AT_LEAST / size : MAX_ENLARGE;
}
