#!/usr/bin/env node
// Draws Frontdesk's app and tray icons as PNGs with zlib only (no image libraries):
//   node build/make-icons.cjs   → build/icon.png, build/icons/{256x256,512x512}.png, build/tray/tray-<state>[@2x].png
'use strict';
const { deflateSync } = require('node:zlib');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** RGBA pixels (size×size×4) → PNG bytes. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes as signed distance functions in unit coordinates (0..1); negative = inside.
const roundRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

/** Paints layers [{ shape, color }] in order with 4×4 supersampled anti-aliasing. */
function render(size, layers) {
  const px = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const u = (x + (sx + 0.5) / S) / size;
          const v = (y + (sy + 0.5) / S) / size;
          let col = null;
          for (const layer of layers) if (layer.shape(u, v) <= 0) col = layer.color;
          if (col) { r += col[0]; g += col[1]; b += col[2]; a += 255; }
        }
      }
      const n = S * S;
      const i = (y * size + x) * 4;
      const cover = a / 255;
      px[i] = cover ? Math.round(r / cover) : 0;
      px[i + 1] = cover ? Math.round(g / cover) : 0;
      px[i + 2] = cover ? Math.round(b / cover) : 0;
      px[i + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, px);
}

const WHITE = hex('#ffffff');
// App icon: a blue tile with a white calendar page and a green "confirmed" dot.
const appLayers = [
  { shape: roundRect(0.5, 0.5, 0.46, 0.46, 0.1), color: hex('#1d4ed8') },
  { shape: roundRect(0.5, 0.54, 0.28, 0.26, 0.04), color: WHITE },
  { shape: roundRect(0.5, 0.33, 0.28, 0.06, 0.03), color: hex('#93c5fd') },
  { shape: roundRect(0.38, 0.25, 0.03, 0.07, 0.02), color: WHITE },
  { shape: roundRect(0.62, 0.25, 0.03, 0.07, 0.02), color: WHITE },
  { shape: circle(0.5, 0.58, 0.1), color: hex('#16a34a') },
];
// Tray: a coloured disc with a symbol (green = sending, grey + bars = paused, red + "!" = attention).
const trayLayers = {
  active: [{ shape: circle(0.5, 0.5, 0.44), color: hex('#16a34a') }, { shape: circle(0.5, 0.5, 0.16), color: WHITE }],
  paused: [
    { shape: circle(0.5, 0.5, 0.44), color: hex('#6b7280') },
    { shape: roundRect(0.38, 0.5, 0.06, 0.2, 0.02), color: WHITE },
    { shape: roundRect(0.62, 0.5, 0.06, 0.2, 0.02), color: WHITE },
  ],
  attention: [
    { shape: circle(0.5, 0.5, 0.44), color: hex('#dc2626') },
    { shape: roundRect(0.5, 0.41, 0.06, 0.17, 0.03), color: WHITE },
    { shape: circle(0.5, 0.72, 0.065), color: WHITE },
  ],
};

const dir = __dirname;
mkdirSync(join(dir, 'icons'), { recursive: true });
mkdirSync(join(dir, 'tray'), { recursive: true });
const big = render(512, appLayers);
writeFileSync(join(dir, 'icon.png'), big);
writeFileSync(join(dir, 'icons', '512x512.png'), big);
writeFileSync(join(dir, 'icons', '256x256.png'), render(256, appLayers));
for (const [state, layers] of Object.entries(trayLayers)) {
  writeFileSync(join(dir, 'tray', `tray-${state}.png`), render(16, layers));
  writeFileSync(join(dir, 'tray', `tray-${state}@2x.png`), render(32, layers));
}
console.log('icons written to', dir);
