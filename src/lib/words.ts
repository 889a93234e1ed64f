/** The article English reads before a digit's spoken name: "an" before eight, "a" before the rest. */
export function article(d: number): 'a' | 'an' {
  return d === 8 ? 'an' : 'a';
}

/** "a 7", but "an 8". */
export function aDigit(d: number): string {
  return `${article(d)} ${d}`;
}

/** A digit stands out from the next when its probability is at least this many times the next's. */
const STANDS_OUT = 1.5;

/**
 * What follows "Not sure — " when no digit stands out among the bars (`unclear`: the verdict's
 * 'no-clear-digit'): the two likeliest, "a 4 or a 9?", when both stand out from the rest; the
 * likeliest alone, "maybe a 1?", when only it does; else that none does — an untrained model's
 * flat bars name no pair, and a runner-up tied with four others is no candidate. Otherwise: the
 * drawing looks like no digit at all.
 */
export function doubtOf(probabilities: ArrayLike<number>, unclear: boolean): string {
  if (!unclear || probabilities.length < 3) return 'doesn’t look like a digit';
  const [first, second, third] = Array.from(probabilities, (p, d) => ({ p, d })).sort((a, b) => b.p - a.p || a.d - b.d);
  if (second.p >= STANDS_OUT * third.p && second.p > 0) return `${aDigit(first.d)} or ${aDigit(second.d)}?`;
  if (first.p >= STANDS_OUT * second.p && first.p > 0) return `maybe ${aDigit(first.d)}?`;
  return 'no digit stands out';
}

const INTEGER = new Intl.NumberFormat('en');
const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** "60,000": counts everywhere in the page, in English whatever the browser's locale (the text around them is English). */
export function formatCount(n: number): string {
  return INTEGER.format(n);
}

/** "96.8%": a share or an accuracy (0–1) as the page writes it, to `decimals` places. */
export function formatPercent(x: number, decimals = 1): string {
  return `${(100 * x).toFixed(decimals)}%`;
}

/** "480K": an axis end. */
export function formatCompact(n: number): string {
  return COMPACT.format(n);
}

/**
 * A misread test image's shares: its guess, its true digit, and what the ten digits leave (the
 * "not a digit" output's) when large, else "2: 6% · 7: 5%" leaves the rest unexplained. Likeliest
 * first: "9: 17% · 4: 4% · not a digit: 76%" read as a confident 9 (QA).
 */
export function misreadShares(p: ArrayLike<number>, guess: number, label: number): string {
  let sum = 0;
  for (let d = 0; d < p.length; d++) sum += p[d];
  const rest = 1 - sum;
  const digits = `${guess}: ${Math.round(100 * p[guess])}% · ${label}: ${Math.round(100 * p[label])}%`;
  const none = `not a digit: ${Math.round(100 * rest)}%`;
  return rest > p[guess] ? `${none} · ${digits}` : rest >= 0.1 ? `${digits} · ${none}` : digits;
}
