import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IN_SIGHT, MAX_UNITS, PadRoom, ROOM } from './pad-room.svelte.ts';
import { Drawing } from './strokes.ts';

/** A stroke from x0 to x1 (pad heights) across the middle. */
function stroke(d: Drawing, x0: number, x1: number): void {
  d.begin({ x: x0, y: 0.5 });
  for (let x = x0; x <= x1; x += 0.05) d.extend({ x, y: 0.5 + 0.1 * Math.sin(x * 9) });
  d.extend({ x: x1, y: 0.4 });
  d.end();
}

/** A scrolling box `width` px wide. */
function box(width: number) {
  const el = { clientWidth: width, scrollLeft: 0, scrollWidth: width, scrollTo: vi.fn((o: { left: number }) => (el.scrollLeft = o.left)) };
  return el;
}

describe('PadRoom', () => {
  it('keeps about a digit of room right of the ink, up to MAX_UNITS heights, and says when it is full', () => {
    const d = new Drawing();
    const room = new PadRoom(d);
    stroke(d, 0.2, 0.8);
    room.grow();
    expect(room.units).toBeCloseTo(0.8 + ROOM, 1);
    expect(room.full).toBe(false);
    stroke(d, 3, 3.6);
    room.grow();
    expect(room.units).toBeCloseTo(3.6 + ROOM, 1);
    // Never narrower again while the ink is there: the digits are read within its width.
    d.undo();
    room.grow();
    expect(room.units).toBeCloseTo(3.6 + ROOM, 1);
    stroke(d, 8.5, 9.4);
    room.grow();
    expect(room.units).toBe(MAX_UNITS);
    expect(room.full).toBe(true);
    d.clear();
    room.grow();
    expect(room.full).toBe(false);
  });
});

describe('PadRoom following a scrolling pad', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // No layout in Node: the box never reports a size, so the pad keeps the width it grows to.
    vi.stubGlobal('ResizeObserver', class { observe() {} disconnect() {} });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('scrolls to the new room only once the pen has rested and no pointer aims at the pad', () => {
    const d = new Drawing();
    const room = new PadRoom(d);
    const el = box(300);
    const stop = room.follow(el as unknown as HTMLElement, () => 100, () => {});
    stroke(d, 0.2, 2.6);
    room.grow();
    vi.advanceTimersByTime(600);
    room.aim(); // hovering, about to add a bar
    vi.advanceTimersByTime(300);
    expect(el.scrollTo).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(el.scrollTo).toHaveBeenCalledTimes(1);
    // A pen that comes down before the next reveal holds it back.
    stroke(d, 2.8, 3.4);
    room.grow();
    room.hold();
    vi.advanceTimersByTime(2_000);
    expect(el.scrollTo).toHaveBeenCalledTimes(1);
    stop();
  });

  it('keeps a number that fits where it was written while a digit\'s room is still in sight; a cleared pad shows its start', () => {
    const d = new Drawing();
    const room = new PadRoom(d);
    const el = box(195); // a phone's pad: 1.95 heights of 100 px in sight
    const stop = room.follow(el as unknown as HTMLElement, () => 100, () => {});
    stroke(d, 0.2, 1.95 - IN_SIGHT - 0.05); // "305": the pad grows, a digit's room still in sight
    room.grow();
    expect(room.units).toBeGreaterThan(1.95);
    vi.advanceTimersByTime(2_000);
    expect(el.scrollTo).not.toHaveBeenCalled();
    stroke(d, 1.4, 1.8); // the next digit at the edge: its room comes into sight
    room.grow();
    vi.advanceTimersByTime(2_000);
    expect(el.scrollTo).toHaveBeenCalledTimes(1);
    // Only so far as to bring a digit's room into sight: as much of the number stays in sight as can.
    expect(el.scrollLeft).toBeCloseTo((1.8 + IN_SIGHT) * 100 - 195, 0);
    d.clear();
    room.grow();
    expect(el.scrollLeft).toBe(0);
    stop();
  });

  it('follows the box as it narrows and widens again: the end in sight, and no more of the start hidden than that needs', () => {
    let resized = () => {};
    vi.stubGlobal('ResizeObserver', class { constructor(f: () => void) { resized = f; } observe() {} disconnect() {} });
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => setTimeout(f, 16));
    const d = new Drawing();
    const room = new PadRoom(d);
    const el = box(1000);
    const stop = room.follow(el as unknown as HTMLElement, () => 100, () => {});
    resized();
    stroke(d, 0.2, 6); // "198456" at 1280 px: all in sight
    room.grow();
    vi.advanceTimersByTime(2_000);
    expect(el.scrollLeft).toBe(0);
    el.clientWidth = 300; // a phone turned upright: the end of the number, where the next digit goes
    resized();
    vi.advanceTimersByTime(20);
    expect(el.scrollLeft).toBeCloseTo((6 + IN_SIGHT) * 100 - 300, 0);
    el.clientWidth = 1000; // and back: its first digit in sight again
    resized();
    vi.advanceTimersByTime(20);
    expect(el.scrollLeft).toBe(0);
    el.clientWidth = 500; // half way: scrolled only as far as the end needs
    resized();
    vi.advanceTimersByTime(20);
    expect(el.scrollLeft).toBeCloseTo((6 + IN_SIGHT) * 100 - 500, 0);
    stop();
  });
});
