import { sha256 } from "@noble/hashes/sha2.js";
import { hexOf, utf8Bytes } from "./bytes.js";

// A synchronous pure-JS SHA-256: the domain is synchronous, Web Crypto's digest is not, and
// node:crypto does not exist in the browser the MSW handlers run in. Same digests either way.
const digest = (input: string | Uint8Array): Uint8Array => sha256(typeof input === "string" ? utf8Bytes(input) : input);

/** Hex SHA-256 of bytes or text: the mock's content identity for uploads and seeds. */
export function sha256Hex(input: string | Uint8Array): string {
  return hexOf(digest(input));
}

/**
 * A UUID (version 4 layout) derived only from its parts, so the same seed and the same sequence of
 * requests always yield the same ids, and ids from different tenants or sessions never collide.
 */
export function deterministicUuid(...parts: Array<string | number>): string {
  const h = digest(parts.join("\u0000"));
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = hexOf(h.subarray(0, 16));
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A 32-bit unsigned integer derived from its parts: seeds for per-object random generators. */
export function deterministicInt(...parts: Array<string | number>): number {
  const h = digest(parts.join("\u0000"));
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}
