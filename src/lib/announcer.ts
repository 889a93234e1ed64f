// When a live region's line changes. A screen reader speaks every change of its text, so a line
// is set when its key changes (a new reading, a new training state, a new cell picked), not each
// time the figures under it refresh. Once said, the line empties again: a screen reader reading
// the page later would otherwise find a stale line beside the live figures.

/** How long a line stays after it is set: long past its announcement, which is queued at once. */
export const SAID_MS = 10_000;

export class Announcer {
  #key: string | null = null;
  /** The key whose line was said last (null once the line was emptied for something new). */
  #said: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `show` sets the line. `holdMs`: a revision (one key straight after another) is said only once
   * it has held this long, and the line is empty meanwhile — when newer models read a drawing
   * left on the pad one after another, it was heard two or three times within a second (QA).
   */
  constructor(
    private readonly show: (text: string) => void,
    private readonly holdMs = 0,
  ) {}

  /** `text` is read when the key changes (given the key before) or once a revision has held. */
  update(key: string | null, text: (before: string | null) => string): void {
    if (key === this.#key) return;
    const before = this.#key;
    this.#key = key;
    clearTimeout(this.#timer);
    if (key === null) {
      this.#said = null;
      this.show('');
    } else if (this.holdMs > 0 && before !== null) {
      // Nothing stale beside what is shown meanwhile; back where it was, nothing new to say.
      this.show('');
      this.#timer = setTimeout(() => key !== this.#said && this.#say(key, text(before)), this.holdMs);
    } else this.#say(key, text(before));
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  #say(key: string, line: string): void {
    this.#said = key;
    this.show(line);
    if (line) this.#timer = setTimeout(() => this.show(''), SAID_MS);
  }
}
