// Draws assets/icon.png (512×512) from the same shapes as assets/icon.svg, with no image
// library: signed distances give anti-aliased edges, zlib and a CRC table make the PNG.
// Run: node assets/make-icon.mjs
/* global URL, console */
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const nodes = [
  [256, 128],
  [160, 256],
  [352, 256],
  [256, 384],
];
const edges = [
  [0, 1],
  [0, 2],
  [1, 3],
  [2, 3],
];
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const background = hex('#1f3a5f');
const edgeColour = hex('#9ec5ff');
const nodeColour = hex('#f5a623');

// Signed distance to a rounded square (negative inside).
function roundedRect(x, y) {
  const cx = 256, cy = 256, half = 240, r = 96;
  const qx = Math.abs(x - cx) - (half - r);
  const qy = Math.abs(y - cy) - (half - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function segment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - 9;
}
const coverage = (d) => Math.max(0, Math.min(1, 0.5 - d));

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5, py = y + 0.5;
    let colour = [...background];
    const alpha = coverage(roundedRect(px, py));
    const blend = (c, a) => {
      colour = colour.map((v, i) => v * (1 - a) + c[i] * a);
    };
    blend(edgeColour, coverage(Math.min(...edges.map(([a, b]) => segment(px, py, nodes[a], nodes[b])))));
    blend(nodeColour, coverage(Math.min(...nodes.map(([nx, ny]) => Math.hypot(px - nx, py - ny) - 44))));
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = Math.round(colour[0]);
    raw[o + 1] = Math.round(colour[1]);
    raw[o + 2] = Math.round(colour[2]);
    raw[o + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`assets/icon.png: ${png.length} bytes`);
