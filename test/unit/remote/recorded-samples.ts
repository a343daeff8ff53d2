import { readFileSync } from 'node:fs';
import { sharedPath } from '../../support/shared-path';

/**
 * The verbatim outputs of the real Pegasus tools recorded in ../shared/pegasus-samples/
 * sample-outputs.md: the `index`-th fenced block after the heading that starts with `heading`.
 */
export function recordedBlock(heading: string, index = 0): string {
  const text = readFileSync(sharedPath('pegasus-samples', 'sample-outputs.md'), 'utf8');
  const start = text.split('\n').findIndex((line) => line.startsWith(heading));
  if (start < 0) throw new Error(`no heading '${heading}' in sample-outputs.md`);
  const blocks = text.split('\n').slice(start + 1).join('\n').split('```');
  // blocks[1], [3], … are the fenced contents (the opening fence may carry a language tag).
  const block = blocks[2 * index + 1];
  if (block === undefined) throw new Error(`no block ${index} after '${heading}'`);
  return block.replace(/^[a-z]*\n/, '');
}

/** expected-status.json beside the recorded dagman.out files. */
export function expectedStatus(): Record<string, Record<string, number | string>> {
  return JSON.parse(readFileSync(sharedPath('pegasus-samples', 'dagman-out', 'expected-status.json'), 'utf8')) as Record<string, Record<string, number | string>>;
}
