/** lib0's varUint (7 bits a byte, low first), written straight into a buffer sized beforehand. */

/** How many bytes `n` takes. */
export const varUintBytes = (n: number): number => (n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5);

/** Writes `n` at `at`; returns where the next byte goes. */
export function writeVarUint(buf: Buffer, at: number, n: number): number {
  while (n >= 0x80) {
    buf[at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[at++] = n;
  return at;
}
