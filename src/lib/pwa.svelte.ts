/// <reference types="vite-plugin-pwa/vanillajs" />
// The service worker, seen from the page: registers it (vite-plugin-pwa, 'prompt' mode) and
// says when a new version waits. Nothing swaps the code until apply() is called.
import { registerSW } from 'virtual:pwa-register';

/** While no service worker is installed, the install is tried again this often (and when back online). */
const RETRY_MS = 60_000;

export class AppUpdate {
  /** A new version is installed and waiting for the user's go. */
  waiting = $state.raw(false);
  /** The first install finished: the app now works offline. */
  offlineReady = $state.raw(false);
  /** The first install failed (the connection dropped during it): the app would not open offline yet. */
  offlineFailed = $state.raw(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;
  #retry: ReturnType<typeof setInterval> | null = null;

  register(): void {
    if (!('serviceWorker' in navigator) || this.#update) return;
    this.#install();
  }

  #install(): void {
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.waiting = true),
      onOfflineReady: () => {
        this.offlineReady = true;
        this.offlineFailed = false;
        this.#stopRetrying();
      },
      onRegisteredSW: (_url, registration) => {
        const installing = registration?.installing;
        installing?.addEventListener('statechange', () => {
          if (installing.state === 'redundant' && !registration!.active) this.#failed();
        });
      },
      onRegisterError: (e) => {
        console.warn('Service worker registration failed:', e);
        // Refused outright (an insecure origin, a browser policy): no retry will change that.
        if (!(e instanceof DOMException && (e.name === 'SecurityError' || e.name === 'NotSupportedError'))) this.#failed();
      },
    });
  }

  /**
   * A first install cut off leaves no service worker (the browser drops the registration): the
   * app would not open offline. Tried again once back online, and every RETRY_MS meanwhile.
   */
  #failed(): void {
    this.offlineFailed = true;
    if (this.#retry !== null) return;
    window.addEventListener('online', this.#again);
    this.#retry = setInterval(this.#again, RETRY_MS);
  }

  #stopRetrying(): void {
    window.removeEventListener('online', this.#again);
    if (this.#retry !== null) clearInterval(this.#retry);
    this.#retry = null;
  }

  #again = async (): Promise<void> => {
    if (!navigator.onLine) return;
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.active) {
      this.offlineFailed = false;
      return this.#stopRetrying();
    }
    if (!registration?.installing && !registration?.waiting) this.#install();
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

  dismissOfflineReady(): void {
    this.offlineReady = false;
  }
}
