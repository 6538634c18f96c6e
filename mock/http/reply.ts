import { utf8Bytes } from "../core/bytes.js";
import type { HttpReply } from "./errors.js";
import type { PlainReply } from "./plain.js";

/** What the journal learns while a request is answered. */
export interface JournalNote {
  operationId: string | null;
  tenant: string | null;
  errorCode: string | null;
}

const serialized = new WeakMap<object, Uint8Array>();

/**
 * The one place a reply becomes bytes; the error code goes to the journal. Bodies the domain reuses
 * (a polled upload status) are serialized once: the WeakMap entry lives exactly as long as the body.
 */
export function toPlain(r: HttpReply, note: JournalNote): PlainReply {
  const body = r.body as { error?: { code?: string } } | null;
  const code = body?.error?.code;
  if (code) note.errorCode = code;
  let bytes = body && typeof body === "object" ? serialized.get(body) : undefined;
  if (!bytes) {
    bytes = utf8Bytes(JSON.stringify(r.body));
    if (body && typeof body === "object") serialized.set(body, bytes);
  }
  return { kind: "reply", status: r.status, headers: { ...r.headers, "content-type": "application/json; charset=utf-8" }, body: bytes };
}
