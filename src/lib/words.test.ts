import { describe, expect, it } from 'vitest';
import { aDigit, doubtOf, formatCompact, formatCount, formatPercent, misreadShares } from './words.ts';

describe('aDigit', () => {
  it('says "an 8" and "a" before every other digit', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(aDigit)).toEqual(['a 0', 'a 1', 'a 2', 'a 3', 'a 4', 'a 5', 'a 6', 'a 7', 'an 8', 'a 9']);
  });
});

describe('doubtOf', () => {
  it('names the two likeliest digits when none stands out, in order', () => {
    const split = [0.02, 0.01, 0.01, 0.03, 0.36, 0.02, 0.01, 0.16, 0.05, 0.33];
    expect(doubtOf(split, true)).toBe('a 4 or a 9?');
    expect(doubtOf([0.3, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.35, 0.0], true)).toBe('an 8 or a 0?');
  });

  it('names the likeliest alone when the runner-up is tied with others, and none when the bars are flat', () => {
    expect(doubtOf([0.1, 0.38, 0.1, 0.1, 0.1, 0.1, 0.1, 0.02, 0, 0], true)).toBe('maybe a 1?');
    // A lesson's barely trained model (an exploratory session named "a 1 or a 7?" here, 4 tied with 7).
    expect(doubtOf([0.08, 0.15, 0.09, 0.1, 0.115, 0.08, 0.09, 0.115, 0.09, 0.09], true)).toBe('no digit stands out');
    expect(doubtOf(Array(10).fill(0.1), true)).toBe('no digit stands out');
  });

  it('says the drawing looks like no digit otherwise', () => {
    expect(doubtOf([0.02, 0.01, 0.01, 0.03, 0.36, 0.02, 0.01, 0.16, 0.05, 0.33], false)).toBe('doesn’t look like a digit');
  });
});

describe('numbers in the page', () => {
  it('group thousands with commas, and an axis end is short', () => {
    expect([7, 2048, 60000, 480000].map(formatCount)).toEqual(['7', '2,048', '60,000', '480,000']);
    expect([900, 60000, 481024, 1_500_000].map(formatCompact)).toEqual(['900', '60K', '481K', '1.5M']);
  });

  it('write a share as a percentage to the decimals asked, one by default', () => {
    expect([0.9684, 0.113, 1, 0].map((x) => formatPercent(x))).toEqual(['96.8%', '11.3%', '100.0%', '0.0%']);
    expect([formatPercent(0.98961, 2), formatPercent(0.4, 0), formatPercent(0.0004, 2)]).toEqual(['98.96%', '40%', '0.04%']);
  });
});

describe('misreadShares', () => {
  it('names the guess and the true digit, then "not a digit" when large, or first when it is likelier than the guess', () => {
    const p = (guess: number, label: number, at: [number, number]) => Array.from({ length: 10 }, (_, d) => (d === guess ? at[0] : d === label ? at[1] : 0));
    expect(misreadShares(p(9, 4, [0.9, 0.08]), 9, 4)).toBe('9: 90% · 4: 8%');
    expect(misreadShares(p(9, 4, [0.6, 0.2]), 9, 4)).toBe('9: 60% · 4: 20% · not a digit: 20%');
    expect(misreadShares(p(9, 4, [0.17, 0.04]), 9, 4)).toBe('not a digit: 79% · 9: 17% · 4: 4%');
  });
});
