import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { hexOf, utf8Bytes } from "../core/bytes.js";
import type { Clock } from "../core/clock.js";
import type { Lifecycle } from "../domain/lifecycle.js";
import type { StatementState } from "../domain/session.js";
import { plainError, type HttpReply } from "./errors.js";
import { CONTROL_PREFIX } from "./options.js";

/** A stored file, ready to send. */
export interface StoredFile {
  bytes: Uint8Array;
  mimeType: string;
}

export interface FileLinks {
  /** A signed, expiring link to a stored file, on the origin the request came to ("" when unknown). */
  sign(st: StatementState, expiresAt: number, origin: string): string;
  /** Makes the files of a session resolvable by link (after an upload or get_pdfs). */
  remember(tenant: string, sessionId: string): void;
  /** The file a link names, or the documented error; links need no credentials. */
  resolve(statementId: string, expires: number, signature: unknown): StoredFile | HttpReply;
  /** A session is forgotten (retention passed, reset): its links stop resolving at all. */
  forget(tenant: string, sessionId: string): void;
}

/**
 * get_pdfs links, signed with a secret that is never shown (random per process unless a state file
 * keeps it): knowing the seed, or another tenant's statement id, is not enough to forge one.
 * Expiry is read on the clock of the tenant that owns the file.
 */
export function createFileLinks(deps: { secret: string; clockFor: (tenant: string) => Clock; lifecycle: Lifecycle }): FileLinks {
  const targets = new Map<string, { tenant: string; sessionId: string }>();
  const bySession = new Map<string, Set<string>>();
  const sessionKey = (tenant: string, sessionId: string): string => `${tenant}\u0000${sessionId}`;
  const key = utf8Bytes(deps.secret);
  const signature = (statementId: string, expires: number): string => hexOf(hmac(sha256, key, utf8Bytes(`${statementId}:${expires}`))).slice(0, 32);
  // Compared in constant time (no node:crypto here: the core also runs in a browser).
  const matches = (given: unknown, expected: string): boolean => {
    if (typeof given !== "string" || given.length !== expected.length) return false;
    let diff = 0;
    for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
    return diff === 0;
  };

  return {
    sign(st, expiresAt, origin) {
      if (!targets.has(st.id)) return "";
      return `${origin}${CONTROL_PREFIX}/files/${st.id}?expires=${expiresAt}&signature=${signature(st.id, expiresAt)}`;
    },
    remember(tenant, sessionId) {
      const found = deps.lifecycle.getSession(tenant, sessionId);
      if (!found.ok) return;
      const k = sessionKey(tenant, sessionId);
      let ids = bySession.get(k);
      for (const st of found.value.statements) {
        targets.set(st.id, { tenant, sessionId });
        if (!ids) bySession.set(k, (ids = new Set()));
        ids.add(st.id);
      }
    },
    forget(tenant, sessionId) {
      const k = sessionKey(tenant, sessionId);
      for (const id of bySession.get(k) ?? []) targets.delete(id);
      bySession.delete(k);
    },
    resolve(statementId, expires, given) {
      const target = targets.get(statementId);
      if (!target || !Number.isFinite(expires) || !matches(given, signature(statementId, expires))) {
        return plainError(404, "NOT_FOUND", "No file at this link: check the pdf_url from get_pdfs.");
      }
      if (deps.clockFor(target.tenant).now() > expires) return plainError(410, "LINK_EXPIRED", "This pdf_url has expired (links are valid for one hour): call get_pdfs again.");
      const found = deps.lifecycle.getSession(target.tenant, target.sessionId);
      const st = found.ok ? found.value.statements.find((x) => x.id === statementId) : undefined;
      if (!st) return plainError(410, "SESSION_DELETED", "The session of this file has been deleted.");
      return { bytes: st.bytes, mimeType: st.mimeType };
    },
  };
}
