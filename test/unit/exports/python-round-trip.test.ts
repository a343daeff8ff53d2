import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readReplicaCatalog,
  readSiteCatalog,
  readTransformationCatalog,
  readWorkflow,
} from '../../../src/shared/formats/pegasus-yaml';
import { toPythonScript } from '../../../src/shared/formats/python-api';
import type { CatalogFiles } from '../../../src/shared/model';
import { normalize } from './normalize';
import { EXAMPLE_FILES, loadExample } from './example-bundles';

/**
 * Runs each exported script against a stand-in of the Pegasus Python API (the real one is
 * not installed here; `pegasus-api-stand-in/` has its signatures and serialization) and
 * checks that the document the script writes is the one it was made from.
 */
const standIn = path.join(path.dirname(new URL(import.meta.url).pathname), 'pegasus-api-stand-in');
const temp = mkdtempSync(path.join(tmpdir(), 'pc-roundtrip-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function readBack<T>(file: string, reader: (text: string) => { ok: boolean; value?: T }): T | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const read = reader(content);
  if (!read.ok) throw new Error(`cannot read back ${file}`);
  return read.value;
}

describe('exported Python scripts run and reproduce the document', () => {
  for (const name of EXAMPLE_FILES) {
    it(name, async () => {
      const { bundle, files } = await loadExample(name);
      const dir = path.join(temp, name.replace(/[^A-Za-z0-9]+/g, '_'));
      mkdirSync(dir);
      const script = toPythonScript(bundle, {
        workflowFile: 'out.yml',
        catalogFiles: {
          sites: files.sites && 'sites.yml',
          replicas: files.replicas && 'replicas.yml',
          transformations: files.transformations && 'transformations.yml',
        },
      });
      writeFileSync(path.join(dir, 'make.py'), script);
      execFileSync('python3', ['make.py'], { cwd: dir, env: { ...process.env, PYTHONPATH: standIn }, stdio: 'pipe' });

      const workflow = readBack(path.join(dir, 'out.yml'), (t) => readWorkflow(t))!;
      const catalogs: CatalogFiles = {};
      if (files.sites) catalogs.sites = readBack(path.join(dir, 'sites.yml'), (t) => readSiteCatalog(t));
      if (files.replicas) catalogs.replicas = readBack(path.join(dir, 'replicas.yml'), (t) => readReplicaCatalog(t));
      if (files.transformations)
        catalogs.transformations = readBack(path.join(dir, 'transformations.yml'), (t) => readTransformationCatalog(t));
      expect(normalize(workflow, catalogs)).toEqual(normalize(bundle.workflow, bundle.catalogs));
    });
  }
});
