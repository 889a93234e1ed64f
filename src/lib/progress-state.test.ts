import { describe, expect, it } from 'vitest';
import type { Progress } from '../../worker/api.ts';
import { answeringName, racing, trainsPair } from './progress-state.ts';

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

  it('names the answering model by its shelf name unless it is one of the app\'s own pair', () => {
    const entry = (id: string, kind: string, name: string) => ({ id, kind, name }) as Progress['storage']['entries'][number];
    const shelf = (activeId: string | null) => ({ activeId, entries: [entry('a', 'default', 'Dense network'), entry('b', 'lesson', 'Lesson: dying ReLU'), entry('c', 'import', 'mine')] }) as Progress['storage'];
    expect(answeringName(null)).toBe(null);
    expect(answeringName(report({ storage: shelf('a') }))).toBe(null);
    expect(answeringName(report({ storage: shelf('b') }))).toBe('“Lesson: dying ReLU”');
    expect(answeringName(report({ storage: shelf('c') }))).toBe('“mine”');
    // Not saved yet (a lesson before its first test): the status line falls back to the network's kind.
    expect(answeringName(report({ storage: shelf(null) }))).toBe(null);
  });
});
