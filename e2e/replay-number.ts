// Numbers replayed on the number pad as pen events, in the page, and what was read: for
// numbers.spec.ts (numbers composed from real pen digits).
import type { ComposedNumber } from '../worker/number/compose.ts';

export interface Read {
  text: string;
  digits: { top: number; strokeIndices: number[]; p: number; notADigit: boolean }[];
  /** Digits dotted in "Reads …" as less sure, and its words. */
  dotted: number;
  said: string;
  /** What screen readers hear (waited for when a digit is dotted: it is said once it has held). */
  spoken: string;
}

/**
 * Runs in the page: Clear, then replay strokes (points in pad heights) as pen events on the
 * number pad, stroke by stroke as a person writes (the pad grows to the right between strokes);
 * waits for the reading of the finished drawing.
 */
export async function inPageWriteNumber(args: { strokes: [number, number][][]; timeoutMs: number }): Promise<Read | null> {
  const canvas = () => document.querySelector('canvas[aria-label="Write a number"]') as HTMLCanvasElement;
  const readout = () => document.querySelector('[aria-label="The number"]');
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const clear = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clear');
  if (clear && !clear.disabled) clear.click();
  for (let i = 0; i < 10 && globalThis.digitpad.reading() !== null; i++) await frame();
  const pe = (type: string, x: number, y: number) => {
    const rect = canvas().getBoundingClientRect();
    const init: PointerEventInit = {
      bubbles: true, cancelable: true, composed: true, pointerId: 1, pointerType: 'pen', isPrimary: true,
      clientX: rect.left + x * rect.height, clientY: rect.top + y * rect.height,
      button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1, pressure: type === 'pointerup' ? 0 : 0.5,
    };
    if (type === 'pointermove') init.coalescedEvents = [new PointerEvent(type, init)];
    return new PointerEvent(type, init);
  };
  for (const s of args.strokes) {
    canvas().dispatchEvent(pe('pointerdown', ...s[0]));
    for (const [x, y] of s.slice(1)) canvas().dispatchEvent(pe('pointermove', x, y));
    canvas().dispatchEvent(pe('pointerup', ...s[s.length - 1]));
    await frame(); // the pad may grow before the next stroke, as it would for a person
  }
  const t0 = performance.now();
  while (readout()?.getAttribute('aria-busy') !== 'false' || globalThis.digitpad.reading() === null) {
    if (performance.now() - t0 > args.timeoutMs) return null;
    await new Promise((r) => setTimeout(r, 5));
  }
  const r = globalThis.digitpad.reading()!;
  const verdict = readout()!.querySelector('.verdict')!;
  // A reading after the pad's first is spoken once it has held 1.5 s (NumberReadout): waited for
  // when it has dotted digits to name.
  const live = () => readout()!.querySelector(':scope > [aria-live]')?.textContent ?? '';
  if (verdict.querySelector('.number .doubt')) {
    while (live() === '') {
      if (performance.now() - t0 > args.timeoutMs) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return {
    text: r.text,
    digits: r.digits.map((d) => ({ top: d.top, strokeIndices: d.strokeIndices, p: d.probabilities[d.top], notADigit: d.notADigit })),
    dotted: verdict.querySelectorAll('.number .doubt').length,
    said: (verdict.textContent ?? '').replace(/\s+/g, ' ').trim(),
    spoken: live(),
  };
}

/** A composed number's strokes in pad heights (its pad is 1 high). */
export const inHeights = (n: ComposedNumber): [number, number][][] => n.strokes.map((s) => s.map((p) => [p.x * n.pad.width, p.y]));

/** Each group is exactly the strokes of one source digit, in order. */
export function segmentedRight(n: ComposedNumber, r: Read): boolean {
  if (r.digits.length !== n.text.length) return false;
  return r.digits.every((d, i) => {
    const want = n.digitOf.flatMap((digit, k) => (digit === i ? [k] : []));
    return d.strokeIndices.length === want.length && [...d.strokeIndices].sort((a, b) => a - b).every((k, j) => k === want[j]);
  });
}
