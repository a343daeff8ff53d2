/**
 * The sidecar layout (`CanvasLayout`) as JSON text, built entry by entry: the worker that
 * writes a save request receives the positions in slices (`request-frames.ts`) and adds each
 * one here, so the page's thread neither builds the 3·10^5 small strings of a 10^5-job
 * layout nor pays the collections they cause. Parsed, the text equals
 * `{ ...layoutFromPositions(positions, view, viewport), ...extras }`, except that an id such
 * as `__proto__` is kept as a field instead of being lost.
 */
import { type Position, parseKey } from '../../shared/edit';
import { layoutFromPositions } from '../store/sidecar';

/** What the sidecar holds besides positions. */
export interface LayoutFields {
  view: 'files' | 'jobs';
  viewport: { x: number; y: number; zoom: number } | undefined;
  /** Sections of other features (`plan`), after the canvas's own fields; they may replace one. */
  extras: Readonly<Record<string, unknown>>;
}

function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

/** Collects positions (by their `j:` / `f:` keys) and writes the layout's JSON. Cost: O(positions). */
export class LayoutJsonBuilder {
  private readonly jobs: string[] = [];
  private readonly files: string[] = [];

  add(key: string, x: number, y: number): void {
    const ref = parseKey(key);
    if (!ref) return;
    const entry = `${JSON.stringify(ref.kind === 'job' ? ref.id : ref.lfn)}:{"x":${numberJson(x)},"y":${numberJson(y)}}`;
    (ref.kind === 'job' ? this.jobs : this.files).push(entry);
  }

  /** The layout's JSON: the small fields in the order the sidecar has always had them. */
  finish({ view, viewport, extras }: LayoutFields): string {
    const small: Record<string, unknown> = { ...layoutFromPositions(new Map(), view, viewport), ...extras };
    const parts: string[] = [];
    for (const key of Object.keys(small)) {
      let json: string | undefined;
      if (key === 'jobs' && !Object.hasOwn(extras, key)) json = `{${this.jobs.join(',')}}`;
      else if (key === 'files' && !Object.hasOwn(extras, key)) json = `{${this.files.join(',')}}`;
      else json = JSON.stringify(small[key]);
      if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
    }
    return `{${parts.join(',')}}`;
  }
}

/** The layout's JSON from a positions map, in one go. */
export function layoutJson(positions: ReadonlyMap<string, Position>, fields: LayoutFields): string {
  const builder = new LayoutJsonBuilder();
  for (const [key, p] of positions) builder.add(key, p.x, p.y);
  return builder.finish(fields);
}
