import { describe, expect, it } from 'vitest';
import { DOUBT_BELOW, DOUBT_STEADY, dotted, looksLikeNoNumber, runnerUp } from './doubt.ts';

describe('dotted', () => {
  it('marks a digit under 80 % as its chip shows it, so "80%" is never dotted', () => {
    expect(DOUBT_BELOW).toBe(80);
    expect(dotted(79)).toBe(true);
    expect(dotted(80)).toBe(false);
    expect(dotted(Math.round(100 * 0.7977))).toBe(false); // QA: a chip reading "80%" was dotted
  });

  it('keeps a mark until a reading is DOUBT_STEADY points past the line, either way', () => {
    expect(dotted(DOUBT_BELOW + DOUBT_STEADY - 1, true)).toBe(true);
    expect(dotted(DOUBT_BELOW + DOUBT_STEADY, true)).toBe(false);
    expect(dotted(DOUBT_BELOW - DOUBT_STEADY, false)).toBe(false);
    expect(dotted(DOUBT_BELOW - DOUBT_STEADY - 1, false)).toBe(true);
  });
});

describe('runnerUp', () => {
  it('names the likeliest other digit, the first of a tie', () => {
    const p = [0.01, 0.6, 0.05, 0.3, 0.01, 0.01, 0.01, 0.005, 0.005, 0.01];
    expect(runnerUp(p, 1)).toBe(3);
    expect(runnerUp(p, 3)).toBe(1);
    expect(runnerUp([0.5, 0.25, 0.25], 0)).toBe(1);
  });
});

describe('looksLikeNoNumber', () => {
  it('is no number once half the parts or more are "?" or dotted, one "?" at least', () => {
    expect(looksLikeNoNumber(0, 0)).toBe(false);
    expect(looksLikeNoNumber(1, 1)).toBe(true);
    expect(looksLikeNoNumber(2, 1)).toBe(true); // "8?": a two-letter word
    expect(looksLikeNoNumber(3, 1)).toBe(false); // "1?7": a scribble between two digits
    expect(looksLikeNoNumber(3, 1, 1)).toBe(true); // "?85", its 8 at 60 %
    expect(looksLikeNoNumber(3, 0, 3)).toBe(false); // three digits, each less sure: a number still
    expect(looksLikeNoNumber(4, 2)).toBe(true);
    expect(looksLikeNoNumber(5, 2)).toBe(false);
    expect(looksLikeNoNumber(5, 2, 1)).toBe(true);
    expect(looksLikeNoNumber(5, 3)).toBe(true);
  });
});
