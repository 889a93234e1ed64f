/** The article English reads before a digit's spoken name: "an" before eight, "a" before the rest. */
export function article(d: number): 'a' | 'an' {
  return d === 8 ? 'an' : 'a';
}

/** "a 7", but "an 8". */
export function aDigit(d: number): string {
  return `${article(d)} ${d}`;
}
