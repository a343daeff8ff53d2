// A local copy of the diamond workflow (../shared/examples/diamond-catalogs) ready to submit:
// its input f.a exists on the "laptop" (a temp dir) and the replica catalog points at it, as a
// scientist's would. The workflow's name picks the stand-ins' scenario (see
// test/fixtures/access-host/README.md).
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sharedPath } from '../../support/shared-path';

export const DIAMOND_JOBS = ['preprocess', 'findrange_1', 'findrange_2', 'analyze'];

export async function diamondCopy(dir: string, name = 'diamond-bare'): Promise<{ workflow: string; input: string; inputText: string }> {
  await mkdir(dir, { recursive: true });
  const source = sharedPath('examples', 'diamond-catalogs');
  for (const file of ['sites.yml', 'transformations.yml']) await copyFile(path.join(source, file), path.join(dir, file));
  const workflow = (await readFile(path.join(source, 'workflow.yml'), 'utf8')).replace(/^name: diamond-bare$/m, `name: ${name}`);
  await writeFile(path.join(dir, 'workflow.yml'), workflow);
  const input = path.join(dir, 'inputs', 'f.a');
  await mkdir(path.dirname(input), { recursive: true });
  const inputText = `input of ${name}\n`;
  await writeFile(input, inputText);
  const replicas = (await readFile(path.join(source, 'replicas.yml'), 'utf8')).replace('/home/scientist/wf/inputs/f.a', `file://${input}`);
  await writeFile(path.join(dir, 'replicas.yml'), replicas);
  return { workflow: path.join(dir, 'workflow.yml'), input, inputText };
}
