/**
 * Draws the extension icon (an observatory lens: a ring with two persona dots, one teal, one
 * amber, joined by a switch arc) at 16/32/48/128 px and writes PNGs to icons/.
 * Pure Node: a tiny RGBA rasteriser with 4x4 supersampling and zlib for PNG.
 * Run: npx tsx scripts/make-icons.ts
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

type RGBA = [number, number, number, number];
type Shape = (x: number, y: number) => RGBA | null; // coordinates in 0..1

const INK: RGBA = [31, 41, 64, 255];
const TEAL: RGBA = [20, 184, 166, 255];
const AMBER: RGBA = [245, 158, 11, 255];
const PAPER: RGBA = [248, 250, 252, 255];

const dist = (x: number, y: number, cx: number, cy: number) => Math.hypot(x - cx, y - cy);

const layers: Shape[] = [
  (x, y) => (dist(x, y, 0.5, 0.5) <= 0.48 ? INK : null),
  (x, y) => (dist(x, y, 0.5, 0.5) <= 0.36 ? PAPER : null),
  // the switch arc between the two personas
  (x, y) => {
    const d = dist(x, y, 0.5, 0.62);
    return d >= 0.2 && d <= 0.26 && y < 0.62 ? INK : null;
  },
  (x, y) => (dist(x, y, 0.3, 0.6) <= 0.11 ? TEAL : null),
  (x, y) => (dist(x, y, 0.7, 0.6) <= 0.11 ? AMBER : null),
];

function pixel(x: number, y: number): RGBA {
  let out: RGBA = [0, 0, 0, 0];
  for (const layer of layers) out = layer(x, y) ?? out;
  return out;
}

function render(size: number): Buffer {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const [r, g, b, a] = pixel((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const alpha = acc[3] / (ss * ss);
      raw[o] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
      raw[o + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
      raw[o + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  return png(size, raw);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, raw: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync('icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`icons/icon-${size}.png`, render(size));
console.log('icons written to icons/');
