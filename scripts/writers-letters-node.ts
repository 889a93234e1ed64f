// Node-only: the letters of the two other writers (e2e/fixtures, drawn by separate sessions), in
// PenDigit units, one writer per file, so numbers' code can write words of them.
import { readFileSync } from 'node:fs';
import { asPenDigits, type PenDigit } from '../worker/number/compose.ts';

export const WRITER_FILES = ['other-writer', 'third-writer'] as const;

export function readWritersLetters(): PenDigit[] {
  return WRITER_FILES.flatMap((name) => {
    const file = new URL(`../e2e/fixtures/${name}.json`, import.meta.url);
    const w = JSON.parse(readFileSync(file, 'utf8')) as { samples: { group: string; strokes: [number, number][][] }[] };
    return asPenDigits(w.samples.filter((s) => s.group === 'letter'), name);
  });
}
