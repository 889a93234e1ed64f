// The DPYD file of your digits: what goes out comes back exactly; a crafted or damaged file is
// refused with a clear ModelFileError (never a hang, never a half-read set), quickly.
import { describe, expect, it } from 'vitest';
import { DigitPadError, NewerFormatError } from '../errors.ts';
import { Rng } from '../nn/rng.ts';
import { sampleDigit } from '../testing/sample-digits.ts';
import { MAX_DIGITS, PIXELS } from './digit.ts';
import { decodeDigits, encodeDigits } from './file.ts';

function reseal(bytes: Uint8Array): Uint8Array {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length - 4; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, h >>> 0, true);
  return bytes;
}

/** A file whose header JSON is replaced (lengths and checksum fixed up): what a crafter can do. */
function withHeader(header: unknown, tail: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const head = (12 + json.length + 3) & ~3;
  const bytes = new Uint8Array(head + tail.length + 4);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, 0x44595044, true);
  v.setUint32(4, 1, true);
  v.setUint32(8, json.length, true);
  bytes.set(json, 12);
  bytes.set(tail, head);
  return reseal(bytes);
}

function refused(bytes: unknown): string {
  try {
    decodeDigits(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(DigitPadError);
    expect((e as DigitPadError).kind).toBe('model-file');
    expect((e as Error).message.length).toBeLessThanOrEqual(200);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('DPYD file', () => {
  it('round-trips digits exactly: pixels, strokes (float32), labels, dates, verdicts', () => {
    const digits = Array.from({ length: 23 }, (_, i) => sampleDigit(i));
    const bytes = encodeDigits(digits);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('DPYD');
    const back = decodeDigits(bytes);
    expect(back).toEqual(digits);
    expect(back[0].pixels).not.toBe(digits[0].pixels);
    expect(decodeDigits(encodeDigits([]))).toEqual([]);
    // "Not sure" rides beside the verdict, where readers before it do not look.
    const unsure = { ...sampleDigit(3), verdict: { predicted: 4, probability: 0.31, notSure: true as const } };
    expect(decodeDigits(encodeDigits([unsure, sampleDigit(4)]))).toEqual([unsure, sampleDigit(4)]);
    // A digit of a number says so: its strokes are pieces of the number's (habits.ts reads them so).
    const ofNumber = { ...sampleDigit(5), inNumber: true as const };
    expect(decodeDigits(encodeDigits([ofNumber, sampleDigit(6)]))).toEqual([ofNumber, sampleDigit(6)]);
    expect('inNumber' in decodeDigits(encodeDigits([sampleDigit(6)]))[0]).toBe(false);
  });

  it('refuses what is not a file of digits, saying why', () => {
    const good = encodeDigits([sampleDigit(0), sampleDigit(1)]);
    expect(refused('hello')).toMatch(/expected bytes/);
    expect(refused(new Uint8Array(3))).toMatch(/only 3 bytes/);
    expect(refused(new Uint8Array(25_000_000))).toMatch(/more than the 24 MB limit/);
    const model = good.slice();
    model.set([0x44, 0x50, 0x4e, 0x4e]); // "DPNN": a model file picked by mistake
    expect(refused(model)).toBe('This is a model file, not your digits: import it under Saved models. Your digits are kept.');
    expect(refused(Uint8Array.from({ length: 64 }, (_, i) => i * 37))).toBe('Not a file of your digits: it is not a .dpyd file DigitPad exported, or it was damaged');
    const flipped = good.slice();
    flipped[good.length - 100] ^= 1;
    expect(refused(flipped)).toMatch(/checksum/);
    expect(refused(good.subarray(0, good.length - 8))).toMatch(/checksum|header length/);
    const newer = good.slice();
    new DataView(newer.buffer).setUint32(4, 2, true);
    expect(() => decodeDigits(reseal(newer))).toThrow(NewerFormatError);
  });

  it('refuses crafted headers behind a valid checksum: counts, lengths, fields, duplicates', () => {
    const entry = { id: 'a1', label: 3, createdAt: 1.7e12, verdict: null, strokes: null };
    const px = new Uint8Array(PIXELS);
    const kind = 'digitpad-your-digits';
    expect(refused(withHeader('{'))).toMatch(/not one of DigitPad/);
    expect(refused(withHeader({ kind: 'x', count: 0, points: 0, digits: [] }))).toMatch(/not one of DigitPad/);
    expect(refused(withHeader({ kind, count: MAX_DIGITS + 1, points: 0, digits: [] }))).toMatch(/count 2001/);
    expect(refused(withHeader({ kind, count: 1e9, points: 0, digits: [] }))).toMatch(/count/);
    expect(refused(withHeader({ kind, count: 2, points: 0, digits: [entry] }))).toMatch(/does not match its count/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [entry] }))).toMatch(/its header says/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, label: 10 }] }, px))).toMatch(/digit 0: bad label 10/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, id: '<script>' }] }, px))).toMatch(/bad id/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, createdAt: -5 }] }, px))).toMatch(/createdAt/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, verdict: [11, 0.5] }] }, px))).toMatch(/verdict/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, verdict: { predicted: 1 } }] }, px))).toMatch(/verdict/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, verdict: [1, 0.5], notSure: 1 }] }, px))).toMatch(/digit 0: notSure/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, notSure: true }] }, px))).toMatch(/digit 0: notSure/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, inNumber: false }] }, px))).toMatch(/digit 0: inNumber/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, inNumber: 'yes' }] }, px))).toMatch(/digit 0: inNumber/);
    expect(refused(withHeader({ kind, count: 2, points: 0, digits: [entry, entry] }, new Uint8Array(2 * PIXELS)))).toMatch(/appears twice/);
    // Strokes: lengths that claim more points than the file holds, or non-finite coordinates.
    expect(refused(withHeader({ kind, count: 1, points: 1, digits: [{ ...entry, strokes: [5] }] }, new Uint8Array(PIXELS + 8)))).toMatch(/too many stroke points/);
    expect(refused(withHeader({ kind, count: 1, points: 2, digits: [{ ...entry, strokes: [1] }] }, new Uint8Array(PIXELS + 16)))).toMatch(/hold 1 points, the header says 2/);
    const nan = new Uint8Array(PIXELS + 8);
    new Float32Array(nan.buffer, PIXELS, 2).set([NaN, 0.5]);
    expect(refused(withHeader({ kind, count: 1, points: 1, digits: [{ ...entry, strokes: [1] }] }, nan))).toMatch(/x and y/);
    expect(refused(withHeader({ kind, count: 1, points: 0, digits: [{ ...entry, strokes: Array(41).fill(1) }] }, px))).toMatch(/strokes/);
    // The one valid file of this family loads.
    expect(decodeDigits(withHeader({ kind, count: 1, points: 0, digits: [entry] }, px))[0]).toMatchObject({ id: 'a1', label: 3 });
  });

  it('thousands of mutated files: each refused with a clear error or loaded', () => {
    const good = encodeDigits(Array.from({ length: 12 }, (_, i) => sampleDigit(i)));
    const rng = new Rng(99);
    let loaded = 0, refusedCount = 0;
    for (let t = 0; t < 2000; t++) {
      const bytes = good.slice(0, t % 5 === 0 ? Math.floor(rng.next() * good.length) : good.length);
      for (let k = 0; k < 1 + (t % 4); k++) bytes[Math.floor(rng.next() * bytes.length)] = Math.floor(rng.next() * 256);
      if (t % 2 === 0 && bytes.length >= 4) reseal(bytes);
      try {
        decodeDigits(bytes);
        loaded++;
      } catch (e) {
        expect(e).toBeInstanceOf(DigitPadError);
        refusedCount++;
      }
    }
    // Flipping pixel bytes behind a valid checksum still gives a valid file.
    expect(loaded).toBeGreaterThan(0);
    expect(refusedCount).toBeGreaterThan(1000);
  });
});
