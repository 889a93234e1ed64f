// Which pad the person writes on is a preference, like a theme: it lives in localStorage, not
// beside the model. Storage can be off (private windows, policies): then the mode is not kept.
export type PadMode = 'digit' | 'number';

const KEY = 'digitpad.mode';

export function loadMode(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): PadMode {
  try {
    return storage?.getItem(KEY) === 'number' ? 'number' : 'digit';
  } catch {
    return 'digit';
  }
}

export function saveMode(mode: PadMode, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, mode);
  } catch {
    // Not kept: the next visit starts on the digit pad.
  }
}
