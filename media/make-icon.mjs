// Draws media/icon.png (128x128, Marketplace icon): a Django-green rounded square with a cookie
// and a key hole, antialiased by 4x4 supersampling. No dependency: PNG written with node:zlib.
// Run: node media/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const green = [12, 75, 51];
const cream = [240, 222, 180];
const brown = [120, 78, 40];

/** Colour of one point (x, y in 0..size), or null for transparent. */
function paint(x, y) {
  const c = size / 2;
  const r = 24; // corner radius of the background
  const dx = Math.max(r - x, 0, x - (size - r));
  const dy = Math.max(r - y, 0, y - (size - r));
  if (dx * dx + dy * dy > r * r) return null;
  const cookie = Math.hypot(x - c, y - c) < 44 && Math.hypot(x - 100, y - 30) > 20; // a bite
  if (!cookie) return green;
  const hole = Math.hypot(x - c, y - 56) < 10 || (Math.abs(x - c) < 5 && y > 56 && y < 84);
  if (hole) return green;
  const chips = [[40, 70], [82, 82], [52, 40], [86, 58]].some(([cx, cy]) => Math.hypot(x - cx, y - cy) < 5);
  return chips ? brown : cream;
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < size; x++) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
      const col = paint(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
      if (col) { r += col[0]; g += col[1]; b += col[2]; a += 1; }
    }
    const o = y * (size * 4 + 1) + 1 + x * 4;
    raw[o] = a ? r / a : 0; raw[o + 1] = a ? g / a : 0; raw[o + 2] = a ? b / a : 0; raw[o + 3] = (a / 16) * 255;
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
