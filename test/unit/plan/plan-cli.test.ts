import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planCommand } from '../../../src/main/cli/plan';
import type { CliIo } from '../../../src/main/cli/command';
import { readDag } from '../../../src/shared/formats/dagman';
import { samplePath } from './support/samples';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-cli-'));
  temps.push(dir);
  return dir;
}

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    env: { USER: 'alice' },
    signal: new AbortController().signal,
  };
  const code = await planCommand.run(args, io);
  return { code, stdout, stderr };
}

const hierarchical = (...parts: string[]): string => samplePath('hierarchical_wf_success', ...parts);
const catalogArgs = [
  '--sites-file',
  hierarchical('catalogs', 'sites.yml'),
  '--transformations-file',
  hierarchical('catalogs', 'transformations.yml'),
  '--replicas-file',
  hierarchical('catalogs', 'replicas.yml'),
];

describe('pegasus-canvas plan', () => {
  it('writes the submit directory of the hierarchical sample and prints the summary', async () => {
    const out = path.join(tempDir(), 'submit');
    const result = await run(
      [
        hierarchical('workflow.yml'),
        ...catalogArgs,
        '-s',
        'condorpool',
        '--output-sites',
        'local',
        '--cleanup',
        'leaf',
        '-f',
        '--stage-worker',
        '-o',
        out,
      ],
      '/',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Plan of hierarchical-workflow (index 0) → alice/pegasus/hierarchical-workflow/run0001',
    );
    expect(result.stdout).toContain(`Wrote 30 files to ${out}`);
    // The catalogs it was planned with are kept, as pegasus-plan keeps them.
    expect(readdirSync(path.join(out, 'catalogs')).sort()).toEqual([
      'replicas.yml',
      'sites.yml',
      'transformations.yml',
    ]);
    const dag = readDag(readFileSync(path.join(out, 'hierarchical-workflow-0.dag'), 'utf8'));
    const real = readDag(readFileSync(hierarchical('hierarchical-workflow-0.dag'), 'utf8'));
    expect(dag.nodes.map((n) => n.name).sort()).toEqual(real.nodes.map((n) => n.name).sort());
    const sub = readdirSync(path.join(out, '00', '00')).filter((f) => f.endsWith('.sub'));
    expect(sub.sort()).toEqual(real.nodes.map((n) => `${n.name}.sub`).sort());
    expect(readFileSync(path.join(out, '00', '00', 'curl_ID0000001.sub'), 'utf8')).toContain(
      `executable = ${out}/00/00/curl_ID0000001.sh\n`,
    );
    const report = JSON.parse(readFileSync(path.join(out, 'plan.json'), 'utf8')) as {
      jobs: number;
      jobsByKind: Record<string, number>;
    };
    expect(report.jobs).toBe(13);
    expect(report.jobsByKind['registration']).toBe(3);
    expect(readFileSync(path.join(out, 'plan-summary.txt'), 'utf8')).toContain('Jobs: 13');
  });

  it('prints JSON with --json', async () => {
    const out = path.join(tempDir(), 'submit');
    const result = await run(
      [
        hierarchical('workflow.yml'),
        ...catalogArgs,
        '--output-sites',
        'local',
        '--json',
        '-o',
        out,
        '--wf-uuid',
        'abc',
      ],
      '/',
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      ok: boolean;
      submitDir: string;
      report: { options: { sites: string[]; cleanup: string } };
    };
    expect(json.ok).toBe(true);
    expect(json.report.options.sites).toEqual(['condorpool']);
    expect(json.report.options.cleanup).toBe('inplace');
    expect(readFileSync(path.join(out, 'braindump.yml'), 'utf8')).toContain('wf_uuid: "abc"');
  });

  it('exits 1 naming the job when the workflow cannot be planned', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'workflow.yml'),
      'pegasus: "5.0.4"\nname: broken\njobs:\n- type: job\n  name: ls\n  id: ID1\n  arguments: []\n  uses:\n  - {lfn: missing.txt, type: input}\n',
    );
    writeFileSync(
      path.join(dir, 'transformations.yml'),
      'pegasus: "5.0"\ntransformations:\n- name: ls\n  sites:\n  - {name: condorpool, pfn: /bin/ls, type: installed}\n',
    );
    const result = await run(['workflow.yml', '-o', 'out'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'workflow.yml:6:3: error PC403 Job ID1: input missing.txt has no replica in the replica catalog and no job produces it.',
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses, as pegasus-plan does, a workflow that validation rejects', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'workflow.yml'),
      'pegasus: "5.0.4"\nname: dup\njobs:\n- {type: job, name: ls, id: A, arguments: [], uses: []}\n- {type: job, name: ls, id: A, arguments: [], uses: []}\n',
    );
    const result = await run(['workflow.yml', '-o', 'out'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error PC201 .*'A'/);
    expect(result.stderr).toContain('pegasus-canvas plan: not planned (');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('exits 2 on bad usage, an unreadable file, or a folder that is not a plan', async () => {
    await expect(run(['x.yml'], '/')).rejects.toThrow('missing -o DIR');
    await expect(run(['x.yml', '-o', 'o', '--cleanup', 'sometimes'], '/')).rejects.toThrow(
      '--cleanup is none, leaf or inplace',
    );
    const dir = tempDir();
    expect((await run(['nothing.yml', '-o', 'out'], dir)).code).toBe(2);
    writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    const result = await run([hierarchical('workflow.yml'), ...catalogArgs, '-o', dir], '/');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty and holds no earlier plan');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
  });
});
