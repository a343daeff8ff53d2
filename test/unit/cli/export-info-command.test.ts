import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import { repoRoot, sharedPath } from '../../support/shared-path';
import { runCli } from './cli-io';

const examples = sharedPath('examples');
const temp = mkdtempSync(path.join(tmpdir(), 'pc-export-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('pegasus-canvas export', () => {
  it('writes YAML to -o atomically (no temporary file left) and it reads back', async () => {
    const out = path.join(temp, 'diamond-copy.yml');
    const result = await runCli(['export', 'diamond.yml', '--to', 'yaml', '-o', out], examples);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    const back = readWorkflow(readFileSync(out, 'utf8'));
    expect(back.ok && back.value.jobs.map((j) => j.id)).toEqual([
      'preprocess',
      'findrange_1',
      'findrange_2',
      'analyze',
    ]);
    expect(readdirSync(temp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints JSON, a Python script and DOT on stdout', async () => {
    const json = await runCli(['export', 'diamond.yml', '--to=json'], examples);
    expect((JSON.parse(json.stdout) as { name: string }).name).toBe('diamond');
    const python = await runCli(['export', 'diamond-catalogs/workflow.yml', '--to', 'python'], examples);
    expect(python.code).toBe(0);
    expect(python.stdout).toContain('sc.write("sites.yml")');
    expect(python.stdout).toContain('wf.write("workflow.yml")');
    const dot = await runCli(['export', 'inference-edgecases.yml', '--to', 'dot', '--files'], examples);
    expect(dot.stdout).toContain('"ck" -> "file:state.ckpt" [style=dotted];');
  });

  it('refuses bad usage with exit 2 and an unreadable file with exit 2', async () => {
    for (const args of [
      ['export', 'diamond.yml'],
      ['export', 'diamond.yml', '--to', 'xml'],
      ['export', 'diamond.yml', '--to', 'yaml', '--files'],
      ['export', '--to', 'yaml'],
    ]) {
      const result = await runCli(args, examples);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('usage: pegasus-canvas export');
    }
    const missing = await runCli(['export', 'missing.yml', '--to', 'yaml'], examples);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('PC290');
  });

  it('exits 1 when the output cannot be written', async () => {
    const result = await runCli(
      ['export', 'diamond.yml', '--to', 'yaml', '-o', path.join(temp, 'no-such-dir', 'x.yml')],
      examples,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot write');
  });
});

describe('pegasus-canvas info', () => {
  it('prints the shape of the diamond', async () => {
    const result = await runCli(['info', 'diamond.yml'], examples);
    expect(result.code).toBe(0);
    const rows = Object.fromEntries(
      result.stdout
        .split('\n')
        .filter((l) => /^\S/.test(l))
        .map((l) => [l.slice(0, 14).trim(), l.slice(14)]),
    );
    expect(rows).toMatchObject({ jobs: '4', files: '6', levels: '3', width: '2', roots: '1', leaves: '1' });
    expect(rows.edges).toBe('4 (4 inferred from files, 0 explicit only)');
    expect(result.stdout).toContain('preprocess -> findrange_1 -> analyze');
  });

  it('gives the critical path by runtime, the transformation catalog first, with --json', async () => {
    const result = await runCli(['info', 'features.yml', '--json'], examples);
    const facts = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(facts).toMatchObject({
      workflow: 'features',
      jobs: 4,
      edges: 2,
      inferredEdges: 1,
      explicitEdges: 1,
      levels: 2,
      width: 2,
      roots: 2,
      leaves: 2,
    });
    // Job a says 3600 s but its transformation says 600 s, and the catalog wins.
    expect(facts.criticalPath).toEqual({ jobs: ['a', 'b'], seconds: 1200 });
    expect(facts.catalogs).toEqual({
      sites: { origin: 'embedded' },
      replicas: { origin: 'embedded' },
      transformations: { origin: 'embedded' },
    });
  });

  it('names catalog files found beside the workflow', async () => {
    const result = await runCli(['info', '09-sharedfs-hello-world.yml', '--json'], examples);
    expect((JSON.parse(result.stdout) as { catalogs: unknown }).catalogs).toEqual({
      sites: { origin: 'none' },
      replicas: { origin: 'file', file: '09-sharedfs-hello-world-catalogs/replicas.yml' },
      transformations: { origin: 'file', file: '09-sharedfs-hello-world-catalogs/transformations.yml' },
    });
  });

  it('says when the dependencies have a cycle', async () => {
    const file = path.join(temp, 'loop.yml');
    writeFileSync(
      file,
      'pegasus: "5.0"\nname: loop\njobs:\n- {type: job, name: t, id: a, arguments: [], uses: []}\n- {type: job, name: t, id: b, arguments: [], uses: []}\njobDependencies:\n- {id: a, children: [b]}\n- {id: b, children: [a]}\n',
    );
    const result = await runCli(['info', file], temp);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('levels        - (the dependencies have a cycle: run validate)');
    expect(result.stdout).toContain('critical path -');
  });

  it('exits 2 without a file', async () => {
    expect((await runCli(['info'], examples)).code).toBe(2);
    expect((await runCli(['info', 'nope.yml'], examples)).code).toBe(2);
  });
});

describe('the pegasus-canvas process', () => {
  const run = promisify(execFile);
  const cli = path.join(repoRoot, 'src', 'main', 'cli.ts');
  const spawnCli = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: repoRoot });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('sets the exit status: 0 clean, 1 errors, 2 unreadable', async () => {
    expect((await spawnCli(['validate', sharedPath('examples', 'diamond.yml')])).code).toBe(0);
    const errors = await spawnCli(['validate', sharedPath('examples', 'inference-edgecases.yml')]);
    expect(errors.code).toBe(1);
    expect(errors.stdout).toContain('error PC203');
    expect((await spawnCli(['validate', sharedPath('examples', 'missing.yml')])).code).toBe(2);
  });
});
