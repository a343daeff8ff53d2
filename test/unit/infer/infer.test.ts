import { describe, expect, it } from 'vitest';
import { EdgeFlag } from '../../../src/shared/graph/dag';
import { dependencyList, explicitOnly, hasEdge, inferDependencies } from '../../../src/shared/infer';
import { job, workflow } from '../validate/builders';

function edges(wf: Parameters<typeof inferDependencies>[0]): string[] {
  return dependencyList(wf).flatMap((d) => d.children.map((c) => `${d.id}>${c}`));
}

describe('inferDependencies', () => {
  it('links producers to consumers through input and output uses', () => {
    const wf = workflow([job('a', ['out:x']), job('b', ['in:x', 'out:y']), job('c', ['in:y', 'in:x'])]);
    expect(edges(wf)).toEqual(['a>b', 'a>c', 'b>c']);
  });

  it('makes no edge for a checkpoint file', () => {
    expect(edges(workflow([job('ck', ['ck:state']), job('reader', ['in:state'])]))).toEqual([]);
  });

  it('makes no edge for inout or none', () => {
    expect(edges(workflow([job('a', ['inout:x', 'none:y']), job('b', ['in:x', 'in:y'])]))).toEqual([]);
  });

  it('treats stdout and stderr as produced and stdin as consumed, even without uses', () => {
    const wf = workflow([
      job('a', [], { stdout: 'o' }),
      job('b', [], { stderr: 'e' }),
      job('c', [], { stdin: 'o' }),
      job('d', ['in:e']),
    ]);
    expect(edges(wf)).toEqual(['a>c', 'b>d']);
  });

  it('takes the last producer in document order, as pegasus-plan does, and records all producers', () => {
    const wf = workflow([job('p1', ['out:s']), job('p2', ['out:s']), job('p3', ['out:s']), job('c', ['in:s'])]);
    const graph = inferDependencies(wf);
    expect(edges(wf)).toEqual(['p3>c']);
    expect([...graph.multiProducers]).toEqual([['s', [0, 1, 2]]]);
  });

  it('does not count a job that writes one file twice (stdout listed in uses) as two producers', () => {
    const wf = workflow([job('a', ['out:log'], { stdout: 'log' }), job('b', ['in:log'], { stdin: 'log' })]);
    const graph = inferDependencies(wf);
    expect(graph.multiProducers.size).toBe(0);
    expect(edges(wf)).toEqual(['a>b']);
  });

  it('finds several producers through stdout and stderr too, but not one job listing a file twice', () => {
    const wf = workflow([
      job('a', ['out:log', 'out:x', 'out:x'], { stdout: 'log' }),
      job('b', [], { stderr: 'log' }),
      job('c', ['out:log']),
      job('d', ['in:log', 'in:x']),
    ]);
    const graph = inferDependencies(wf);
    expect([...graph.multiProducers]).toEqual([['log', [0, 1, 2]]]);
    expect(edges(wf)).toEqual(['a>d', 'c>d']);
  });

  it('never makes a self loop from a file a job reads and writes', () => {
    expect(edges(workflow([job('a', ['in:x', 'out:x'])]))).toEqual([]);
  });

  it('merges explicit edges and flags each edge by origin', () => {
    const wf = workflow([job('a', ['out:x']), job('b', ['in:x']), job('c')], {}, [{ id: 'a', children: ['b', 'c'] }]);
    const graph = inferDependencies(wf);
    expect(edges(wf)).toEqual(['a>b', 'a>c']);
    expect(graph.flags[0]).toBe(EdgeFlag.Inferred | EdgeFlag.Explicit);
    expect(graph.flags[1]).toBe(EdgeFlag.Explicit);
  });

  it('records explicit dependencies on unknown ids instead of adding edges', () => {
    const wf = workflow([job('a')], {}, [
      { id: 'a', children: ['ghost'] },
      { id: 'nobody', children: ['a'] },
    ]);
    const graph = inferDependencies(wf);
    expect(graph.unknownReferences).toEqual([
      ['a', 'ghost'],
      ['nobody', 'a'],
    ]);
    expect(graph.targets.length).toBe(0);
  });

  it('maps a repeated id to its first job', () => {
    expect(inferDependencies(workflow([job('a'), job('a')])).indexById.get('a')).toBe(0);
  });

  it('keeps an explicit self dependency so that cycle detection reports it', () => {
    const graph = inferDependencies(workflow([job('a')], {}, [{ id: 'a', children: ['a'] }]));
    expect(hasEdge(graph, 0, 0)).toBe(true);
  });

  it('builds jobs without edges among jobs with many children (sparse rows)', () => {
    const jobs = [
      job(
        'split',
        Array.from({ length: 50 }, (_, i) => `out:p${i}`),
      ),
    ];
    for (let i = 0; i < 50; i++) jobs.push(job(`w${i}`, [`in:p${i}`]));
    const graph = inferDependencies(workflow(jobs));
    expect(graph.offsets[1]).toBe(50);
    expect(graph.offsets[51]).toBe(50);
    expect(Array.from(graph.targets)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe('explicitOnly', () => {
  it('drops dependencies files explain and keeps the rest', () => {
    const wf = workflow([job('a', ['out:x']), job('b', ['in:x']), job('c')], {}, [
      { id: 'a', children: ['b', 'c'] },
      { id: 'b', children: ['c'] },
    ]);
    expect(explicitOnly(wf)).toEqual([
      { id: 'a', children: ['c'] },
      { id: 'b', children: ['c'] },
    ]);
  });

  it('keeps dependencies on unknown ids for validation to report', () => {
    const wf = workflow([job('a')], {}, [{ id: 'a', children: ['ghost'] }]);
    expect(explicitOnly(wf)).toEqual([{ id: 'a', children: ['ghost'] }]);
  });
});

describe('producerOf', () => {
  it('maps each produced file to its last producer, stdout and stderr included', () => {
    const wf = workflow([
      job('a', ['out:x'], { stdout: 'log' }),
      job('b', ['out:x', 'in:log'], { stderr: 'err' }),
      job('c', ['ck:s']),
    ]);
    expect([...inferDependencies(wf).producerOf]).toEqual([
      ['x', 1],
      ['log', 0],
      ['err', 1],
    ]);
  });
});

describe('unproducedInputs', () => {
  it('lists each read of a file no job produces, stdin included, in document order', () => {
    const wf = workflow([
      job('a', ['in:raw', 'out:x']),
      job('b', ['in:x', 'in:ref'], { stdin: 'ref' }),
      job('c', ['ck:s']),
      job('d', ['in:s']),
    ]);
    expect(inferDependencies(wf).unproducedInputs).toEqual([
      [0, 'raw'],
      [1, 'ref'],
      [1, 'ref'],
      [3, 's'],
    ]);
  });
});
