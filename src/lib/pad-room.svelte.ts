// The number pad's room (DrawingPad.svelte, wide): it starts as wide as its box, grows to keep
// about a digit's room right of the ink, and scrolls just far enough to bring a digit's room into
// sight, only once the pen rests and no pointer is aiming at the pad. Pad heights throughout:
// points are kept in heights, so growing moves no ink.
import type { Drawing } from './strokes.ts';

/** Widest number pad, in pad heights: 8 digits with room between them. */
export const MAX_UNITS = 10;
/** Free room kept right of the ink: about one more digit. */
export const ROOM = 1.2;
/**
 * The pad scrolls to its new room only once the pen has rested this long: scrolled between two
 * strokes of one digit, the first would move away from under the pen.
 */
const REVEAL_MS = 700;
/**
 * Nor while a pen or mouse hovering over the pad has moved within this long: the person may be
 * about to add to the ink (a 5's bar, a 7's cross), and the pad jumped away just before the pen
 * came down, so the bar landed a digit to the right (QA).
 */
const AIMING_MS = 400;
/**
 * Nor while this much free pad (in heights: a digit and its gap) is still in sight right of the
 * ink; and then only so far as to bring that much into sight. On a phone the pad is about two
 * heights wide, and scrolling to the whole ROOM hid the first digits of a number that fitted
 * ("305" showed "05": QA).
 */
export const IN_SIGHT = 0.75;

export class PadRoom {
  /** The pad's width in heights. */
  units = $state(1);
  /** As wide as it gets, with less than a digit's room left: said, not silent. */
  full = $state(false);
  /** Scrolled: the start of the number is out of sight to the left… */
  scrolled = $state(false);
  /** …or more of the pad is out of sight to the right (the page narrowed, or the person scrolled back). */
  more = $state(false);

  readonly #drawing: Drawing;
  /** The width the pad's box offers, in heights (the pad starts this wide). */
  #offered = 1;
  #scroller: HTMLElement | null = null;
  /** The canvas's height in px (follow's). */
  #height: () => number = () => 0;
  #reveal: ReturnType<typeof setTimeout> | undefined;
  /** The pad grew and has not yet scrolled to show it. */
  #unrevealed = false;
  /** When a pointer last moved over the pad with no stroke under way (touch has no hover). */
  #aimedAt = -Infinity;

  constructor(drawing: Drawing) {
    this.#drawing = drawing;
  }

  /**
   * Follows the scrolling box `el` around a canvas `height()` px high: the pad starts as wide as
   * the box and only grows from there. `measured` is called once the width is first known (a kept
   * drawing is reported then). Returns the cleanup.
   */
  follow(el: HTMLElement, height: () => number, measured: () => void): () => void {
    this.#scroller = el;
    this.#height = height;
    let reported = this.#drawing.isEmpty;
    const observer = new ResizeObserver(() => {
      const h = height();
      if (h <= 0) return;
      this.#offered = Math.max(2, Math.min(MAX_UNITS, el.clientWidth / h));
      this.units = Math.max(this.units === 1 ? 0 : this.units, this.#offered);
      // Narrowed (a phone turned upright): the end of the number, where the next digit goes, stays
      // in sight; widened again, no more of its start than that is scrolled away (QA: its first
      // digit stayed half hidden with room to spare).
      if (!this.#drawing.isEmpty) requestAnimationFrame(() => this.#bringRoom(true));
      requestAnimationFrame(() => this.edges(el));
      if (!reported) {
        reported = true;
        measured();
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      this.hold();
      this.#scroller = null;
    };
  }

  /** Which edges have more pad beyond them (the box scrolled, or resized). */
  edges(el: HTMLElement): void {
    this.scrolled = el.scrollLeft > 0;
    this.more = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
  }

  /** A pointer moves over the pad with no stroke under way: a stroke may be coming. */
  aim(): void {
    this.#aimedAt = performance.now();
  }

  /** Still writing (a pen down, the pad going away): the ink stays where it is. */
  hold(): void {
    clearTimeout(this.#reveal);
  }

  /**
   * Keeps about a digit's room right of the ink, and brings a digit's room (IN_SIGHT) into sight
   * once the pen rests.
   */
  grow(): void {
    const drawing = this.#drawing;
    const right = this.#inkRight();
    const next = drawing.isEmpty ? this.#offered : Math.min(MAX_UNITS, Math.max(this.#offered, this.units, right + ROOM));
    this.full = !drawing.isEmpty && right + ROOM > MAX_UNITS;
    if (next !== this.units) {
      this.units = next;
      this.#unrevealed = true;
    }
    // A new number starts at the pad's start.
    if (drawing.isEmpty) this.#scroller?.scrollTo({ left: 0, behavior: 'instant' });
    if (!this.#unrevealed) return;
    this.hold();
    const show = (): void => {
      const since = performance.now() - this.#aimedAt;
      if (since < AIMING_MS) {
        this.#reveal = setTimeout(show, AIMING_MS - since);
        return;
      }
      this.#unrevealed = false;
      this.#bringRoom();
    };
    this.#reveal = setTimeout(show, REVEAL_MS);
  }

  /** Where the ink ends on the right, in heights (0 without ink). */
  #inkRight(): number {
    let right = 0;
    for (const s of this.#drawing.strokes) for (const p of s) right = Math.max(right, p.x);
    return right;
  }

  /**
   * Scrolls just far enough to bring IN_SIGHT of free pad right of the ink into sight; `back`: or
   * back towards the start, when the box has room for more than it shows.
   */
  #bringRoom(back = false): void {
    const el = this.#scroller, h = this.#height();
    if (!el || !(h > 0)) return;
    const left = Math.max(0, (this.#inkRight() + IN_SIGHT) * h - el.clientWidth);
    // At once, not smoothly: a stroke begun during a smooth scroll would be recorded shifted.
    if (left > el.scrollLeft || (back && left < el.scrollLeft)) el.scrollTo({ left, behavior: 'instant' });
  }

  /**
   * Brings ink from `from` to `to` (pad heights) into sight, at once: a digit picked under the pad
   * may lie where the pad scrolled away from as it grew. A pending reveal of the room on the right
   * would take it away again.
   */
  show(from: number, to: number, height: number): void {
    const el = this.#scroller;
    if (!el) return;
    const left = (from - 0.1) * height, right = (to + 0.1) * height;
    this.hold();
    this.#unrevealed = false;
    if (left >= el.scrollLeft && right <= el.scrollLeft + el.clientWidth) return;
    el.scrollTo({ left: Math.max(0, (left + right - el.clientWidth) / 2), behavior: 'instant' });
  }
}
