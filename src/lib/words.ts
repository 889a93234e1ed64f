/** "a 7", but "an 8": the article English reads before a digit's spoken name. */
export function aDigit(d: number): string {
  return `${d === 8 ? 'an' : 'a'} ${d}`;
}
