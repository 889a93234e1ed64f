import { describe, expect, it } from 'vitest';
import type { Progress } from '../../worker/api.ts';
import { racing, trainsPair } from './progress-state.ts';

const report = (p: Partial<Progress>) => p as Progress;

describe('progress-state', () => {
  it('a race is under way until it is done, whether it finished or was stopped', () => {
    expect(racing(null)).toBe(false);
    expect(racing(report({ race: null }))).toBe(false);
    expect(racing(report({ race: { done: false } as Progress['race'] }))).toBe(true);
    expect(racing(report({ race: { done: true, stopped: true } as Progress['race'] }))).toBe(false);
  });

  it('the app trains its pair once the convolutional network trains or is due to', () => {
    expect(trainsPair(null)).toBe(false);
    expect(trainsPair(report({ companion: null, companionDue: false }))).toBe(false);
    expect(trainsPair(report({ companion: null, companionDue: true }))).toBe(true);
    expect(trainsPair(report({ companion: {} as Progress['companion'], companionDue: false }))).toBe(true);
  });
});
