/**
 * The scale workflows (fan-out/fan-in, montage-like) made runnable on this machine, for the
 * live-run checks and `npm run bench:ui`: their executables do not exist, so each
 * transformation becomes a shell script that writes the job's outputs, and each raw input a
 * file of the folder.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeWorkflow } from '../../../src/shared/formats/pegasus-yaml';
import type { Workflow } from '../../../src/shared/model';
import { type ScaleShape, scaleWorkflow } from '../scale/scale-workflows';

/** Writes `text` as an executable script. */
async function script(file: string, text: string): Promise<void> {
  await writeFile(file, text);
  await chmod(file, 0o755);
}

/**
 * The scale workflow made runnable here: every transformation is a shell script in `dir/bin`
 * that writes the job's outputs (`split` writes the N chunks with one `seq | xargs touch`,
 * the others the file after `-o`), and every raw input is a file of `dir`. Montage-like jobs
 * get their output as `-o <lfn>`. Returns the workflow file.
 */
export async function writeRunnableScaleWorkflow(dir: string, shape: ScaleShape, jobs: number): Promise<string> {
  const bin = path.join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  await script(
    path.join(bin, 'out.sh'),
    '#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ "$1" = -o ]; then : > "$2"; shift; fi; shift; done\n',
  );
  await script(
    path.join(bin, 'split.sh'),
    '#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ "$1" = -n ]; then n=$2; shift; fi; shift; done\nseq -f "chunk_%07.0f.dat" 0 $((n - 1)) | xargs touch\n',
  );
  await writeFile(path.join(dir, 'input.dat'), 'input\n');
  const workflow: Workflow = scaleWorkflow(shape, jobs);
  const installed = (pfn: string) => [{ name: 'local', pfn, type: 'installed' as const }];
  if (shape === 'fanout') {
    workflow.transformationCatalog = {
      transformations: [
        { name: 'split', sites: installed(path.join(bin, 'split.sh')) },
        { name: 'work', sites: installed(path.join(bin, 'out.sh')) },
        { name: 'merge', sites: installed(path.join(bin, 'out.sh')) },
      ],
    };
    workflow.replicaCatalog = {
      replicas: [{ lfn: 'input.dat', pfns: [{ site: 'local', pfn: path.join(dir, 'input.dat') }] }],
    };
  } else {
    const names = new Set<string>();
    const raw: string[] = [];
    for (const job of workflow.jobs) {
      if (job.type !== 'job') continue;
      names.add(job.name);
      const output = job.uses.find((u) => u.type === 'output');
      if (output) job.arguments = ['-o', output.lfn];
      for (const use of job.uses) if (use.type === 'input' && use.lfn.startsWith('raw_')) raw.push(use.lfn);
    }
    workflow.transformationCatalog = {
      transformations: [...names].map((name) => ({ name, sites: installed(path.join(bin, 'out.sh')) })),
    };
    workflow.replicaCatalog = {
      replicas: raw.map((lfn) => ({ lfn, pfns: [{ site: 'local', pfn: path.join(dir, 'input.dat') }] })),
    };
  }
  const file = path.join(dir, `${shape}-${jobs}.yml`);
  await writeFile(file, writeWorkflow(workflow));
  return file;
}
