import { describe, expect, it } from 'vitest';
import { gridStep, nearest, type Cell } from './grid-step.ts';

// A sparse 10×10 confusion matrix's buttons: row 3 has three, row 5 none, row 7 two.
const cells: Cell[] = [[0, 6], [3, 1], [3, 5], [3, 8], [7, 2], [7, 9], [9, 4]];

describe('gridStep', () => {
  it('moves along a row to the next cell that has a button, and stops at its ends', () => {
    expect(gridStep(cells, [3, 1], 'ArrowRight')).toEqual([3, 5]);
    expect(gridStep(cells, [3, 5], 'ArrowLeft')).toEqual([3, 1]);
    expect(gridStep(cells, [3, 8], 'ArrowRight')).toBeNull();
    expect(gridStep(cells, [3, 1], 'ArrowLeft')).toBeNull();
    expect(gridStep(cells, [3, 5], 'Home')).toEqual([3, 1]);
    expect(gridStep(cells, [3, 5], 'End')).toEqual([3, 8]);
  });

  it('moves up and down to the nearest row that has one, at the nearest column', () => {
    expect(gridStep(cells, [3, 5], 'ArrowDown')).toEqual([7, 2]); // |2-5| = 3 < |9-5| = 4
    expect(gridStep(cells, [3, 8], 'ArrowDown')).toEqual([7, 9]);
    expect(gridStep(cells, [7, 2], 'ArrowUp')).toEqual([3, 1]);
    expect(gridStep(cells, [3, 5], 'ArrowUp')).toEqual([0, 6]);
    expect(gridStep(cells, [9, 4], 'ArrowDown')).toBeNull();
    expect(gridStep(cells, [0, 6], 'ArrowUp')).toBeNull();
    // A tie goes left.
    expect(gridStep([[0, 2], [1, 1], [1, 3]], [0, 2], 'ArrowDown')).toEqual([1, 1]);
  });

  it('ignores other keys', () => {
    expect(gridStep(cells, [3, 5], 'Enter')).toBeNull();
    expect(gridStep(cells, [3, 5], 'a')).toBeNull();
  });
});

describe('nearest', () => {
  it('finds the cell fewest steps away, the earlier in reading order on a tie', () => {
    expect(nearest(cells, [3, 6])).toEqual([3, 5]);
    expect(nearest(cells, [5, 2])).toEqual([7, 2]); // 2 steps; [3, 1] is 3
    expect(nearest([[2, 0], [0, 0]], [1, 0])).toEqual([0, 0]);
    expect(nearest([], [1, 0])).toBeNull();
  });
});
