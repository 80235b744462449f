/** Random token for leases and claims (the only place core makes randomness). */
export function newToken(): string {
  // Web Crypto (global in Node 20 and Electron) loads on first use, not at every CLI start.
  return Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString('base64url');
}

/** A random factor in [0.5, 1.5) for retry backoff jitter. */
export function jitterFactor(): number {
  return 0.5 + Math.random();
}
