import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `subWorkflowExists` callback of validation for a workflow on disk: an LFN or PFN is
 * looked for as a file, relative names against the workflow's folder (where pegasus-plan is
 * usually run), `file://` URLs as paths. Other URLs (http, scp…) cannot be checked here and
 * count as present.
 */
export function subWorkflowExists(workflowFile: string): (file: string) => boolean {
  const dir = path.dirname(workflowFile);
  return (file) => {
    let local = file;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) {
      if (!file.toLowerCase().startsWith('file:')) return true;
      try {
        local = fileURLToPath(file);
      } catch {
        return false;
      }
    }
    try {
      return statSync(path.resolve(dir, local)).isFile();
    } catch {
      return false;
    }
  };
}
