import { describe, expect, it } from 'vitest';
import { Throughput } from './throughput.ts';

describe('training speed', () => {
  it('says nothing until a window holds enough work, then smooths across windows', () => {
    const t = new Throughput();
    t.add(100, 20);
    expect(t.take()).toBe(0); // 20 ms of work is too little to mean anything
    t.add(400, 80); // now 500 samples in 100 ms
    expect(t.take()).toBe(5000);
    t.add(1000, 100); // 10,000/s: moves the figure 30 % of the way
    expect(t.take()).toBe(6500);
    expect(t.take()).toBe(6500); // an empty window changes nothing
  });

  it('starts the window over for other work, and forgets the figure for a new model', () => {
    const t = new Throughput();
    t.add(1000, 100);
    expect(t.take()).toBe(10000);
    t.add(30, 40);
    t.restart(); // a race: the 40 ms of the old run's work are not mixed in…
    t.add(300, 60);
    expect(t.take()).toBe(8500); // …but the figure carries on: 0.7·10,000 + 0.3·5,000
    t.add(50, 40);
    t.restart(true); // a new model: window and figure go
    t.add(500, 100);
    expect(t.take()).toBe(5000);
  });
});
