import { sha256Hex } from "../core/ids.js";

/**
 * The 32-hex `hash` of a transaction (md5-sized, like the vendor's). A statement's salt comes
 * from sha256(seed | statement id); each row then goes through a 128-bit multiply-xor hash
 * (cyrb128 construction) fed the row's fields directly. Crypto calls per row would cost more than
 * the rest of a 5,000-row statement together, and building an input string per row would double
 * the garbage the generator makes.
 */

export type Salt = readonly [number, number, number, number];

export function statementSalt(seed: string, statementId: string): Salt {
  const h = sha256Hex(`${seed}|${statementId}`);
  return [parseInt(h.slice(0, 8), 16) | 0, parseInt(h.slice(8, 16), 16) | 0, parseInt(h.slice(16, 24), 16) | 0, parseInt(h.slice(24, 32), 16) | 0];
}

const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
// Reused output buffer: rowHash is synchronous, so no two calls ever share it.
const codes = new Array<number>(32).fill(0);

function putHex(h: number, at: number): void {
  for (let j = 7; j >= 0; j--) {
    codes[at + j] = HEX[h & 15];
    h >>>= 4;
  }
}

export function rowHash(salt: Salt, index: number, day: number, credit: boolean, amountPaisa: number, note: string): string {
  let h1 = salt[0] ^ index;
  let h2 = salt[1] ^ day;
  let h3 = salt[2] ^ (credit ? 0x5bd1e995 : 0x1b873593);
  let h4 = salt[3] ^ (amountPaisa | 0) ^ Math.floor(amountPaisa / 4294967296);
  for (let i = 0; i < note.length; i++) {
    const k = note.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  putHex(h1, 0);
  putHex(h2, 8);
  putHex(h3, 16);
  putHex(h4, 24);
  return String.fromCharCode.apply(null, codes);
}
