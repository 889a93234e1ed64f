/// <reference types="vite-plugin-pwa/vanillajs" />
// The service worker, seen from the page: registers it (vite-plugin-pwa, 'prompt' mode) and
// says when a new version waits. Nothing swaps the code until apply() is called.
import { registerSW } from 'virtual:pwa-register';

export class AppUpdate {
  /** A new version is installed and waiting for the user's go. */
  waiting = $state.raw(false);
  /** The first install finished: the app now works offline. */
  offlineReady = $state.raw(false);
  #update: ((reload?: boolean) => Promise<void>) | null = null;

  register(): void {
    if (!('serviceWorker' in navigator) || this.#update) return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.waiting = true),
      onOfflineReady: () => (this.offlineReady = true),
      onRegisterError: (e) => console.warn('Service worker registration failed:', e),
    });
  }

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
