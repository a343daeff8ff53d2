import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileKey, jobKey, type Position } from '../../../src/shared/edit';
import { splitFrame, type FrameChannel } from '../../../src/shared/ipc-frame';
import type { Job, Workflow } from '../../../src/shared/model';
import { layoutJson } from '../../../src/renderer/document-worker/layout-json';
import { requestFrame } from '../../../src/renderer/document-worker/serialize-request';
import { layoutFromPositions } from '../../../src/renderer/store/sidecar';

const FILLED_IN = true;

function job(id: string, inputs: string[], outputs: string[]): Job {
  return {
    type: 'job',
    id,
    name: 'tool',
    arguments: ['-i', ...inputs, 3, { kind: 'number', text: '1e3' }],
    uses: [...inputs.map((lfn) => ({ lfn, type: 'input' as const })), ...outputs.map((lfn) => ({ lfn, type: 'output' as const, stageOut: true, registerReplica: false }))],
  };
}

function workflowOf(ids: string[], lfns: string[]): Workflow {
  const jobs = ids.map((id, i) => job(id, i > 0 ? [lfns[(i - 1) % lfns.length]!] : [], [lfns[i % lfns.length]!]));
  return { pegasus: '5.0.4', name: 'w', jobs, dependencies: ids.length > 1 ? [{ id: ids[0]!, children: ids.slice(1) }] : [] };
}

function positionsOf(workflow: Workflow): Map<string, Position> {
  const positions = new Map<string, Position>();
  workflow.jobs.forEach((j, i) => {
    positions.set(jobKey(j.id), { x: i * 230.5, y: -i });
    for (const use of j.uses) positions.set(fileKey(use.lfn), { x: i, y: 1e21 + i });
  });
  return positions;
}

/** The bytes decoded and parsed back, with the channel from the header. */
function decode(frame: Uint8Array): { channel: FrameChannel; text: string } {
  const parts = splitFrame(frame);
  if (!parts.ok) throw new Error(parts.message);
  return { channel: parts.channel, text: new TextDecoder('utf-8', { fatal: true }).decode(parts.body) };
}

const view = 'files' as const;
const viewport = { x: -12.5, y: 40, zoom: 0.75 };
const extras = { plan: { site: 'condorpool', cleanup: 'inplace' } };

/** What the page sent before request frames: the whole request as one object. */
function oldSaveRequest(workflow: Workflow, positions: Map<string, Position>, text?: string): Record<string, unknown> {
  return {
    path: '/work/w.yml',
    workflow,
    layout: { ...layoutFromPositions(positions, view, viewport), ...extras },
    format: 'yaml',
    recoveryId: 'doc-1',
    catalogs: { sites: { sites: [{ name: 'local', directories: [] }] } },
    ...(text !== undefined ? { text } : {}),
  };
}

function newSaveFrame(workflow: Workflow, positions: Map<string, Position>, text?: string): Uint8Array {
  const head = {
    path: '/work/w.yml',
    workflow: FILLED_IN,
    layout: FILLED_IN,
    format: 'yaml',
    recoveryId: 'doc-1',
    catalogs: { sites: { sites: [{ name: 'local', directories: [] }] } },
    ...(text !== undefined ? { text } : {}),
  };
  return requestFrame('document.save', head, workflow, layoutJson(positions, { view, viewport, extras }));
}

describe('request frames: the bytes are the request the page used to send', () => {
  it('decodes to exactly the old request, text for text', () => {
    const workflow = workflowOf(['a', 'b', 'c'], ['f.txt', 'g.txt']);
    const positions = positionsOf(workflow);
    const { channel, text } = decode(newSaveFrame(workflow, positions, '# kept\npegasus: 5.0.4\n'));
    expect(channel).toBe('document.save');
    expect(text).toBe(JSON.stringify(oldSaveRequest(workflow, positions, '# kept\npegasus: 5.0.4\n')));
  });

  it('writes an autosave request with a null path and no layout', () => {
    const workflow = workflowOf(['a'], ['f']);
    const head = { id: 'doc-1', path: null, name: 'Untitled.yml', workflow: FILLED_IN, layout: null, catalogs: undefined };
    const { channel, text } = decode(requestFrame('recovery.write', head, workflow, '{"ignored":true}'));
    expect(channel).toBe('recovery.write');
    expect(text).toBe(JSON.stringify({ id: 'doc-1', path: null, name: 'Untitled.yml', workflow, layout: null, catalogs: undefined }));
  });

  it('keeps hostile ids and names: quotes, backslashes, line breaks, markup, emoji, lone surrogates', () => {
    const ids = ['say "hi"', 'back\\slash', 'two\nlines', '</script><b>', 'été_☃_🚀', 'lone\ud800half', '\u2028sep', 'tab\tx'];
    const lfns = ['f "1".txt', 'ü/ß\\x.dat', '\u0000nul', '🧬.fa'];
    const workflow = workflowOf(ids, lfns);
    workflow.name = 'név "w" ✓';
    const positions = positionsOf(workflow);
    const { text } = decode(newSaveFrame(workflow, positions));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(oldSaveRequest(workflow, positions))));
  });

  it('keeps an id such as __proto__ or 42 as a field of the layout', () => {
    const workflow = workflowOf(['__proto__', '42', 'constructor'], ['toString']);
    const positions = positionsOf(workflow);
    const parsed = JSON.parse(decode(newSaveFrame(workflow, positions)).text) as { workflow: unknown; layout: { jobs: Record<string, Position>; files: Record<string, Position> } };
    expect(Object.hasOwn(parsed.layout.jobs, '__proto__')).toBe(true);
    expect(parsed.layout.jobs['42']).toEqual({ x: 230.5, y: -1 });
    expect(parsed.layout.jobs.constructor).toEqual({ x: 461, y: -2 });
    expect(Object.hasOwn(parsed.layout.files, 'toString')).toBe(true);
    expect(parsed.workflow).toEqual(JSON.parse(JSON.stringify(workflow)));
  });

  it('lets the extras replace a field of the layout, as the object spread did', () => {
    const positions = new Map<string, Position>([[jobKey('a'), { x: 1, y: 2 }]]);
    const json = layoutJson(positions, { view: 'jobs', viewport: undefined, extras: { view: 'files', jobs: {} } });
    expect(json).toBe(JSON.stringify({ ...layoutFromPositions(positions, 'jobs', undefined), view: 'files', jobs: {} }));
  });

  it('writes a non-finite position as null, as JSON.stringify does (the server then refuses it)', () => {
    const positions = new Map<string, Position>([[jobKey('a'), { x: Number.NaN, y: Number.POSITIVE_INFINITY }]]);
    const json = layoutJson(positions, { view: 'jobs', viewport: undefined, extras: {} });
    expect(json).toBe(JSON.stringify(layoutFromPositions(positions, 'jobs', undefined)));
  });

  it('round-trips any ids, names and positions (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 12 }).filter((ids) => !ids.includes('__proto__')),
        fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }).filter((lfns) => !lfns.includes('__proto__')),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (ids, lfns, name) => {
          const workflow = workflowOf(ids, lfns);
          workflow.name = name;
          const positions = positionsOf(workflow);
          const { text } = decode(newSaveFrame(workflow, positions));
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(oldSaveRequest(workflow, positions))));
        },
      ),
      { numRuns: 150 },
    );
  });
});
