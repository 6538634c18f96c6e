import { createHash } from "node:crypto";

/** Hex SHA-256 of bytes or text: the mock's content identity for uploads and seeds. */
export function sha256Hex(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}

/**
 * A UUID (version 4 layout) derived only from its parts, so the same seed and the same sequence of
 * requests always yield the same ids, and ids from different tenants or sessions never collide.
 */
export function deterministicUuid(...parts: Array<string | number>): string {
  const h = createHash("sha256").update(parts.join("\u0000")).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A 32-bit unsigned integer derived from its parts: seeds for per-object random generators. */
export function deterministicInt(...parts: Array<string | number>): number {
  return createHash("sha256").update(parts.join("\u0000")).digest().readUInt32BE(0);
}
