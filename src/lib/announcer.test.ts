import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer, SAID_MS } from './announcer.ts';

describe('Announcer', () => {
  let lines: string[];
  const line = () => lines.at(-1) ?? '';
  beforeEach(() => {
    vi.useFakeTimers();
    lines = [];
  });
  afterEach(() => vi.useRealTimers());

  it('says a line when its key changes, not when the text under the same key would, and empties it later', () => {
    const a = new Announcer((t) => lines.push(t));
    a.update('3', () => 'Looks like a 3');
    a.update('3', () => 'Looks like a 3 (newer)');
    expect(lines).toEqual(['Looks like a 3']);
    vi.advanceTimersByTime(SAID_MS);
    expect(line()).toBe('');
    a.update(null, () => 'never read');
    a.update('5', (before) => `5 after ${before}`);
    expect(line()).toBe('5 after null');
  });

  it('with a hold, says something new at once and a revision only once it has held', () => {
    const a = new Announcer((t) => lines.push(t), 1_500);
    a.update('not sure', () => 'Not sure');
    expect(line()).toBe('Not sure');
    // Newer models read the same drawing twice within a second: the line empties (nothing stale
    // beside the guess line), and only the reading that holds is said.
    a.update('3', () => 'Looks like a 3');
    expect(line()).toBe('');
    vi.advanceTimersByTime(600);
    a.update('8', () => 'Looks like an 8');
    vi.advanceTimersByTime(1_499);
    expect(lines.filter(Boolean)).toEqual(['Not sure']);
    vi.advanceTimersByTime(1);
    expect(lines.filter(Boolean)).toEqual(['Not sure', 'Looks like an 8']);
    // A new drawing (the pen down empties the key) is said at once.
    a.update(null, () => '');
    a.update('1', () => 'Looks like a 1');
    expect(line()).toBe('Looks like a 1');
  });

  it('a reading that comes back to what was said is not said again', () => {
    const a = new Announcer((t) => lines.push(t), 1_500);
    a.update('3', () => 'Looks like a 3');
    a.update('8', () => 'Looks like an 8');
    a.update('3', () => 'Looks like a 3');
    vi.advanceTimersByTime(5_000);
    expect(lines.filter(Boolean)).toEqual(['Looks like a 3']);
    a.dispose();
  });
});
