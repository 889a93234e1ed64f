// Which pad the person writes on is a preference, like a theme: it lives in localStorage, not
// beside the model. Storage can be off (private windows, policies; even reading
// `localStorage` can throw): then the mode is not kept.
export type PadMode = 'digit' | 'number';

const KEY = 'digitpad.mode';

/** `storage`: the page's localStorage unless given; null: none. */
export function loadMode(storage?: Pick<Storage, 'getItem'> | null): PadMode {
  try {
    const s = storage === undefined ? globalThis.localStorage : storage;
    return s?.getItem(KEY) === 'number' ? 'number' : 'digit';
  } catch {
    return 'digit';
  }
}

export function saveMode(mode: PadMode, storage?: Pick<Storage, 'setItem'> | null): void {
  try {
    const s = storage === undefined ? globalThis.localStorage : storage;
    s?.setItem(KEY, mode);
  } catch {
    // Not kept: the next visit starts on the digit pad.
  }
}
