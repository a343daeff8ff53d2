import type { EditableDocument, Position } from './document';
import { type PositionChange, makeEdit } from './patch';
import { type EditResult, refuse } from './result';

/**
 * Moves nodes to new positions as one step (a whole drag, or an Arrange). Entries whose
 * position does not change are left out. Cost: O(moves).
 */
export function moveNodes(doc: EditableDocument, moves: Iterable<readonly [key: string, to: Position]>, label = 'Move'): EditResult {
  const entries: PositionChange[] = [];
  for (const [key, to] of moves) {
    const before = doc.positions.get(key);
    if (before && before.x === to.x && before.y === to.y) continue;
    entries.push([key, before, { x: to.x, y: to.y }]);
  }
  if (entries.length === 0) return refuse('Nothing moved.');
  return { ok: true, edit: makeEdit(label, [{ kind: 'positions', entries }]) };
}
