import { describe, expect, it } from 'vitest';
import { testedAccuracy } from './tested.ts';

describe('testedAccuracy', () => {
  it('names the samples a saved model was tested at only when it was saved after more', () => {
    expect(testedAccuracy({ testAccuracy: null, samplesSeen: 500 })).toBe('not yet tested');
    expect(testedAccuracy({ testAccuracy: 0.9684, samplesSeen: 57_024 })).toBe('96.8%');
    expect(testedAccuracy({ testAccuracy: 0.9684, testedAt: 57_024, samplesSeen: 57_024 })).toBe('96.8%');
    expect(testedAccuracy({ testAccuracy: 0.9684, testedAt: 46_016, samplesSeen: 57_024 })).toBe('96.8% (tested at 46,016 samples)');
  });
});
