// Keeps the training history chartable: new points are appended, and when the list grows past
// a cap, neighbouring pairs merge so the whole run stays in view at half the resolution.

import type { EvaluationReport, HistoryPoint, RunReport } from '../../worker/api.ts';

export const MAX_HISTORY = 2000;

/** Appends `added` to `history` (neither is mutated), halving the result while over `max`. */
export function appendHistory(
  history: readonly HistoryPoint[],
  added: readonly HistoryPoint[],
  max = MAX_HISTORY,
): HistoryPoint[] {
  let out = history.concat(added);
  while (out.length > max) out = mergePairs(out);
  return out;
}

/**
 * Pairs (0,1), (2,3)… become one point at the later sample count with the mean loss. Test
 * accuracy is measured rarely, so a pair keeps whichever it has (the later if both) rather than
 * dropping every other evaluation. An odd last point stays as it is.
 */
function mergePairs(points: readonly HistoryPoint[]): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    const a = points[i];
    const b = points[i + 1];
    out.push({
      samples: b.samples,
      loss: (a.loss + b.loss) / 2,
      testAccuracy: b.testAccuracy ?? a.testAccuracy,
    });
  }
  if (points.length % 2 === 1) out.push(points[points.length - 1]);
  return out;
}

/** What a chart shows of one model: its test history and latest test pass. */
export interface Chart {
  history: HistoryPoint[];
  evaluation: EvaluationReport | null;
}

/** The chart after a report: what is new added, or, from a whole record (RunReport.whole), started over. */
export function chartAfter(chart: Chart, r: Pick<RunReport, 'history' | 'evaluation' | 'whole'>): Chart {
  if (r.whole) return { history: r.history, evaluation: r.evaluation ?? null };
  return {
    history: r.history.length > 0 ? appendHistory(chart.history, r.history) : chart.history,
    evaluation: r.evaluation ?? chart.evaluation,
  };
}
