/** The article English reads before a digit's spoken name: "an" before eight, "a" before the rest. */
export function article(d: number): 'a' | 'an' {
  return d === 8 ? 'an' : 'a';
}

/** "a 7", but "an 8". */
export function aDigit(d: number): string {
  return `${article(d)} ${d}`;
}

/**
 * What follows "Not sure — ": "a 4 or a 9?" when no digit stands out among the bars (`unclear`:
 * the verdict's 'no-clear-digit'), else that the drawing looks like no digit at all.
 */
export function doubtOf(probabilities: ArrayLike<number>, unclear: boolean): string {
  if (!unclear || probabilities.length < 2) return 'doesn’t look like a digit';
  let first = 0, second = 1;
  if (probabilities[1] > probabilities[0]) [first, second] = [1, 0];
  for (let d = 2; d < probabilities.length; d++) {
    if (probabilities[d] > probabilities[first]) [first, second] = [d, first];
    else if (probabilities[d] > probabilities[second]) second = d;
  }
  return `${aDigit(first)} or ${aDigit(second)}?`;
}

const INTEGER = new Intl.NumberFormat('en');
const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** "60,000": counts everywhere in the page, in English whatever the browser's locale (the text around them is English). */
export function formatCount(n: number): string {
  return INTEGER.format(n);
}

/** "480K": an axis end. */
export function formatCompact(n: number): string {
  return COMPACT.format(n);
}
