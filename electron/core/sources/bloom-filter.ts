/**
 * A fixed-size Bloom filter over strings: "definitely not added" or "maybe added". Used to skip the database
 * lookup for ids that were never seen, without keeping the ids themselves in memory.
 */
export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** `size` bits, a power of two. */
  constructor(size: number) {
    if (size < 32 || (size & (size - 1)) !== 0) throw new Error('BloomFilter size must be a power of two ≥ 32');
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
  }

  /** Adds `value`; returns true when it may have been added before (false: certainly new). */
  testAndAdd(value: string): boolean {
    const [h1, h2] = hashes(value);
    let present = true;
    // Three probes (Kirsch–Mitzenmacher: h1 + i·h2).
    for (let i = 0; i < 3; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.bits[word]! & flag) === 0) {
        present = false;
        this.bits[word]! |= flag;
      }
    }
    return present;
  }
}

/** Two independent 32-bit hashes (FNV-1a and a multiplicative one) of the UTF-16 code units. */
function hashes(value: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}
