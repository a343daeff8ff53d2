import type { Edit } from './patch';

/**
 * The outcome of an edit operation: the edit to apply (with the node keys to select after
 * it), or the reason the edit makes no sense, for the UI to show.
 */
export type EditResult = { ok: true; edit: Edit; select?: readonly string[] } | { ok: false; reason: string };

/** A refusal with its reason. */
export function refuse(reason: string): EditResult {
  return { ok: false, reason };
}
