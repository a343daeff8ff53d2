import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../support/shared-path';
import { runCli } from './cli-io';

const examples = sharedPath('examples');
const temp = mkdtempSync(path.join(tmpdir(), 'pc-validate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const CYCLE = `pegasus: "5.0"
name: loop
jobs:
- type: job
  name: t
  id: a
  arguments: []
  uses:
  - {lfn: y, type: input}
  - {lfn: x, type: output}
- type: job
  name: t
  id: b
  arguments: []
  uses:
  - {lfn: x, type: input}
  - {lfn: y, type: output}
`;

describe('pegasus-canvas validate', () => {
  it('exits 0 and prints nothing on stdout for a clean workflow', async () => {
    const result = await runCli(['validate', 'diamond.yml'], examples);
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'diamond.yml: 0 errors, 0 warnings\n' });
  });

  it('prints FILE:LINE:COL: SEVERITY CODE message at the job and exits 1 on errors', async () => {
    const result = await runCli(['validate', 'inference-edgecases.yml'], examples);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'inference-edgecases.yml:1:1: warning PC209 No transformation catalog was found (none embedded, no transformations.yml beside the workflow); pegasus-plan needs entries for 1 transformation(s): t.',
    );
    // Line 19 column 3 is `id: p2`, the producer pegasus-plan keeps.
    expect(lines[1]).toMatch(
      /^inference-edgecases\.yml:19:3: error PC203 File 'shared\.dat' is produced by 2 jobs: 'p1' and 'p2'\./,
    );
    expect(lines.filter((l) => l.includes(' PC206 '))).toHaveLength(2);
    expect(result.stderr).toBe('inference-edgecases.yml: 1 error, 3 warnings\n');
  });

  it('reports a cycle with its path', async () => {
    const file = path.join(temp, 'loop.yml');
    writeFileSync(file, CYCLE);
    const result = await runCli(['validate', file], temp);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('loop.yml:6:3: error PC200 The dependencies form a cycle: a -> b -> a.');
  });

  it('prints a problem the reader already reported only once', async () => {
    const badId = path.join(temp, 'badid.yml');
    writeFileSync(badId, CYCLE.replace('id: a', 'id: a.b').replace('name: loop', 'name: badid'));
    const result = await runCli(['validate', badId], temp);
    expect(result.stdout).toContain(' error PC114 ');
    expect(result.stdout).not.toContain(' PC202 ');
    const empty = path.join(temp, 'empty.yml');
    writeFileSync(empty, 'pegasus: "5.0"\nname: e\njobs: []\n');
    const emptyResult = await runCli(['validate', empty], temp);
    expect(emptyResult.code).toBe(1);
    expect(emptyResult.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^empty\.yml:\d+:\d+: error PC(116|217) .*no jobs/),
    ]);
  });

  it('validates several files, including catalogs found beside them', async () => {
    const result = await runCli(
      ['validate', 'diamond.yml', 'diamond-catalogs/workflow.yml', '09-sharedfs-hello-world.yml'],
      examples,
    );
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('exits 1 with the reader position for malformed YAML', async () => {
    const file = path.join(temp, 'bad.yml');
    writeFileSync(file, 'pegasus: "5.0"\nname: bad\njobs: [\n  {id: a\n');
    const result = await runCli(['validate', file], temp);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^bad\.yml:\d+:\d+: error PC1\d\d /);
  });

  it('exits 2 for a file that cannot be read, still checking the others', async () => {
    const result = await runCli(['validate', 'nope.yml', 'diamond.yml'], examples);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(`nope.yml:1:1: error PC290 ${path.join(examples, 'nope.yml')} does not exist\n`);
    expect(result.stderr).toContain('nope.yml: cannot be read\n');
    expect(result.stderr).toContain('diamond.yml: 0 errors, 0 warnings\n');
  });

  it('exits 2 on bad usage', async () => {
    expect((await runCli(['validate'], examples)).code).toBe(2);
    const unknown = await runCli(['validate', '--fast', 'diamond.yml'], examples);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--fast'");
    expect((await runCli(['validate', 'diamond.yml', '--sites-file'], examples)).code).toBe(2);
  });

  it('uses a catalog named with --transformations-file', async () => {
    const without = await runCli(['validate', '01-quickstart-hello-world.yml'], examples);
    expect(without.stdout).toContain('PC209');
    const withTc = await runCli(
      [
        'validate',
        '01-quickstart-hello-world.yml',
        '--transformations-file',
        '09-sharedfs-hello-world-catalogs/transformations.yml',
      ],
      examples,
    );
    expect(withTc.stdout).not.toContain('PC209');
    const missing = await runCli(['validate', 'diamond.yml', '--replicas-file=missing.yml'], examples);
    expect(missing.code).toBe(2);
  });

  it('prints one JSON document with --json', async () => {
    const result = await runCli(['validate', '--json', 'hierarchical.yml', 'diamond.yml'], examples);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout) as {
      files: Array<{
        file: string;
        readable: boolean;
        errors: number;
        warnings: number;
        diagnostics: Array<{ code: string; target?: unknown; location?: unknown }>;
      }>;
    };
    expect(json.files.map((f) => [f.file, f.errors, f.warnings])).toEqual([
      ['hierarchical.yml', 2, 1],
      ['diamond.yml', 0, 0],
    ]);
    const missing = json.files[0]!.diagnostics.filter((d) => d.code === 'PC210');
    expect(missing.map((d) => d.target)).toEqual([
      { kind: 'job', jobId: 'sub2', field: 'file' },
      { kind: 'job', jobId: 'sub3', field: 'file' },
    ]);
    expect(missing[0]!.location).toMatchObject({ line: 42, column: 3 });
  });
});
