import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Absolute path of `command` on `PATH`, or undefined (how a container runtime is found). */
export function which(command: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
