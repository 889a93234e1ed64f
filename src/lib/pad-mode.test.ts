import { describe, expect, it } from 'vitest';
import { loadMode, saveMode } from './pad-mode.ts';

function memory(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

describe('pad mode', () => {
  it('comes back as it was left', () => {
    const s = memory();
    expect(loadMode(s)).toBe('digit');
    saveMode('number', s);
    expect(loadMode(s)).toBe('number');
    saveMode('digit', s);
    expect(loadMode(s)).toBe('digit');
  });

  it('starts on the digit pad when storage is off or holds something else', () => {
    const off = { getItem: () => { throw new DOMException('denied', 'SecurityError'); }, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(() => saveMode('number', off)).not.toThrow();
    expect(loadMode(off)).toBe('digit');
    expect(loadMode(null)).toBe('digit');
    expect(() => saveMode('number', null)).not.toThrow();
    const s = memory();
    s.setItem('digitpad.mode', 'letters');
    expect(loadMode(s)).toBe('digit');
  });
});
