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

  it('starts window and figure over for other work, and only then', () => {
    const t = new Throughput();
    const dense = {}, cnn = {};
    t.follow(dense);
    t.add(1000, 100);
    expect(t.take()).toBe(10000);
    t.follow(dense); // the same run: the figure carries on
    t.add(500, 100);
    expect(t.take()).toBe(8500); // 0.7·10,000 + 0.3·5,000
    t.add(50, 40);
    t.follow(cnn); // the convolutional network trains now: the dense network's work is not mixed in
    expect(t.take()).toBe(0);
    t.add(60, 100);
    expect(t.take()).toBe(600);
  });
});
