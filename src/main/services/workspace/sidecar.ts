import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { canvasLayoutSchema, type CanvasLayout } from '../../../shared/ipc';

const WORKFLOW_EXTENSION = /\.(ya?ml|json)$/i;

/** `…/NAME.yml` → `…/NAME.canvas.json` (DESIGN.md §2: positions live beside the YAML, not in it). */
export function sidecarPath(workflowFile: string): string {
  const dir = path.dirname(workflowFile);
  const base = path.basename(workflowFile).replace(WORKFLOW_EXTENSION, '');
  return path.join(dir, `${base}.canvas.json`);
}

export interface SidecarRead {
  layout: CanvasLayout | null;
  /** Set when a sidecar exists but cannot be used; the document still opens (auto layout). */
  problem?: string;
}

/** Reads the sidecar of a workflow file; absent → `null`, unreadable → `null` and why. */
export async function readSidecar(workflowFile: string): Promise<SidecarRead> {
  const file = sidecarPath(workflowFile);
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { layout: null };
    return { layout: null, problem: `${path.basename(file)}: cannot be read (${(error as Error).message})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { layout: null, problem: `${path.basename(file)}: not JSON (${(error as Error).message}); positions are laid out again` };
  }
  const parsed = canvasLayoutSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { layout: null, problem: `${path.basename(file)}: ${issue?.path.join('.') || 'layout'}: ${issue?.message}; positions are laid out again` };
  }
  return { layout: parsed.data };
}

/** The sidecar text: stable key order as given, two-space indent (one line past 10,000 positions), final newline. */
export function sidecarText(layout: CanvasLayout): string {
  // Indented for reading and diffs; a large layout on one line (a third of the bytes, half the time).
  const large = Object.keys(layout.jobs).length + Object.keys(layout.files).length > COMPACT_ABOVE_POSITIONS;
  return `${large ? JSON.stringify(layout) : JSON.stringify(layout, null, 2)}\n`;
}

/** Layouts with more positions than this are written compact. */
const COMPACT_ABOVE_POSITIONS = 10_000;
