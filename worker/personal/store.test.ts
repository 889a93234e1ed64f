// Your digits in storage (the same ShelfStore as the model shelf, here in memory): what is added
// comes back after a reload, in order; a write touches one chunk; failures change nothing;
// damaged chunks are set aside, newer ones left alone.
import { describe, expect, it } from 'vitest';
import { DigitPadError } from '../errors.ts';
import { memoryStore, quotaError, type MemoryStore } from '../testing/memory-store.ts';
import { MAX_DIGITS } from './digit.ts';
import { decodeDigits, encodeDigits } from './file.ts';
import { sampleDigit } from '../testing/sample-digits.ts';
import { CHUNK, chunkKey, DIGITS_ASIDE_KEY, DIGITS_KEY, DigitStore } from './store.ts';

let clock = 1_700_000_000_000;
const tick = () => (clock += 1000);

/** Flips a byte of a stored chunk, as a disk's fault does; returns the damaged bytes. */
function damageChunk(store: MemoryStore, c: number): Uint8Array {
  const broken = (store.data.get(chunkKey(c)) as Uint8Array).slice();
  broken[200] ^= 0xff;
  store.data.set(chunkKey(c), broken);
  return broken;
}

describe('DigitStore', () => {
  it('keeps digits across a reload, oldest first, in chunks of 100', async () => {
    const store = memoryStore();
    const a = new DigitStore(store, tick);
    expect(await a.load(true)).toEqual({ notice: null, error: null });
    const digits = Array.from({ length: 250 }, (_, i) => sampleDigit(i));
    await a.add(digits.slice(0, 1));
    await a.add(digits.slice(1, 230));
    await a.add(digits.slice(230));
    expect(a.digits.map((d) => d.id)).toEqual(digits.map((d) => d.id));
    // Three chunks (100, 100, 50) and the index.
    expect([...store.data.keys()].sort()).toEqual([DIGITS_KEY, chunkKey(0), chunkKey(1), chunkKey(2)]);
    expect(decodeDigits(store.data.get(chunkKey(2))).length).toBe(50);

    const b = new DigitStore(store, tick);
    await b.load(true);
    expect(b.digits).toEqual(digits);
    expect(b.changedAt).toBe(a.changedAt);
  });

  it('an add rewrites only the last chunk and the index, in one transaction', async () => {
    const store = memoryStore();
    const s = new DigitStore(store, tick);
    await s.load(true);
    await s.add(Array.from({ length: CHUNK + 5 }, (_, i) => sampleDigit(i)));
    const first = store.data.get(chunkKey(0));
    const writes = store.writes;
    await s.add([sampleDigit(500)]);
    expect(store.writes).toBe(writes + 1);
    expect(store.data.get(chunkKey(0))).toBe(first); // untouched (the memory store copies on write)
    expect(decodeDigits(store.data.get(chunkKey(1))).map((d) => d.id).at(-1)).toBe(sampleDigit(500).id);
  });

  it('deletes one digit, and clears all, also after a reload', async () => {
    const store = memoryStore();
    const s = new DigitStore(store, tick);
    await s.load(true);
    const digits = Array.from({ length: 120 }, (_, i) => sampleDigit(i));
    await s.add(digits);
    await s.delete(new Set([digits[5].id, digits[110].id, 'no-such-id']));
    const again = new DigitStore(store, tick);
    await again.load(true);
    expect(again.digits.map((d) => d.id)).toEqual(digits.filter((_, i) => i !== 5 && i !== 110).map((d) => d.id));
    // A chunk left empty is deleted with it.
    await again.delete(new Set(digits.slice(100).map((d) => d.id)));
    expect(store.data.has(chunkKey(1))).toBe(false);
    await again.clear();
    expect(again.digits).toEqual([]);
    expect([...store.data.keys()]).toEqual([DIGITS_KEY]);
    const third = new DigitStore(store, tick);
    await third.load(true);
    expect(third.digits).toEqual([]);
    // New chunks after a clear do not reuse old numbers (a stale reader never mixes them up).
    await third.add([sampleDigit(1)]);
    expect(store.data.has(chunkKey(2))).toBe(true);
  });

  it('a failed write (full quota) keeps memory as it was and says what to do', async () => {
    const store = memoryStore();
    const s = new DigitStore(store, tick);
    await s.load(true);
    await s.add([sampleDigit(0)]);
    store.fail('write', quotaError());
    const e = await s.add([sampleDigit(1)]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DigitPadError);
    expect((e as DigitPadError).kind).toBe('storage');
    expect((e as Error).message).toMatch(/quota is full.*Delete a saved model or some of your digits/);
    expect(s.digits.map((d) => d.id)).toEqual([sampleDigit(0).id]);
    await s.add([sampleDigit(1)]);
    expect(s.digits.length).toBe(2);
  });

  it('holds at most 2,000 digits and says so; an import tells the digits already here from those with no room', async () => {
    const s = new DigitStore(memoryStore(), tick);
    await s.load(true);
    await s.add(Array.from({ length: MAX_DIGITS - 2 }, (_, i) => sampleDigit(i)));
    const r = await s.addNew([0, 1, MAX_DIGITS, MAX_DIGITS + 1, MAX_DIGITS + 2].map((i) => sampleDigit(i)));
    expect(r.added.map((d) => d.id)).toEqual([MAX_DIGITS, MAX_DIGITS + 1].map((i) => sampleDigit(i).id));
    expect(r.already).toBe(2); // the third new one found no room
    await expect(s.add([sampleDigit(MAX_DIGITS + 3)])).rejects.toThrow(/can hold 2000; there is room for 0 more/);
  });

  it('sets damaged chunks aside, every one, and keeps the others; Clear all deletes them too; an unreadable index starts afresh', async () => {
    const store = memoryStore();
    const s = new DigitStore(store, tick);
    await s.load(true);
    await s.add(Array.from({ length: 350 }, (_, i) => sampleDigit(i)));
    const damage = (c: number) => damageChunk(store, c);
    const aside = () => (store.data.get(DIGITS_ASIDE_KEY) as { chunks: { bytes: Uint8Array }[] }).chunks.map((c) => c.bytes);
    const broken = [damage(0), damage(2)];
    const again = new DigitStore(store, tick);
    const r = await again.load(true);
    expect(r.notice).toMatch(/could not be read \(Not a file of your digits: checksum mismatch.*set aside/);
    expect(again.digits.length).toBe(150);
    expect(store.data.has(chunkKey(0)) || store.data.has(chunkKey(2))).toBe(false);
    expect(aside()).toEqual(broken);
    // Damage found later joins what was set aside before.
    broken.push(damage(1));
    await new DigitStore(store, tick).load(true);
    expect(aside()).toEqual(broken);
    const last = new DigitStore(store, tick);
    await last.load(true);
    expect(last.digits.length).toBe(50);
    await last.clear();
    expect(store.data.has(DIGITS_ASIDE_KEY)).toBe(false);
    // Not our index at all: a notice, an empty set that works.
    store.data.set(DIGITS_KEY, { version: 1, chunks: 'all', next: 3 });
    const third = new DigitStore(store, tick);
    expect((await third.load(true)).notice).toMatch(/unreadable and was started afresh/);
    expect(third.digits).toEqual([]);
  });

  it('what was set aside before is never written over: an older single record is kept, and when it cannot be read the damage stays in place', async () => {
    const store = memoryStore();
    const s = new DigitStore(store, tick);
    await s.load(true);
    await s.add(Array.from({ length: 250 }, (_, i) => sampleDigit(i)));
    const damage = (c: number) => damageChunk(store, c);
    const old = { bytes: new Uint8Array([1, 2, 3]), reason: 'an empty chunk', at: 5 };
    store.data.set(DIGITS_ASIDE_KEY, old);
    // The record cannot be read (a timeout): nothing is set aside or deleted, the digits left are read.
    const broken = damage(0);
    const flaky = { ...store, get: (k: string) => (k === DIGITS_ASIDE_KEY ? Promise.reject(new Error('timed out')) : store.get(k)) };
    const first = new DigitStore(flaky, tick);
    expect((await first.load(true)).notice).toMatch(/could not be read/);
    expect(first.digits.length).toBe(150);
    expect(store.data.get(chunkKey(0))).toEqual(broken);
    expect(store.data.get(DIGITS_ASIDE_KEY)).toEqual(old);
    // Read again: set aside after the older record.
    await new DigitStore(store, tick).load(true);
    expect(store.data.has(chunkKey(0))).toBe(false);
    expect((store.data.get(DIGITS_ASIDE_KEY) as { chunks: { bytes: Uint8Array }[] }).chunks.map((c) => c.bytes)).toEqual([old.bytes, broken]);
  });

  it('a change before any load reads the stored digits first and adds to them', async () => {
    const store = memoryStore();
    const first = new DigitStore(store, tick);
    await first.load(true);
    await first.add(Array.from({ length: 5 }, (_, i) => sampleDigit(i)));
    const early = new DigitStore(store, tick);
    await early.add([sampleDigit(5)]);
    expect(early.digits.length).toBe(6);
    const reloaded = new DigitStore(store, tick);
    await reloaded.load(true);
    expect(reloaded.digits.map((d) => d.id)).toEqual(Array.from({ length: 6 }, (_, i) => sampleDigit(i).id));
  });

  it('never writes over digits it could not read: a change reads them again first, or is refused', async () => {
    const store = memoryStore();
    const first = new DigitStore(store, tick);
    await first.load(true);
    const kept = Array.from({ length: 120 }, (_, i) => sampleDigit(i));
    await first.add(kept);

    // The first read fails (a timeout): the panel is empty, but the next add reads them again and keeps them.
    store.fail('get', new Error('timed out'));
    const s = new DigitStore(store, tick);
    expect((await s.load(true)).error).toBe('Could not read your digits: timed out');
    expect(s.digits).toEqual([]);
    await s.add([sampleDigit(500)]);
    expect(s.digits.map((d) => d.id)).toEqual([...kept, sampleDigit(500)].map((d) => d.id));
    const reloaded = new DigitStore(store, tick);
    await reloaded.load(true);
    expect(reloaded.digits.length).toBe(121);

    // An import after a failed read adds only the digits not stored yet (an export imported back).
    store.fail('get', new Error('timed out'));
    const importer = new DigitStore(store, tick);
    await importer.load(true);
    const { added, already } = await importer.addNew([...kept.slice(0, 3), sampleDigit(600)]);
    expect(added.map((d) => d.id)).toEqual([sampleDigit(600).id]);
    expect(already).toBe(3);
    expect(importer.digits.length).toBe(122);
    expect(new Set(importer.digits.map((d) => d.id)).size).toBe(122);

    // Still unreadable: the add, delete and clear are refused and nothing is written.
    store.fail('get', new Error('timed out'), 4);
    const broken = new DigitStore(store, tick);
    await broken.load(true);
    const writes = store.writes;
    await expect(broken.add([sampleDigit(501)])).rejects.toThrow('Could not read your digits, so nothing is written over them: timed out');
    await expect(broken.delete(new Set([kept[0].id]))).rejects.toMatchObject({ kind: 'storage' });
    await expect(broken.clear()).rejects.toMatchObject({ kind: 'storage' });
    expect(store.writes).toBe(writes);
    const after = new DigitStore(store, tick);
    await after.load(true);
    expect(after.digits.length).toBe(122);
  });

  it('leaves a set saved by a newer DigitPad as it is', async () => {
    const store = memoryStore({ [DIGITS_KEY]: { version: 2, whatever: true } });
    const s = new DigitStore(store, tick);
    expect((await s.load(true)).notice).toMatch(/newer version/);
    await expect(s.add([sampleDigit(0)])).rejects.toThrow(/cannot change them/);
    expect(store.data.get(DIGITS_KEY)).toEqual({ version: 2, whatever: true });
    // A newer chunk behind a current index, likewise.
    const bytes = encodeDigits([sampleDigit(0)]);
    new DataView(bytes.buffer).setUint32(4, 9, true);
    const other = memoryStore({ [DIGITS_KEY]: { version: 1, chunks: [0], next: 1, changedAt: 5 }, [chunkKey(0)]: bytes });
    const t = new DigitStore(other, tick);
    expect((await t.load(true)).notice).toMatch(/newer version/);
    expect(t.readOnly).toBe(true);
    expect(other.data.get(chunkKey(0))).toEqual(bytes);
  });

  it('a database that cannot be read is reported, not thrown', async () => {
    const store = memoryStore();
    store.fail('get', new Error('IndexedDB did not answer within 15 s'));
    const s = new DigitStore(store, tick);
    expect(await s.load(true)).toEqual({ notice: null, error: 'Could not read your digits: IndexedDB did not answer within 15 s' });
    expect(s.digits).toEqual([]);
  });
});
