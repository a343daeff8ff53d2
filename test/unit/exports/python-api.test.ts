import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toPythonScript } from '../../../src/shared/formats/python-api';
import { EXAMPLE_FILES, loadExample } from './example-bundles';

const temp = mkdtempSync(path.join(tmpdir(), 'pc-py-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Compiles the script with the machine's python3; throws with Python's message on a syntax error. */
function pyCompile(name: string, script: string): void {
  const file = path.join(temp, `${name.replace(/[^A-Za-z0-9]+/g, '_')}.py`);
  writeFileSync(file, script);
  execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' });
}

describe('toPythonScript', () => {
  for (const name of EXAMPLE_FILES) {
    it(`${name}: compiles with python3`, async () => {
      const { bundle } = await loadExample(name);
      const script = toPythonScript(bundle, { workflowFile: path.basename(name) });
      expect(() => pyCompile(name, script)).not.toThrow();
      expect(script).toContain('from Pegasus.api import *');
      expect(script).toContain(`wf = Workflow("${bundle.workflow.name}")`);
      expect(script.trimEnd().endsWith(`wf.write("${path.basename(name)}")`)).toBe(true);
      for (const job of bundle.workflow.jobs) expect(script).toContain(`_id="${job.id}"`);
    });
  }

  it('diamond.yml: declares each transformation and file once and uses them', async () => {
    const { bundle } = await loadExample('diamond.yml');
    const script = toPythonScript(bundle);
    expect(script).toContain(
      'preprocess = Transformation(\n    "preprocess",\n    namespace="diamond",\n    version="4.0",\n    site="condorpool",\n    pfn="/usr/bin/pegasus-keg",\n    is_stageable=False,\n    arch=Arch.X86_64,\n    os_type=OS.LINUX,\n)',
    );
    expect(script.match(/^f_a = /gm)).toHaveLength(1);
    expect(script).toContain('f_a = File("f.a").add_metadata(creator="refs")');
    expect(script).toContain('Job(preprocess, _id="preprocess")');
    expect(script).toContain('.add_args("-a", "preprocess", "-T", "3", "-i", f_a, "-o", f_b1, f_b2)');
    expect(script).toContain('.add_outputs(f_d, register_replica=False)');
    expect(script).toContain(
      'rc.add_replica("local", "f.a", "/home/scientist/wf/inputs/f.a", metadata={"creator": "refs"})',
    );
    expect(script).toContain('Grid(Grid.BATCH, "hpc.example.org", Scheduler.SLURM, job_type=SupportedJobs.COMPUTE)');
    expect(script).toContain(
      'wf.add_site_catalog(sc)\nwf.add_replica_catalog(rc)\nwf.add_transformation_catalog(tc)\nwf.write("diamond.yml")',
    );
    // Every edge of the diamond is inferred from files: no add_dependency.
    expect(script).not.toContain('add_dependency');
  });

  it('features.yml: stdio, checkpoint, bypass, sizes, profiles, hooks, metadata, labels, containers, regex replicas', async () => {
    const { bundle } = await loadExample('features.yml');
    const script = toPythonScript(bundle);
    for (const expected of [
      'in_txt = File("in.txt", size=1024).add_metadata(kind="raw")',
      'Job(tool, _id="a", node_label="step-a")',
      '.add_inputs(in_txt, bypass_staging=True)',
      '.add_outputs(mid_txt, stage_out=False, register_replica=False)',
      '.add_checkpoint(a_ckpt)',
      '.set_stdout(a_out)',
      '.set_stderr(a_err, stage_out=False)',
      '.set_stdin(a_out)',
      '.add_pegasus_profile(cores=4, memory=4096, runtime=3600, label="cluster-1", clusters_size=2, gpus=1, grid_start="PegasusLite")',
      '.add_profiles(Namespace.DAGMAN, RETRY="3", PRIORITY="10", CATEGORY="big")',
      '.add_profiles(Namespace.SELECTOR, **{"execution.site": "condorpool"})',
      '.add_env(OMP_NUM_THREADS="4")',
      '.add_globus_profile(max_wall_time=60, queue="normal")',
      '.add_shell_hook(EventType.ERROR, "/bin/echo job a failed")',
      '.add_metadata(owner="alice")',
      'wf.add_shell_hook(EventType.END, "/bin/echo workflow done")',
      'wf.add_pegasus_profile(clusters_size=5)',
      'centos = Container("centos", Container.SINGULARITY, image="docker://centos:7", mounts=["/data:/data:ro"])',
      'tool.add_sites(TransformationSite("local", "http://example.org/tool", is_stageable=True, bypass_staging=True, arch=Arch.X86_64, os_type=OS.LINUX))',
      'tool.add_requirement("helper", namespace="feat", version="1.0")',
      'rc.add_regex_replica("local", "raw_(\\\\d+)\\\\.dat", "file:///data/raw/[1].dat")',
      'checksum={"sha256": "abababababababababababababababababababababababababababababababab"}',
      'wf.add_dependency(job_c, children=[job_d])',
    ]) {
      expect(script).toContain(expected);
    }
    // a.out is stdout of a and stdin of b: set_stdout/set_stdin add it to uses, so no add_outputs(a_out).
    expect(script).not.toMatch(/add_outputs\([^)]*a_out/);
    expect(script).not.toMatch(/add_inputs\([^)]*a_out/);
  });

  it('hierarchical.yml: SubWorkflow jobs with planner arguments', async () => {
    const { bundle } = await loadExample('hierarchical.yml');
    const script = toPythonScript(bundle);
    expect(script).toContain('SubWorkflow("sub-diamond_sub1.yml", is_planned=False, _id="sub1")');
    expect(script).toContain('SubWorkflow("legacy.dag", is_planned=True, _id="sub3")');
    expect(script).toContain(
      '.add_planner_args(cluster=["horizontal"], sites=["condorpool"], output_sites=["local"], relative_dir="sub2-run", cleanup="inplace", verbose=3, **{"pegasus.data.configuration": "condorio"})',
    );
    // The SubWorkflow adds its own file; the script must not add it again (DuplicateError).
    expect(script).not.toMatch(/add_inputs\([^)]*other_workflow_yml/);
    expect(script).toContain('wf.add_dependency(job_sub1, children=[job_sub3])');
  });

  it('diamond-catalogs/workflow.yml: catalogs beside the workflow are written to their own files', async () => {
    const { bundle, files } = await loadExample('diamond-catalogs/workflow.yml');
    const script = toPythonScript(bundle, {
      workflowFile: 'workflow.yml',
      catalogFiles: {
        sites: path.basename(files.sites!),
        replicas: path.basename(files.replicas!),
        transformations: path.basename(files.transformations!),
      },
    });
    expect(script).toContain(
      'sc.write("sites.yml")\nrc.write("replicas.yml")\ntc.write("transformations.yml")\nwf.write("workflow.yml")',
    );
    expect(script).not.toContain('add_site_catalog');
  });

  it('says in comments what the API cannot express', () => {
    const script = toPythonScript({
      workflow: {
        pegasus: '5.0.4',
        name: 'odd',
        jobs: [
          {
            type: 'job',
            id: 'a',
            name: 't',
            arguments: [],
            uses: [
              { lfn: 'x', type: 'inout' },
              { lfn: 'y', type: 'input', optional: true },
            ],
            extra: { 'x-note': 1 },
          },
          { type: 'job', id: 'a', name: 't', arguments: [], uses: [] },
        ],
        dependencies: [{ id: 'a', children: ['ghost'] }],
      },
      catalogs: {},
    });
    expect(script).toContain("# not expressible with the Python API: 'x' has type 'inout'");
    expect(script).toContain("# not expressible with the Python API: 'y' is optional");
    expect(script).toContain('# not expressible with the Python API: job keys x-note');
    expect(script).toContain('a second job with id "a"');
    expect(script).toContain('dependency a -> ghost (unknown job id)');
    expect(() => pyCompile('odd', script)).not.toThrow();
  });

  it('keeps hostile names and values inside string literals', () => {
    const evil = 'x"); import os; os.system("echo pwned"); print("';
    const script = toPythonScript({
      workflow: {
        pegasus: '5.0.4',
        name: evil,
        jobs: [
          {
            type: 'job',
            id: 'j',
            name: evil,
            arguments: [evil, 'line\nbreak'],
            uses: [
              { lfn: evil, type: 'input' },
              { lfn: 'a\nimport os', type: 'none' },
              { lfn: 'b\rimport os', type: 'inout' },
            ],
            profiles: { env: { [evil]: evil } },
            metadata: { [evil]: evil },
          },
        ],
        dependencies: [],
      },
      catalogs: {},
    });
    expect(() => pyCompile('evil', script)).not.toThrow();
    expect(script).not.toMatch(/^import os/m);
    expect(script).not.toMatch(/^\s*os\.system/m);
  });
});

describe('toPythonScript at scale', () => {
  it('writes a catalog and a job with 150,000 entries each (no argument spreading)', () => {
    const n = 150_000;
    const script = toPythonScript({
      workflow: {
        pegasus: '5.0.4',
        name: 'big',
        jobs: [
          {
            type: 'job',
            id: 'j',
            name: 't',
            arguments: [],
            uses: Array.from({ length: n }, (_, i) => ({ lfn: `c${i}`, type: 'checkpoint' as const })),
          },
        ],
        dependencies: [],
        replicaCatalog: {
          replicas: Array.from({ length: n }, (_, i) => ({ lfn: `r${i}`, pfns: [{ site: 'local', pfn: `/d/r${i}` }] })),
        },
      },
      catalogs: {},
    });
    expect(script.match(/^rc\.add_replica\(/gm)).toHaveLength(n);
    expect(script.match(/^ {4}\.add_checkpoint\(/gm)).toHaveLength(n);
  });
});
