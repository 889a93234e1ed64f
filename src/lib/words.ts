/** The article English reads before a digit's spoken name: "an" before eight, "a" before the rest. */
export function article(d: number): 'a' | 'an' {
  return d === 8 ? 'an' : 'a';
}

/** "a 7", but "an 8". */
export function aDigit(d: number): string {
  return `${article(d)} ${d}`;
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
