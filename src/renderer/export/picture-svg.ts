/**
 * The canvas as a picture: an SVG drawn from the graph itself (every node and edge, also those
 * off screen, which the canvas does not draw), in the canvas's shapes and colours. The PNG is
 * this SVG rasterised (picture-png.ts), so both show the same.
 */

export interface PictureNode {
  id: string;
  kind: 'job' | 'subworkflow' | 'file';
  x: number;
  y: number;
  width: number;
  height: number;
  /** Main text (job id, file name). */
  title: string;
  /** Second line (the transformation), may be empty. */
  subtitle: string;
}

export interface PictureEdge {
  source: string;
  target: string;
  /** Dependency edges between jobs are dashed when only the jobs view draws them. */
  dashed: boolean;
}

export interface Picture {
  svg: string;
  width: number;
  height: number;
}

const PADDING = 24;
const STYLE = {
  background: '#ffffff',
  job: { fill: '#e8f0fe', stroke: '#3367d6', text: '#0b1f44' },
  subworkflow: { fill: '#f1e8fd', stroke: '#7a3fd6', text: '#2a0f4d' },
  file: { fill: '#fff4e0', stroke: '#c77c0e', text: '#3d2600' },
  edge: '#5f6b7a',
};

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** Cuts a label to what fits a node (about 7 px per character at 12 px). */
function fit(text: string, width: number): string {
  const max = Math.max(4, Math.floor((width - 16) / 7));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Draws the graph; an empty graph gives a small blank picture. Cost: O(nodes + edges). */
export function pictureSvg(nodes: readonly PictureNode[], edges: readonly PictureEdge[]): Picture {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const byId = new Map<string, PictureNode>();
  for (const n of nodes) {
    byId.set(n.id, n);
    minX = Math.min(minX, n.x);
    minY = Math.min(minY, n.y);
    maxX = Math.max(maxX, n.x + n.width);
    maxY = Math.max(maxY, n.y + n.height);
  }
  if (nodes.length === 0) {
    minX = minY = 0;
    maxX = maxY = 100;
  }
  const width = Math.ceil(maxX - minX + 2 * PADDING);
  const height = Math.ceil(maxY - minY + 2 * PADDING);
  const dx = PADDING - minX;
  const dy = PADDING - minY;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
  );
  out.push(
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${STYLE.edge}"/></marker></defs>`,
  );
  out.push(`<rect width="100%" height="100%" fill="${STYLE.background}"/>`);
  out.push(`<g fill="none" stroke="${STYLE.edge}" stroke-width="1.5">`);
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const x1 = s.x + s.width / 2 + dx;
    const y1 = s.y + s.height + dy;
    const x2 = t.x + t.width / 2 + dx;
    const y2 = t.y + dy;
    const bend = Math.max(30, Math.abs(y2 - y1) / 2);
    out.push(
      `<path d="M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}" marker-end="url(#arrow)"${e.dashed ? ' stroke-dasharray="5 4"' : ''}/>`,
    );
  }
  out.push('</g>');
  for (const n of nodes) {
    const style = STYLE[n.kind];
    const x = n.x + dx;
    const y = n.y + dy;
    const radius = n.kind === 'file' ? n.height / 2 : 8;
    out.push(
      `<g><rect x="${x}" y="${y}" width="${n.width}" height="${n.height}" rx="${radius}" fill="${style.fill}" stroke="${style.stroke}" stroke-width="1.5"/>`,
    );
    if (n.subtitle) {
      out.push(
        `<text x="${x + n.width / 2}" y="${y + n.height / 2 - 4}" text-anchor="middle" font-size="11" fill="${style.text}" opacity="0.75">${escapeXml(fit(n.subtitle, n.width))}</text>`,
      );
      out.push(
        `<text x="${x + n.width / 2}" y="${y + n.height / 2 + 12}" text-anchor="middle" font-size="13" font-weight="600" fill="${style.text}">${escapeXml(fit(n.title, n.width))}</text>`,
      );
    } else {
      out.push(
        `<text x="${x + n.width / 2}" y="${y + n.height / 2 + 4}" text-anchor="middle" font-size="12" fill="${style.text}">${escapeXml(fit(n.title, n.width))}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}
