import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, channelNames, isChannel, methodName, parseRequest, windowTitle, type WindowApi } from '../../../src/shared/ipc';

describe('ipc contract', () => {
  it('names one method per channel', () => {
    expect(methodName('document.open')).toBe('documentOpen');
    expect(methodName('fs.listDir')).toBe('fsListDir');
    expect(methodName('recovery.write')).toBe('recoveryWrite');
    const names = channelNames.map(methodName);
    expect(new Set(names).size).toBe(channelNames.length);
    // The type names the same methods (compile-time); keep one call here so a rename breaks the build.
    const call: keyof WindowApi = 'documentOpen';
    expect(names).toContain(call);
  });

  it('keeps the zod-free name list (used by the preload) equal to the schema table', () => {
    expect(Object.keys(channels)).toEqual([...CHANNEL_NAMES]);
  });

  it('names the bad field of a request', () => {
    const bad = parseRequest('document.open', { path: 3 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_REQUEST');
      expect(bad.error.message).toContain('path');
    }
    const deep = parseRequest('document.save', {
      path: '/tmp/a.yml',
      layout: null,
      workflow: { pegasus: '5.0.4', name: 'w', dependencies: [], jobs: [{ id: 7, type: 'job', arguments: [], uses: [] }] },
    });
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.error.message).toContain('workflow.jobs.0.id');
  });

  it('accepts a valid request and an absent one for empty channels', () => {
    expect(parseRequest('document.open', { path: '/tmp/x.yml' }).ok).toBe(true);
    expect(parseRequest('recent.list', undefined).ok).toBe(true);
    expect(parseRequest('recent.list', { extra: 1 }).ok).toBe(false);
  });

  it('knows its channels', () => {
    expect(isChannel('document.open')).toBe(true);
    expect(isChannel('toString')).toBe(false);
    expect(isChannel('shell.exec')).toBe(false);
  });

  it('shows the document and an unsaved mark in the title', () => {
    expect(windowTitle('diamond.yml', false)).toBe('diamond.yml — Pegasus Canvas');
    expect(windowTitle('diamond.yml', true)).toBe('• diamond.yml — Pegasus Canvas');
    expect(windowTitle(null, true)).toBe('Pegasus Canvas');
  });
});

describe('shape checks of large values', () => {
  const workflow = { pegasus: '5.0.4', name: 'w', dependencies: [{ id: 'a', children: ['b'] }], jobs: [{ id: 'a', type: 'job', name: 't', arguments: ['-i', 3, { kind: 'number', text: '1.0' }], uses: [{ lfn: 'f', type: 'input' }] }] };

  it('accepts a well-formed workflow and layout and keeps unknown fields', () => {
    const ok = parseRequest('recovery.write', { id: 'x', path: null, name: 'n', workflow: { ...workflow, 'x-extra': 1 }, layout: { version: 1, jobs: { a: { x: 1, y: 2 } }, files: {}, zoomHint: 3 } });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect((ok.value.workflow as unknown as Record<string, unknown>)['x-extra']).toBe(1);
      expect(ok.value.layout?.zoomHint).toBe(3);
    }
  });

  it.each([
    [{ ...workflow, jobs: [{ ...workflow.jobs[0], uses: [{ lfn: 'f', type: 'sideways' }] }] }, 'workflow.jobs.0.uses.0.type'],
    [{ ...workflow, jobs: [{ ...workflow.jobs[0], arguments: [null] }] }, 'workflow.jobs.0.arguments.0'],
    [{ ...workflow, jobs: [{ ...workflow.jobs[0], type: 'pegasusWorkflow' }] }, 'workflow.jobs.0.file'],
    [{ ...workflow, dependencies: [{ id: 'a', children: [1] }] }, 'workflow.dependencies.0.children.0'],
    [{ ...workflow, jobs: {} }, 'workflow.jobs'],
  ])('names the bad field of a workflow (%#)', (bad, where) => {
    const result = parseRequest('document.save', { path: '/w.yml', workflow: bad, layout: null });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain(`${where}:`);
  });

  it('names the bad position of a layout', () => {
    const result = parseRequest('document.save', { path: '/w.yml', workflow, layout: { version: 1, jobs: { a: { x: 'left', y: 0 } }, files: {} } });
    expect(!result.ok && result.error.message).toContain('layout.jobs.a.x');
  });
});
