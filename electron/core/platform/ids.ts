/** Random token for leases and claims (the only place core makes randomness). */
export function newToken(): string {
  // Web Crypto (global in Node 20 and Electron) loads on first use, not at every CLI start.
  return Buffer.from(crypto.getRandomValues(new Uint8Array(9))).toString('base64url');
}

/** A random number in [0, 1), e.g. for retry jitter; passed in as a dependency so tests can fix it. */
export function randomUnit(): number {
  return Math.random();
}
