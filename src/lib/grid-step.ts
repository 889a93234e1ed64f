// Arrow keys over a sparse grid of buttons (the confusion matrix's non-zero counts): one Tab stop
// for the whole grid, and the arrows move to the nearest cell that has a button.

export type Cell = readonly [row: number, col: number];

/** The cell `key` moves to from `at`, or null when it is no move or there is none that way. */
export function gridStep(cells: readonly Cell[], at: Cell, key: string): Cell | null {
  const [r, c] = at;
  const inRow = cells.filter(([cr]) => cr === r).sort((a, b) => a[1] - b[1]);
  switch (key) {
    case 'ArrowRight':
      return inRow.find(([, cc]) => cc > c) ?? null;
    case 'ArrowLeft':
      return inRow.filter(([, cc]) => cc < c).at(-1) ?? null;
    case 'Home':
      return inRow[0] ?? null;
    case 'End':
      return inRow.at(-1) ?? null;
    case 'ArrowDown':
    case 'ArrowUp': {
      const down = key === 'ArrowDown';
      const rows = cells.map(([cr]) => cr).filter((cr) => (down ? cr > r : cr < r));
      if (rows.length === 0) return null;
      const row = down ? Math.min(...rows) : Math.max(...rows);
      // The nearest column in that row; a tie goes to the left one.
      return cells
        .filter(([cr]) => cr === row)
        .reduce((best, cell) => {
          const d = Math.abs(cell[1] - c), bd = Math.abs(best[1] - c);
          return d < bd || (d === bd && cell[1] < best[1]) ? cell : best;
        });
    }
    default:
      return null;
  }
}

/** The cell nearest `at` (fewest steps across and down; a tie goes to the earlier in reading order), or null for none. */
export function nearest(cells: readonly Cell[], at: Cell): Cell | null {
  let best: Cell | null = null, bestD = Infinity;
  for (const cell of [...cells].sort((a, b) => a[0] - b[0] || a[1] - b[1])) {
    const d = Math.abs(cell[0] - at[0]) + Math.abs(cell[1] - at[1]);
    if (d < bestD) [best, bestD] = [cell, d];
  }
  return best;
}
