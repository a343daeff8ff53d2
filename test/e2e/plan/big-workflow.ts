/**
 * A fan-out/fan-in of `jobs` jobs on the diamond's transformations (preprocess → findrange ×
 * (jobs − 2) → analyze), written as Pegasus YAML with the diamond's catalogs beside it, for the
 * Plan view at scale.
 */
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sharedPath } from '../../support/shared-path';

export async function writeBigWorkflow(dir: string, jobs: number): Promise<string> {
  const width = jobs - 2;
  const lines: string[] = ['pegasus: 5.0.4', 'name: big', 'jobs:'];
  const job = (id: string, name: string, inputs: string[], outputs: string[]): void => {
    lines.push(`- type: job`, `  namespace: diamond`, `  name: ${name}`, `  version: '4.0'`, `  id: ${id}`, `  arguments: []`, `  uses:`);
    for (const lfn of inputs) lines.push(`  - {lfn: ${lfn}, type: input}`);
    for (const lfn of outputs) lines.push(`  - {lfn: ${lfn}, type: output, stageOut: ${id === 'analyze'}, registerReplica: false}`);
  };
  const parts = Array.from({ length: width }, (_, i) => `p${i}`);
  const results = Array.from({ length: width }, (_, i) => `r${i}`);
  job('preprocess', 'preprocess', ['f.a'], parts);
  for (let i = 0; i < width; i++) job(`findrange_${i}`, 'findrange', [parts[i]!], [results[i]!]);
  job('analyze', 'analyze', results, ['f.d']);
  const file = path.join(dir, 'big.yml');
  await writeFile(file, `${lines.join('\n')}\n`);
  await cp(sharedPath('examples', 'diamond-catalogs'), path.join(dir, 'big-catalogs'), { recursive: true });
  return file;
}
