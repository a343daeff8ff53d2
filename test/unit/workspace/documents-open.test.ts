import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentService } from '../../../src/main/services/workspace/documents';
import type { DocumentFormats } from '../../../src/main/services/workspace/document-formats';
import { documentFormats } from '../../../src/main/services/workspace/formats-binding';
import { rootsGuard } from '../../../src/main/services/workspace/path-guard';
import { RecentStore } from '../../../src/main/services/workspace/recent';
import { RecoveryStore } from '../../../src/main/services/workspace/recovery';
import { sharedPath } from '../../support/shared-path';

let dir: string;
let service: DocumentService;
const clock = () => new Date(Date.UTC(2026, 10, 25, 1, 0, 0));

function serviceWith(formats: DocumentFormats): DocumentService {
  return new DocumentService({
    formats,
    guard: rootsGuard([dir, sharedPath('examples')]),
    recent: new RecentStore(path.join(dir, 'data', 'recent.json'), clock),
    recovery: new RecoveryStore(path.join(dir, 'data', 'recovery'), clock),
  });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pc-open-'));
  service = serviceWith(documentFormats);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DocumentService.open: the file text', () => {
  it('answers the file as read by default', async () => {
    const file = sharedPath('examples', 'diamond.yml');
    const opened = await service.open(file);
    expect(opened.text).toBe(await readFile(file, 'utf8'));
    expect(opened.bundle.workflow.jobs.length).toBe(4);
  });

  it('leaves the text out when asked, and opens the same document', async () => {
    const file = sharedPath('examples', 'diamond.yml');
    const opened = await service.open(file, { withText: false });
    expect('text' in opened).toBe(false);
    expect(opened.bundle).toEqual((await service.open(file)).bundle);
    expect(opened.format).toBe('yaml');
  });

  it('tells JSON from YAML by the text the loader read', async () => {
    const file = path.join(dir, 'w.json');
    await writeFile(file, '  \n{"pegasus": "5.0.4", "name": "w", "jobs": [], "jobDependencies": []}\n');
    expect((await service.open(file, { withText: false })).format).toBe('json');
  });

  it('reads the file once: the loader’s text is the one used', async () => {
    const file = path.join(dir, 'w.yml');
    await writeFile(file, 'pegasus: 5.0.4\nname: w\njobs: []\njobDependencies: []\n');
    const formats: DocumentFormats = {
      ...documentFormats,
      loadWorkflowBundle: async (f) => {
        const loaded = await documentFormats.loadWorkflowBundle(f);
        // Changed on disk after the loader read it: the answer still holds what was loaded.
        await writeFile(file, '{"changed": true}');
        return loaded;
      },
    };
    const opened = await serviceWith(formats).open(file);
    expect(opened.text).toBe('pegasus: 5.0.4\nname: w\njobs: []\njobDependencies: []\n');
    expect(opened.format).toBe('yaml');
  });
});
