// What the browser says about this origin's storage: how much DigitPad keeps (the offline
// files plus the saved model) and whether it is protected from eviction.

export class DeviceStorage {
  /** Bytes this origin uses, null when the browser does not say. */
  usage = $state.raw<number | null>(null);
  quota = $state.raw<number | null>(null);
  /** null: unknown or not supported. */
  persisted = $state.raw<boolean | null>(null);

  /** Asks once for persistent storage (the browser may grant it silently, ask, or refuse). */
  async requestPersistence(): Promise<void> {
    const s = navigator.storage;
    if (!s?.persist) return;
    try {
      this.persisted = (await s.persisted()) || (await s.persist());
    } catch {
      this.persisted = null;
    }
  }

  async refresh(): Promise<void> {
    const s = navigator.storage;
    if (!s?.estimate) return;
    try {
      const e = await s.estimate();
      this.usage = e.usage ?? null;
      this.quota = e.quota ?? null;
    } catch {
      this.usage = this.quota = null;
    }
  }
}

/** "2.8 MB" */
export function formatBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(0)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(1)} GB`;
}
