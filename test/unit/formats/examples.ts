import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedPath } from '../../support/shared-path';

export type DocumentKind = 'workflow' | 'sites' | 'replicas' | 'transformations';

export interface ExampleFile {
  /** Relative to ../shared/examples. */
  name: string;
  kind: DocumentKind;
  text: string;
}

/** Every YAML file of ../shared/examples and its *-catalogs folders, with what it holds. */
export function exampleFiles(): ExampleFile[] {
  const root = sharedPath('examples');
  const out: ExampleFile[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.yml')) {
      out.push({ name: entry.name, kind: 'workflow', text: readFileSync(path.join(root, entry.name), 'utf8') });
    } else if (entry.isDirectory() && entry.name.endsWith('-catalogs')) {
      for (const file of readdirSync(path.join(root, entry.name))) {
        if (!file.endsWith('.yml')) continue;
        const kind: DocumentKind = file.startsWith('replicas') ? 'replicas' : file.startsWith('transformations') ? 'transformations' : file === 'workflow.yml' ? 'workflow' : 'sites';
        out.push({ name: `${entry.name}/${file}`, kind, text: readFileSync(path.join(root, entry.name, file), 'utf8') });
      }
    }
  }
  return out;
}

export function exampleText(name: string): string {
  return readFileSync(sharedPath('examples', name), 'utf8');
}
