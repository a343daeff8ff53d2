import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/support/shared-path.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A path inside the shared fixtures folder beside the repository (`../shared`). */
export function sharedPath(...parts: string[]): string {
  return path.join(repoRoot, '..', 'shared', ...parts);
}
