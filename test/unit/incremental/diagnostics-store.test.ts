import { afterEach, describe, expect, it } from 'vitest';
import { connect, jobKey, removeSelection, updateJob } from '../../../src/shared/edit';
import { diagnosticSignature } from '../../../src/shared/incremental';
import type { FileUse, Job, Workflow } from '../../../src/shared/model';
import { validateWorkflow } from '../../../src/shared/validate';
import { diagnosticNodeKey, diagnosticsStore, startValidation } from '../../../src/renderer/store/diagnostics-store';
import { applyEdit, documentStore, loadDocument, undo } from '../../../src/renderer/store/document-store';
import { lines } from './support';

function task(id: string, inputs: string[], outputs: string[]): Job {
  const uses: FileUse[] = [
    ...inputs.map((lfn) => ({ lfn, type: 'input' as const })),
    ...outputs.map((lfn) => ({ lfn, type: 'output' as const })),
  ];
  return { type: 'job', id, name: 't', arguments: [], uses };
}

const start: Workflow = {
  pegasus: '5.0.4',
  name: 'wf',
  jobs: [task('a', ['raw'], ['x']), task('b', ['x'], ['y']), task('c', ['y', 'missing'], ['z'])],
  dependencies: [],
  transformationCatalog: { transformations: [{ name: 't', sites: [] }] },
};

/**
 * Replies come in a later task (the session on this thread: Node has no Worker), and a new
 * document is sent when the thread is idle: wait until the store has nothing pending.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 400; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (!diagnosticsStore.getState().pending) return;
  }
}

/** What the store must show: a full check of the current document, and badges counted from it. */
function expectStoreMatchesDocument(): void {
  const state = diagnosticsStore.getState();
  const full = validateWorkflow({ workflow: documentStore.getState().doc.workflow, catalogs: {} });
  expect(lines(state.diagnostics)).toEqual(lines(full));
  expect(state.diagnostics.map(diagnosticSignature)).toEqual(lines(state.diagnostics)); // in canonical order
  expect(state.keys).toHaveLength(state.diagnostics.length);
  expect(new Set(state.keys).size).toBe(state.keys.length);
  expect(state.errors).toBe(full.filter((d) => d.severity === 'error').length);
  expect(state.warnings).toBe(full.filter((d) => d.severity === 'warning').length);
  const badges = new Map<string, { errors: number; warnings: number }>();
  for (const d of full) {
    const key = diagnosticNodeKey(d);
    if (!key || d.severity === 'info') continue;
    const badge = badges.get(key) ?? { errors: 0, warnings: 0 };
    if (d.severity === 'error') badge.errors++;
    else badge.warnings++;
    badges.set(key, badge);
  }
  expect(new Map(state.badges)).toEqual(badges);
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('diagnostics store', () => {
  it('follows loads, edits and undo by deltas, with badges and the badge keys that changed', async () => {
    loadDocument({ workflow: start, name: 'wf', file: null });
    stop = startValidation();
    await settle();
    expectStoreMatchesDocument();
    expect(diagnosticsStore.getState().changedBadgeKeys).toBeNull();
    const before = diagnosticsStore.getState();
    const missingKey = before.keys[0]!;

    // c → a closes a cycle: one new error, on job a's badge only.
    applyEdit(connect(documentStore.getState().doc, { kind: 'file', lfn: 'z' }, { kind: 'job', id: 'a' }));
    expect(diagnosticsStore.getState().pending).toBe(true);
    await settle();
    expectStoreMatchesDocument();
    const cyclic = diagnosticsStore.getState();
    expect(cyclic.pending).toBe(false);
    expect(cyclic.errors).toBe(1);
    expect([...cyclic.changedBadgeKeys!]).toEqual([jobKey('a')]);
    // The warning that did not change keeps its key.
    expect(cyclic.keys).toContain(missingKey);

    undo();
    await settle();
    expectStoreMatchesDocument();
    expect([...diagnosticsStore.getState().changedBadgeKeys!]).toEqual([jobKey('a')]);

    // A burst of edits is answered once and ends right.
    applyEdit(updateJob(documentStore.getState().doc, 'c', task('c', ['y'], ['z'])));
    applyEdit(removeSelection(documentStore.getState().doc, [jobKey('a')]));
    await settle();
    expectStoreMatchesDocument();
    expect(diagnosticsStore.getState().warnings).toBe(1); // b reads x, which nothing makes now
  });

  it('starts over when another document is loaded', async () => {
    loadDocument({ workflow: start, name: 'wf', file: null });
    stop = startValidation();
    await settle();
    loadDocument({ workflow: { ...start, name: 'bad name', jobs: [] }, name: 'other', file: null });
    await settle();
    expectStoreMatchesDocument();
    expect(diagnosticsStore.getState().diagnostics.map((d) => d.code)).toEqual(['PC217', 'PC220']);
    expect(diagnosticsStore.getState().changedBadgeKeys).toBeNull();
  });
});
