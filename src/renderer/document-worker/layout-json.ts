/**
 * The sidecar layout (`CanvasLayout`) as JSON, built from the positions in slices that yield
 * to the page between them: at 10^5 jobs there are about 3·10^5 positions, and building them
 * in one go held the page for over 100 ms. Positions maps are never changed in place (an
 * edit makes a new map), so the slices read one consistent snapshot. Parsed, the text equals
 * `{ ...layoutFromPositions(positions, view, viewport), ...extras }`, except that an id such
 * as `__proto__` is kept as a field instead of being lost.
 */
import { type Position, parseKey } from '../../shared/edit';
import { layoutFromPositions } from '../store/sidecar';
import { type PortLike, onPortMessage } from './port';

/** Positions handled between two checks of the clock. */
const CHECK_EVERY = 2000;

/** Lets the page paint and take input; a message, not a timer, so a hidden tab is not slowed to one slice a second. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const port: PortLike = channel.port1;
    onPortMessage(port, () => {
      port.close();
      resolve();
    });
    channel.port2.postMessage(null);
  });
}

function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

function pointJson(p: Position): string {
  return `{"x":${numberJson(p.x)},"y":${numberJson(p.y)}}`;
}

/**
 * The layout's JSON. `sliceMs` bounds the work between two yields (the page's thread stays
 * free for input and frames); `0` builds it in one go. Cost: O(positions).
 */
export async function layoutJson(
  positions: ReadonlyMap<string, Position>,
  view: 'files' | 'jobs',
  viewport: { x: number; y: number; zoom: number } | undefined,
  extras: Readonly<Record<string, unknown>>,
  sliceMs = 8,
): Promise<string> {
  const jobs: string[] = [];
  const files: string[] = [];
  let started = performance.now();
  let n = 0;
  for (const [key, p] of positions) {
    const ref = parseKey(key);
    if (ref?.kind === 'job') jobs.push(`${JSON.stringify(ref.id)}:${pointJson(p)}`);
    else if (ref?.kind === 'file') files.push(`${JSON.stringify(ref.lfn)}:${pointJson(p)}`);
    if (sliceMs > 0 && ++n % CHECK_EVERY === 0 && performance.now() - started > sliceMs) {
      await yieldToPage();
      started = performance.now();
    }
  }
  // The small fields in the order the sidecar has always had them; the extras may replace any.
  const small: Record<string, unknown> = { ...layoutFromPositions(new Map(), view, viewport), ...extras };
  const parts: string[] = [];
  for (const key of Object.keys(small)) {
    const value = small[key];
    let json: string | undefined;
    if (key === 'jobs' && !Object.hasOwn(extras, key)) json = `{${jobs.join(',')}}`;
    else if (key === 'files' && !Object.hasOwn(extras, key)) json = `{${files.join(',')}}`;
    else json = JSON.stringify(value);
    if (json !== undefined) parts.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${parts.join(',')}}`;
}
