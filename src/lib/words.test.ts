import { describe, expect, it } from 'vitest';
import { aDigit, formatCompact, formatCount } from './words.ts';

describe('aDigit', () => {
  it('says "an 8" and "a" before every other digit', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(aDigit)).toEqual(['a 0', 'a 1', 'a 2', 'a 3', 'a 4', 'a 5', 'a 6', 'a 7', 'an 8', 'a 9']);
  });
});

describe('numbers in the page', () => {
  it('group thousands with commas, and an axis end is short', () => {
    expect([7, 2048, 60000, 480000].map(formatCount)).toEqual(['7', '2,048', '60,000', '480,000']);
    expect([900, 60000, 481024, 1_500_000].map(formatCompact)).toEqual(['900', '60K', '481K', '1.5M']);
  });
});
