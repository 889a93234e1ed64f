import { describe, expect, it } from 'vitest';
import { SaveSchedule } from './schedule.ts';

describe('SaveSchedule', () => {
  it('is due after 30 s of training time, counting only ticks of the running loop', () => {
    const s = new SaveSchedule(30_000, 10_000);
    let t = 0;
    for (; t < 29_000; t += 100) s.tick(t);
    expect(s.due(t)).toBe(false);
    // A 5-minute pause is not training: at most one second of it counts.
    s.idle();
    t += 300_000;
    s.tick(t);
    expect(s.due(t)).toBe(false);
    for (let i = 0; i < 15; i++) s.tick((t += 100));
    expect(s.due(t)).toBe(true);
    s.saved(t);
    expect(s.due(t)).toBe(false);
  });

  it('is due after an improved evaluation, at most once per 10 s', () => {
    const s = new SaveSchedule(30_000, 10_000);
    s.evaluated(0.9);
    expect(s.due(0)).toBe(true);
    s.saved(0);
    s.evaluated(0.95);
    expect(s.due(5_000)).toBe(false);
    expect(s.due(10_000)).toBe(true);
    s.saved(10_000);
    s.evaluated(0.94); // worse: no save
    expect(s.due(60_000)).toBe(false);
  });

  it('a restored run remembers its best accuracy', () => {
    const s = new SaveSchedule();
    s.restart(0.97);
    s.evaluated(0.969);
    expect(s.due(1e9)).toBe(false);
    s.evaluated(0.971);
    expect(s.due(1e9)).toBe(true);
  });
});
