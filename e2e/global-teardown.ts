import { cspViolations, CSP_LOG } from './csp-log.ts';

/** The whole suite ran with zero Content-Security-Policy violations, or it fails here. */
export default function globalTeardown(): void {
  const violations = cspViolations();
  console.log(`Content-Security-Policy violations reported during the browser suite: ${violations.length}`);
  if (violations.length > 0) {
    throw new Error(`${violations.length} Content-Security-Policy violation(s) (${CSP_LOG}):\n${violations.join('\n')}`);
  }
}
