import { describe, expect, it } from 'vitest';
import { TapBook, tapStands, type Tapped } from './taps.svelte.ts';

const tap = (drawing: string, extra: Partial<Tapped> = {}): Tapped => ({ label: 7, drawing, wasRead: 1, id: `id-${drawing}`, at: 1000, ...extra });
const never = () => false;

describe('tapStands', () => {
  it('a kept tap stands until it is taken back, fails, or its digit is deleted', () => {
    expect(tapStands(tap('a'), never)).toBe(true);
    expect(tapStands(null, never)).toBe(false);
    expect(tapStands(tap('a', { id: undefined }), never)).toBe(false);
    expect(tapStands(tap('a', { undone: { unlearnt: true } }), never)).toBe(false);
    expect(tapStands(tap('a', { id: undefined, error: 'storage full' }), never)).toBe(false);
    // A failed take-back leaves the digit kept.
    expect(tapStands(tap('a', { undoError: 'busy' }), never)).toBe(true);
    expect(tapStands(tap('a'), (id, at) => id === 'id-a' && at === 1000)).toBe(false);
    expect(tapStands(tap('a'), (id) => id === 'id-b')).toBe(true);
  });
});

describe('TapBook', () => {
  it('keeps each drawing its own latest tap', () => {
    const book = new TapBook(5);
    book.set(tap('a', { label: 1 }));
    book.set(tap('b', { label: 2 }));
    book.set(tap('a', { label: 3 }));
    expect(book.get('a')?.label).toBe(3);
    expect(book.get('b')?.label).toBe(2);
    expect(book.get('c')).toBeNull();
  });

  it('set works unbound, as bind: calls it, and a cleared answer (null) keeps the taps', () => {
    const book = new TapBook(5);
    const { set } = book;
    set(tap('a', { label: 7 }));
    set(null);
    expect(book.get('a')?.label).toBe(7);
  });

  it('forgets the oldest drawings beyond its size, a drawing tapped again counting as new', () => {
    const book = new TapBook(3);
    for (const d of ['a', 'b', 'c']) book.set(tap(d));
    book.set(tap('a', { label: 4 }));
    book.set(tap('d'));
    expect(book.get('b')).toBeNull();
    expect(['a', 'c', 'd'].map((d) => book.get(d)?.drawing)).toEqual(['a', 'c', 'd']);
    const one = new TapBook(1);
    one.set(tap('a'));
    one.set(tap('b'));
    expect([one.get('a'), one.get('b')?.drawing]).toEqual([null, 'b']);
    expect(() => new TapBook(0)).toThrow(RangeError);
  });

  it('a drawing is answered while its tap is on its way, and while the tap stands', async () => {
    const book = new TapBook(5);
    let finish!: () => void;
    const kept = book.keep('a', () => new Promise<void>((r) => (finish = r)));
    expect(book.answered('a', never)).toBe(true);
    expect(book.answered('b', never)).toBe(false);
    finish();
    await kept;
    expect(book.answered('a', never)).toBe(false); // on its way no more, and no tap set
    book.set(tap('a'));
    expect(book.answered('a', never)).toBe(true);
    expect(book.answered('a', () => true)).toBe(false);
    expect(book.answered('', never)).toBe(false);
  });

  it('a failed keep leaves the drawing unanswered, and a later keep is not cleared by an earlier one', async () => {
    const book = new TapBook(5);
    await expect(book.keep('a', () => Promise.reject(new Error('quota')))).rejects.toThrow('quota');
    expect(book.answered('a', never)).toBe(false);
    let first!: () => void;
    const a = book.keep('a', () => new Promise<void>((r) => (first = r)));
    const b = book.keep('b', () => new Promise<void>(() => {}));
    first();
    await a;
    expect(book.answered('b', never)).toBe(true);
    void b;
  });
});
