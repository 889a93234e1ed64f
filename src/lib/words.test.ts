import { describe, expect, it } from 'vitest';
import { aDigit } from './words.ts';

describe('aDigit', () => {
  it('says "an 8" and "a" before every other digit', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(aDigit)).toEqual(['a 0', 'a 1', 'a 2', 'a 3', 'a 4', 'a 5', 'a 6', 'a 7', 'an 8', 'a 9']);
  });
});
