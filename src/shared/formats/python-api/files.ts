import type { FileUse, Job } from '../../model/job';
import { isSubWorkflow } from '../../model/job';
import type { Metadata } from '../../model/profiles';
import { isNumberLiteral, scalarText } from '../../model/scalar';
import type { NameAllocator } from './names';
import { isPythonIdentifier, pyDict, pyScalar, pyString } from './python-literal';

/**
 * The `File` objects of the script. A File carries its metadata, size and `for_planning`
 * into every `uses` entry it is added to, so uses of one LFN that differ in those get one
 * File each (`f_a`, `f_a_2`). Cost: O(uses).
 */
export class FileVariables {
  private readonly byKey = new Map<string, string>();
  readonly declarations: string[] = [];

  constructor(private readonly names: NameAllocator) {}

  /** The variable for this use of `lfn` (declared on first request). */
  variable(lfn: string, use?: FileUse): string {
    const metadata = use?.metadata && Object.keys(use.metadata).length > 0 ? use.metadata : undefined;
    const size = use?.size;
    const forPlanning = use?.forPlanning === true;
    const key = JSON.stringify([lfn, metadata ?? null, size ?? null, forPlanning]);
    let name = this.byKey.get(key);
    if (name === undefined) {
      name = this.names.allocate(lfn, 'file');
      this.byKey.set(key, name);
      this.declarations.push(`${name} = ${fileExpression(lfn, metadata, size, forPlanning)}`);
    }
    return name;
  }
}

/** `File("x", size=…, for_planning=True).add_metadata(…)`, leaving out the `size` key the constructor adds. */
function fileExpression(
  lfn: string,
  metadata: Metadata | undefined,
  size: string | undefined,
  forPlanning: boolean,
): string {
  const args = [pyString(lfn)];
  const sizeNumber = size !== undefined && /^(0|[1-9][0-9]{0,15})$/.test(size) ? size : undefined;
  // File(size=n) also sets metadata["size"] = n; use it only when the metadata says the same.
  const metaSize = metadata?.size;
  const sizeInMetadata = metaSize !== undefined && !isNumberLiteral(metaSize) && scalarText(metaSize) === sizeNumber;
  let rest = metadata;
  if (sizeNumber !== undefined && sizeInMetadata && sizeNumber !== '0') {
    args.push(`size=${sizeNumber}`);
    rest = Object.fromEntries(Object.entries(metadata!).filter(([k]) => k !== 'size'));
  }
  if (forPlanning) args.push('for_planning=True');
  let expression = `File(${args.join(', ')})`;
  if (rest && Object.keys(rest).length > 0) {
    const entries = Object.entries(rest).map(([k, v]) => [k, pyScalar(v)] as const);
    const plain = entries.every(([k]) => isPythonIdentifier(k) && k !== 'self');
    expression += plain
      ? `.add_metadata(${entries.map(([k, v]) => `${k}=${v}`).join(', ')})`
      : `.add_metadata(${pyDict(entries)})`;
  }
  return expression;
}

/** The uses of a job that the script adds itself (not through set_stdin/stdout/stderr or SubWorkflow). */
export function explicitUses(job: Job): { uses: FileUse[]; stdio: Map<string, FileUse | undefined> } {
  const stdio = new Map<string, FileUse | undefined>();
  const claim = (lfn: string | undefined, type: 'input' | 'output') => {
    if (lfn === undefined) return;
    const use = job.uses.find((u) => u.lfn === lfn && u.type === type);
    stdio.set(`${type}:${lfn}`, use);
  };
  claim(job.stdin, 'input');
  claim(job.stdout, 'output');
  claim(job.stderr, 'output');
  const claimed = new Set([...stdio.values()].filter((u): u is FileUse => u !== undefined));
  const uses = job.uses.filter((use) => {
    if (claimed.has(use)) return false;
    // SubWorkflow() adds its own file as an input.
    if (isSubWorkflow(job) && use.lfn === job.file && use.type === 'input') return false;
    return true;
  });
  return { uses, stdio };
}
