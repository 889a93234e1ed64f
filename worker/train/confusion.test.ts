import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { defaultConfig } from './run-config.ts';
import { Run } from './run.ts';

const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 3000), test: subset(mnist.test, 0, 500) };

describe('where the model fails', () => {
  it('reports a confusion matrix that adds up, and each misread test image with its guess', () => {
    const run = new Run(1, { ...defaultConfig(2), hidden: [24] }, data);
    let report = run.report();
    while (!report.evaluation) {
      run.work();
      report = run.report();
    }
    const { confusion, misreads, samples } = report.evaluation!;
    expect(samples).toBe(run.trainer.samplesSeen);
    const total = confusion.flat().reduce((a, b) => a + b, 0);
    const right = confusion.reduce((s, row, d) => s + row[d], 0);
    expect(total).toBe(500);
    expect(right / total).toBeCloseTo(report.testAccuracy!, 6);
    expect(misreads).toHaveLength(total - right);
    for (const m of misreads) {
      expect(m.label).toBe(data.test.labels[m.index]);
      expect(m.guess).not.toBe(m.label);
      expect(m.probabilities[m.guess]).toBe(Math.max(...m.probabilities)); // rounded: ties can happen
    }
    // Each row counts that digit's test images.
    confusion.forEach((row, d) => expect(row.reduce((a, b) => a + b, 0)).toBe(data.test.labels.filter((l) => l === d).length));
    // Sent once: the next report has no evaluation until the next test.
    expect(run.report().evaluation).toBeUndefined();
  });
});
