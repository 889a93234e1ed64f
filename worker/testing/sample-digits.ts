// Digits like the app adds them (pixels, strokes on the pad, a verdict), deterministic, for the
// tests of "Your digits".
import { Rng } from '../nn/rng.ts';
import { check, keepStrokes, PIXELS, type YourDigit } from '../personal/digit.ts';

export function sampleDigit(i: number, rng = new Rng(i + 1)): YourDigit {
  const strokes = i % 3 === 2 ? null : keepStrokes(Array.from({ length: 1 + (i % 3) }, () => Array.from({ length: 5 + (i % 7) }, () => ({ x: rng.next(), y: rng.next() }))));
  return check({
    id: `d${i.toString(36)}-${i}`,
    label: i % 10,
    pixels: Uint8Array.from({ length: PIXELS }, () => (rng.next() < 0.2 ? Math.floor(rng.next() * 256) : 0)),
    strokes,
    createdAt: 1_700_000_000_000 + i * 1000,
    verdict: i % 4 === 3 ? null : { predicted: (i * 7) % 10, probability: Math.round(rng.next() * 1e4) / 1e4 },
  });
}
