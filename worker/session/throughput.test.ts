import { describe, expect, it } from 'vitest';
import { Throughput, Throughputs } from './throughput.ts';

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

  it('keeps a figure for each run: one never shows beside another, and a run comes back to its own', () => {
    const speeds = new Throughputs<object>();
    const dense = {}, cnn = {};
    speeds.of(dense).add(1600, 100);
    expect(speeds.of(dense).take()).toBe(16000);
    // The convolutional network trains now: nothing of the dense network's figure is its own.
    expect(speeds.of(cnn).take()).toBe(0);
    speeds.of(cnn).add(200, 100);
    expect(speeds.of(cnn).take()).toBe(2000);
    // A few steps of the dense network, then the convolutional network again: its figure waits.
    speeds.of(dense).add(800, 100);
    expect(speeds.of(dense).take()).toBe(13600); // 0.7·16,000 + 0.3·8,000
    expect(speeds.of(cnn).take()).toBe(2000);
  });
});
