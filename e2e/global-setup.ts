import { clearCspLog } from './csp-log.ts';

export default function globalSetup(): void {
  clearCspLog();
}
