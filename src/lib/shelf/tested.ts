import type { ShelfEntry } from '../../../worker/api.ts';
import { formatCount, formatPercent } from '../words.ts';

/**
 * A saved model's test accuracy, and the samples it was tested at when it was saved after more
 * (QA: "96.8 % · 57,024 samples" was a test at 46,016 beside a later save's count).
 */
export function testedAccuracy(e: Pick<ShelfEntry, 'testAccuracy' | 'testedAt' | 'samplesSeen'>): string {
  if (e.testAccuracy === null) return 'not yet tested';
  const at = e.testedAt !== undefined && e.testedAt !== e.samplesSeen ? ` (tested at ${formatCount(e.testedAt)} samples)` : '';
  return `${formatPercent(e.testAccuracy)}${at}`;
}
