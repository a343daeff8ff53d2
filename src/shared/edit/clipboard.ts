import { readWorkflow, writeWorkflow } from '../formats/pegasus-yaml';
import type { Result } from '../model/diagnostic';
import type { Workflow } from '../model/workflow';
import { type EditableDocument, type Position, fileKey, jobKey, parseKey } from './document';
import { type Fragment, extractFragment, insertFragment } from './fragment';
import type { EditResult } from './result';

/** The `x-` key that carries canvas positions inside a clipboard fragment (Pegasus ignores `x-` keys). */
export const CLIPBOARD_POSITIONS_KEY = 'x-pegasus-canvas';

/**
 * The selected jobs as a Pegasus YAML workflow: what the clipboard holds, so that pasting
 * into a text editor gives a file pegasus-plan reads, and pasting into another window gives
 * the same jobs. Positions ride along in an `x-` key. `undefined` when no job is selected.
 * Cost: O(document) to extract, O(fragment) to write.
 */
export function fragmentToYaml(doc: EditableDocument, nodeKeys: readonly string[]): string | undefined {
  const fragment = extractFragment(doc, nodeKeys);
  if (fragment.jobs.length === 0) return undefined;
  const jobs: Record<string, Position> = {};
  const files: Record<string, Position> = {};
  for (const [key, p] of fragment.positions) {
    const ref = parseKey(key);
    if (ref?.kind === 'job') jobs[ref.id] = p;
    else if (ref?.kind === 'file') files[ref.lfn] = p;
  }
  const workflow: Workflow = {
    pegasus: doc.workflow.pegasus,
    name: `${doc.workflow.name}-fragment`,
    jobs: [...fragment.jobs],
    dependencies: [...fragment.dependencies],
    extra: { [CLIPBOARD_POSITIONS_KEY]: { jobs, files } },
  };
  return writeWorkflow(workflow);
}

/**
 * Reads clipboard text as a fragment: any Pegasus workflow text (YAML or JSON). Fails with
 * the reader's diagnostics (line and column) when the text is not a workflow.
 */
export function fragmentFromYaml(text: string): Result<Fragment> {
  const read = readWorkflow(text, { file: 'clipboard' });
  if (!read.ok) return read;
  const positions = new Map<string, Position>();
  const saved = read.value.extra?.[CLIPBOARD_POSITIONS_KEY] as { jobs?: Record<string, Position>; files?: Record<string, Position> } | undefined;
  const valid = (p: unknown): p is Position => typeof p === 'object' && p !== null && Number.isFinite((p as Position).x) && Number.isFinite((p as Position).y);
  for (const [id, p] of Object.entries(saved?.jobs ?? {})) if (valid(p)) positions.set(jobKey(id), { x: p.x, y: p.y });
  for (const [lfn, p] of Object.entries(saved?.files ?? {})) if (valid(p)) positions.set(fileKey(lfn), { x: p.x, y: p.y });
  // Jobs without positions (text from elsewhere) go in a row, so that they are visible.
  read.value.jobs.forEach((job, i) => {
    if (!positions.has(jobKey(job.id))) positions.set(jobKey(job.id), { x: i * 230, y: 0 });
  });
  return { ok: true, value: { jobs: read.value.jobs, dependencies: read.value.dependencies, positions }, diagnostics: read.diagnostics };
}

/** Pastes clipboard text with its top-left corner at `at`, as one step. */
export function pasteYaml(doc: EditableDocument, text: string, at: Position): EditResult {
  const fragment = fragmentFromYaml(text);
  if (!fragment.ok) {
    const first = fragment.diagnostics[0];
    const where = first?.location ? ` (line ${first.location.line}, column ${first.location.column})` : '';
    return { ok: false, reason: `The clipboard does not hold Pegasus jobs${where}: ${first?.message ?? 'unreadable'}` };
  }
  const count = fragment.value.jobs.length;
  return insertFragment(doc, fragment.value, { at }, count === 1 ? 'Paste job' : `Paste ${count} jobs`);
}
