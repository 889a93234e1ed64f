// Content-Security-Policy violations, as the browser reports them to the preview server (see
// vite.config.ts): every page, worker and service worker of the whole browser suite. The suite
// starts with an empty log and fails if anything is in it at the end.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CSP_LOG = (process.env.DIGITPAD_CSP_LOG ??= join(tmpdir(), `digitpad-csp-violations.log`));

export function cspViolations(): string[] {
  return existsSync(CSP_LOG) ? readFileSync(CSP_LOG, 'utf8').split('\n').filter(Boolean) : [];
}

export function clearCspLog(): void {
  writeFileSync(CSP_LOG, '');
}

/** Keeps only the lines `keep` accepts (a test that provokes a violation on purpose removes it). */
export function filterCspLog(keep: (line: string) => boolean): void {
  writeFileSync(CSP_LOG, cspViolations().filter(keep).map((l) => l + '\n').join(''));
}
