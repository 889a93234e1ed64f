/// <reference types="vite-plugin-pwa/vanillajs" />
// The service worker, seen from the page: registers it (vite-plugin-pwa, 'prompt' mode) and
// says when a new version waits. Nothing swaps the code until apply() is called.
import { registerSW } from 'virtual:pwa-register';

/**
 * While no service worker is installed, the install is tried again at once when back online, and
 * after RETRY_MS, doubling up to RETRY_MAX_MS (a lasting cause would otherwise fetch the whole
 * offline copy again every minute).
 */
const RETRY_MS = 10_000;
const RETRY_MAX_MS = 16 * 60_000;

export class AppUpdate {
  /** A new version is installed and waiting for the user's go. */
  waiting = $state.raw(false);
  /** A service worker with the whole offline copy controls the page: it opens without a connection. */
  offline = $state.raw(false);
  /** The first install failed (the connection dropped during it): the app would not open offline yet. */
  offlineFailed = $state.raw(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;
  /** An install is under way: a retry now would start a second one beside it. */
  #attempting = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #delay = RETRY_MS;
  #listening = false;

  register(): void {
    if (!('serviceWorker' in navigator) || this.#update) return;
    this.#install();
  }

  #install(): void {
    this.#attempting = true;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.waiting = true),
      onOfflineReady: () => {
        this.#attempting = false;
        this.offline = true;
        this.offlineFailed = false;
        this.#stopRetrying();
      },
      onRegisteredSW: (_url, registration) => {
        // A later visit: a worker is active only once it has cached the whole offline copy.
        if (registration?.active) this.offline = true;
        const installing = registration?.installing;
        if (!installing) {
          this.#attempting = false;
          return;
        }
        installing.addEventListener('statechange', () => {
          if (installing.state !== 'redundant') return;
          this.#attempting = false;
          if (!registration!.active) this.#failed();
        });
      },
      onRegisterError: (e) => {
        this.#attempting = false;
        console.warn('Service worker registration failed:', e);
        // Refused outright (an insecure origin, a browser policy): no retry will change that.
        if (!(e instanceof DOMException && (e.name === 'SecurityError' || e.name === 'NotSupportedError'))) this.#failed();
      },
    });
  }

  /** A first install cut off leaves no service worker (the browser drops the registration): the app would not open offline. */
  #failed(): void {
    this.offlineFailed = true;
    if (!this.#listening) window.addEventListener('online', this.#again);
    this.#listening = true;
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#again();
    }, this.#delay);
    this.#delay = Math.min(RETRY_MAX_MS, 2 * this.#delay);
  }

  #stopRetrying(): void {
    window.removeEventListener('online', this.#again);
    this.#listening = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #again = async (): Promise<void> => {
    try {
      const registration = await navigator.serviceWorker.getRegistration();
      if (registration?.active) {
        this.offline = true;
        this.offlineFailed = false;
        return this.#stopRetrying();
      }
      if (this.#attempting || !navigator.onLine || registration?.installing || registration?.waiting) return this.#schedule();
      this.#install();
    } catch {
      this.#schedule();
    }
  };

  /** Activates the waiting version; the page reloads once it has taken control. */
  async apply(): Promise<void> {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration?.waiting) {
      location.reload();
      return;
    }
    // vite-plugin-pwa reloads by itself only for updates found at registration; a version the
    // browser found later (a long training session) activates without a reload: do it here.
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    await this.#update?.(true);
  }
}
