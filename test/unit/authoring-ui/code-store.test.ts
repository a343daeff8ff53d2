/**
 * The code view's store against the real document store (no browser): a canvas edit reaches
 * the text, a text edit is one history step that Undo takes back in the text too, text that
 * does not read leaves the workflow alone, and a large workflow is offered read-only.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { updateJob } from '../../../src/shared/edit';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import type { Workflow } from '../../../src/shared/model';
import { codeStore, flushText, startCodeSync, syncNow, textEdited } from '../../../src/renderer/panels/code/code-store';
import { CODE_VIEW_MAX_CHARS } from '../../../src/renderer/panels/code/yaml-sync';
import { applyEdit, documentStore, loadDocument, undo } from '../../../src/renderer/store/document-store';

const TEXT = `pegasus: "5.0"
name: w
jobs:
  - type: job
    name: align
    id: align
    arguments: [a]
    uses: []
`;

function wf(text = TEXT): Workflow {
  const read = readWorkflow(text);
  if (!read.ok) throw new Error('does not read');
  return read.value;
}

/** Waits for the store's asynchronous reload (no file: no I/O, one microtask turn). */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('code store', () => {
  it('follows canvas edits, applies text edits as one step, and refuses text that does not read', async () => {
    loadDocument({ workflow: wf(), file: null, name: 'w.yml' });
    stop = startCodeSync(async () => undefined);
    await settled();
    expect(codeStore.getState().text).toContain('arguments:');
    const job = documentStore.getState().doc.workflow.jobs[0]!;
    applyEdit(updateJob(documentStore.getState().doc, 'align', { ...job, arguments: ['a', 'b'] }));
    syncNow();
    expect(codeStore.getState().text).toContain('- b');

    const typed = codeStore.getState().text.replace('name: align', 'name: sort');
    const steps = documentStore.getState().undoStack.length;
    textEdited(typed);
    flushText();
    expect(documentStore.getState().undoStack.length).toBe(steps + 1);
    expect(documentStore.getState().doc.workflow.jobs[0]).toMatchObject({ name: 'sort' });

    textEdited(`${typed}\n  - [unclosed`);
    flushText();
    expect(codeStore.getState().stale).toBe(true);
    expect(codeStore.getState().diagnostics.length).toBeGreaterThan(0);
    expect(documentStore.getState().doc.workflow.jobs[0]).toMatchObject({ name: 'sort' });

    textEdited(typed);
    flushText();
    expect(codeStore.getState().stale).toBe(false);
    undo();
    syncNow();
    expect(documentStore.getState().doc.workflow.jobs[0]).toMatchObject({ name: 'align' });
    expect(codeStore.getState().text).toContain('name: align');
  });

  it('offers a workflow above the size limit read-only', async () => {
    const jobs = Array.from({ length: 30_000 }, (_, i) => ({
      type: 'job' as const,
      id: `j${i}`,
      name: 'process',
      arguments: ['-i', `in_${i}.txt`, '-o', `out_${i}.txt`],
      uses: [],
    }));
    loadDocument({
      workflow: { pegasus: '5.0.4', name: 'big', jobs, dependencies: [] } as unknown as Workflow,
      file: null,
      name: 'big.yml',
    });
    stop = startCodeSync(async () => undefined);
    await settled();
    expect(codeStore.getState().readOnly).toBe(true);
    expect(codeStore.getState().text.length).toBeGreaterThan(CODE_VIEW_MAX_CHARS);
  });
});
