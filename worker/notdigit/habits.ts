// The person's own pen habits, read from "Your digits" (worker/personal): the pen tests of the
// "not a digit" rule (verdict.ts) are fixed, measured on other writers, and a correction teaches
// the network but not them. A person who writes their 0 open like a C, dots a serif apart from
// their 7, writes a 4 in three strokes or a 6 whose loop stays open would see "Not sure" (or no
// 6) on those digits forever, however often they corrected it. So a pen test yields for a digit
// the person has labelled with that very trait: their digits say it is how they write it. It
// yields for that digit only: a C read as 0 is still "not sure" for someone whose zeros close.

import { footSpan, INK, WIDE_FOOT } from './foot.ts';
import type { Pen, Point } from './pen.ts';
import { penInNumber, penOf } from './pen.ts';
import { PART_TESTS, partsAgainst, type PartTest } from './parts.ts';

/** Per digit 0–9, what the person's own labelled drawings of it show. */
export interface PenHabits {
  /** The most pen strokes they wrote it in (0: none of theirs with strokes kept). */
  strokes: number[];
  /** One of theirs has a dot apart from the ink (pen.ts detachedDot). */
  detachedDot: boolean[];
  /** One of theirs is only small marks (pen.ts scattered). */
  scattered: boolean[];
  /** One of theirs is one stroke that does not close (pen.ts openLoop). */
  openLoop: boolean[];
  /** The farthest one of theirs in one stroke stays from coming back to itself (pen.ts loopGap; 0: none). */
  loopGap: number[];
  /** One of theirs is only straight lines crossing or side by side (pen.ts lines). */
  lines: boolean[];
  /** One of theirs is one stroke that closes, of long straight sides (pen.ts polygon). */
  polygon: boolean[];
  /** One of theirs spans more than WIDE_FOOT of its width at the bottom (foot.ts; from its pixels). */
  wideFoot: boolean[];
  /**
   * The parts tests one of theirs fails (parts.ts: 'bar' for a 4 without one…): each yields for
   * that digit alone, so one odd 0 leaves the 0's other tests standing.
   */
  parts: PartTest[][];
}

/** No digits of their own: every pen test applies. */
export function noHabits(): PenHabits {
  return { strokes: Array(10).fill(0), detachedDot: Array(10).fill(false), scattered: Array(10).fill(false), openLoop: Array(10).fill(false), loopGap: Array(10).fill(0), lines: Array(10).fill(false), polygon: Array(10).fill(false), wideFoot: Array(10).fill(false), parts: Array.from({ length: 10 }, () => []) };
}

/**
 * Habits from labelled drawings: the pen's from their strokes (those kept only as pixels say
 * nothing of it), the foot from their pixels (the 28×28 input as bytes, 0..255).
 */
export function penHabits(digits: readonly { label: number; strokes: readonly (readonly Point[])[] | null; pixels?: ArrayLike<number>; inNumber?: boolean }[]): PenHabits {
  const h = noHabits();
  for (const d of digits) {
    if (!(d.label >= 0 && d.label <= 9)) continue;
    if (d.pixels) h.wideFoot[d.label] ||= footSpan(d.pixels, INK * 255) > WIDE_FOOT;
    if (!d.strokes) continue;
    // A digit of a number is judged as its bars were: its strokes are pieces cut from the
    // number's, and a piece that keeps a bit of a ligature is no evidence of the person's loops.
    const pen: Pen = d.inNumber ? penInNumber(d.strokes.length, d.strokes) : penOf(d.strokes);
    h.strokes[d.label] = Math.max(h.strokes[d.label], pen.strokes);
    h.detachedDot[d.label] ||= pen.detachedDot;
    h.scattered[d.label] ||= pen.scattered;
    h.openLoop[d.label] ||= pen.openLoop;
    h.lines[d.label] ||= pen.lines;
    h.polygon[d.label] ||= pen.polygon === true;
    for (const test of pen.parts ? partsAgainst(pen.parts, d.label) : []) if (!h.parts[d.label].includes(test)) h.parts[d.label].push(test);
    if (pen.loopGap != null && Number.isFinite(pen.loopGap)) h.loopGap[d.label] = Math.max(h.loopGap[d.label], pen.loopGap);
  }
  return h;
}

/** Checks habits that came from another worker; anything malformed counts as none. */
export function checkHabits(h: unknown): PenHabits | null {
  if (typeof h !== 'object' || h === null) return null;
  const o = h as Record<string, unknown>;
  const tenOf = (v: unknown, ok: (x: unknown) => boolean) => Array.isArray(v) && v.length === 10 && v.every(ok);
  const isBool = (x: unknown) => typeof x === 'boolean';
  const isGap = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
  const isTests = (x: unknown) => Array.isArray(x) && x.every((t) => (PART_TESTS as readonly unknown[]).includes(t));
  if (!tenOf(o.strokes, (x) => Number.isInteger(x) && (x as number) >= 0) || !tenOf(o.detachedDot, isBool) || !tenOf(o.scattered, isBool) || !tenOf(o.openLoop, isBool) || !tenOf(o.loopGap, isGap) || !tenOf(o.lines, isBool) || !tenOf(o.polygon, isBool) || !tenOf(o.wideFoot, isBool) || !tenOf(o.parts, isTests)) return null;
  return o as unknown as PenHabits;
}
