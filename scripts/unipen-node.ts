// Node-only: the real pen digits in ../shared/data/unipen-dev.json beside the repository (on
// developers' machines and in CI). Never copied into the repo; null when it is not there.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PenDigit } from '../worker/number/compose.ts';

export const UNIPEN_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data', 'unipen-dev.json');

export function readUnipen(): PenDigit[] | null {
  if (!existsSync(UNIPEN_PATH)) return null;
  return (JSON.parse(readFileSync(UNIPEN_PATH, 'utf8')) as { samples: PenDigit[] }).samples;
}
