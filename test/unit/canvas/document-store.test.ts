import { beforeEach, describe, expect, it } from 'vitest';
import { addJob, connect, fileKey, jobKey, moveNodes } from '../../../src/shared/edit';
import {
  applyEdit,
  documentStore,
  isDirty,
  loadDocument,
  markSaved,
  redo,
  setLayoutPositions,
  undo,
} from '../../../src/renderer/store/document-store';

const doc = () => documentStore.getState().doc;

beforeEach(() => {
  loadDocument({ workflow: { pegasus: '5.0.4', name: 'w', jobs: [], dependencies: [] }, file: null, name: 'w.yml' });
});

describe('document store history', () => {
  it('undoes and redoes edits one gesture at a time, and a new edit clears redo', () => {
    applyEdit(addJob(doc(), { kind: 'job' }, { x: 0, y: 0 }));
    applyEdit(connect(doc(), { kind: 'job', id: 'task' }, { kind: 'file', lfn: 'out' }));
    expect(doc().workflow.jobs[0]!.uses).toHaveLength(1);
    expect(undo()).toBe('Wire task to out');
    expect(doc().workflow.jobs[0]!.uses).toHaveLength(0);
    expect(redo()).toBe('Wire task to out');
    expect(doc().workflow.jobs[0]!.uses).toHaveLength(1);
    undo();
    applyEdit(moveNodes(doc(), [[jobKey('task'), { x: 5, y: 5 }]]));
    expect(redo()).toBeUndefined();
    undo();
    undo();
    expect(doc().workflow.jobs).toEqual([]);
    expect(undo()).toBeUndefined();
  });

  it('returns the reason of a refused edit and records nothing', () => {
    const reason = applyEdit(connect(doc(), { kind: 'file', lfn: 'a' }, { kind: 'file', lfn: 'b' }));
    expect(reason).toMatch(/cannot feed another file/);
    expect(documentStore.getState().undoStack).toEqual([]);
  });

  it('is dirty after edits, clean after save and when undone back to the saved state', () => {
    expect(isDirty()).toBe(false);
    applyEdit(addJob(doc(), { kind: 'job' }, { x: 0, y: 0 }));
    expect(isDirty()).toBe(true);
    markSaved({ path: '/tmp/w.yml', name: 'w.yml', format: 'yaml' });
    expect(isDirty()).toBe(false);
    applyEdit(addJob(doc(), { kind: 'job' }, { x: 0, y: 0 }));
    expect(isDirty()).toBe(true);
    undo();
    expect(isDirty()).toBe(false);
    undo();
    expect(isDirty()).toBe(true);
  });

  it('keeps automatic layout out of the history and out of the unsaved mark', () => {
    loadDocument({
      workflow: { pegasus: '5.0.4', name: 'w', jobs: [{ type: 'job', id: 'a', name: 'a', arguments: [], uses: [] }], dependencies: [] },
      file: null,
      name: 'w.yml',
    });
    expect(documentStore.getState().needsLayout).toBe(true);
    setLayoutPositions(new Map([[jobKey('a'), { x: 1, y: 2 }], [fileKey('f'), { x: 3, y: 4 }]]));
    expect(documentStore.getState().needsLayout).toBe(false);
    expect(doc().positions.get(jobKey('a'))).toEqual({ x: 1, y: 2 });
    expect(documentStore.getState().undoStack).toEqual([]);
    expect(isDirty()).toBe(false);
  });

  it('marks a restored recovery document unsaved, without letting undo go past it', () => {
    loadDocument({ workflow: { pegasus: '5.0.4', name: 'w', jobs: [], dependencies: [] }, file: null, name: 'w.yml', dirty: true });
    expect(isDirty()).toBe(true);
    expect(undo()).toBeUndefined();
    expect(isDirty()).toBe(true);
  });
});
