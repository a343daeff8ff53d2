import type { CatalogFiles, Workflow } from '../model/workflow';

/** A point on the canvas, in canvas coordinates (pixels at zoom 1). */
export interface Position {
  x: number;
  y: number;
}

/**
 * What the editor edits: the workflow and the canvas layout that goes to the sidecar
 * `NAME.canvas.json`. Positions are keyed by {@link jobKey} / {@link fileKey}; a file key
 * without any use or replica is a file the user placed but has not wired yet (it lives in
 * the sidecar only, since Pegasus has no standalone file).
 */
export interface EditableDocument {
  readonly workflow: Workflow;
  readonly positions: ReadonlyMap<string, Position>;
  /** Catalog files found beside the workflow; read-only for the canvas edits. */
  readonly catalogs?: CatalogFiles;
}

/** Position key of a job node. */
export function jobKey(jobId: string): string {
  return `j:${jobId}`;
}

/** Position key of a file node. */
export function fileKey(lfn: string): string {
  return `f:${lfn}`;
}

/** The node a position key names, or `undefined` when the key is malformed. */
export function parseKey(key: string): { kind: 'job'; id: string } | { kind: 'file'; lfn: string } | undefined {
  if (key.startsWith('j:')) return { kind: 'job', id: key.slice(2) };
  if (key.startsWith('f:')) return { kind: 'file', lfn: key.slice(2) };
  return undefined;
}
