/**
 * The session lifecycle as one object: each command lives in its own module (create-session,
 * upload, processing, expiry, control-actions, delete-session, queries); this file wires them to
 * one context and keeps time-driven state current. Phases and their allowed moves: session.ts and
 * transitions.ts.
 */
import type { Clock } from "../core/clock.js";
import type { DomainContext, DomainEvent, FailureMessages } from "./context.js";
import { control } from "./control-actions.js";
import { createSession } from "./create-session.js";
import { deleteSession } from "./delete-session.js";
import { expireIfDue } from "./expiry.js";
import { finishIfDue, initiateProcessing } from "./processing.js";
import { getSession, listSessions } from "./queries.js";
import type { Scenarios } from "./scenarios.js";
import { accountCovers, phaseAt, type Session } from "./session.js";
import { createSessionStore } from "./session-store.js";
import { DEFAULT_PDF_PAGE_LIMIT } from "./pdf-checks.js";
import { upload } from "./upload.js";

export type { DomainEvent } from "./context.js";
export type { CreateSessionInput } from "./create-session.js";
export type { UploadInput, UploadOutcome } from "./upload.js";
export type { ControlAction } from "./control-actions.js";

export interface LifecycleOptions {
  clock: Clock;
  seed: string;
  /** Virtual time processing takes from initiate to completed. */
  processingMs: number;
  /** TTL when a session is created without `session_expiry`. */
  defaultTtlMinutes: number;
  scenarios: Scenarios;
  /** Documented messages of statement-level and account-level codes (from the spec). */
  messages: FailureMessages;
  /** Where domain events go (the webhook scheduler); called synchronously, must not throw. */
  onEvent: (event: DomainEvent, session: Session) => void;
  /** Default: PDFs no reader opens are synthetic statements; 50 pages. */
  pdf?: { strict?: boolean; pageLimit?: number };
}

export function createLifecycle(opts: LifecycleOptions) {
  const store = createSessionStore();
  const ctx: DomainContext = {
    clock: opts.clock,
    seed: opts.seed,
    processingMs: opts.processingMs,
    defaultTtlMinutes: opts.defaultTtlMinutes,
    scenarios: opts.scenarios,
    messages: opts.messages,
    store,
    emit: opts.onEvent,
    pdf: { strict: opts.pdf?.strict ?? false, pageLimit: opts.pdf?.pageLimit ?? DEFAULT_PDF_PAGE_LIMIT },
    /**
     * Brings time-driven state up to date: processing that has run its course finishes, a session
     * past its TTL expires. Idempotent; runs from the clock's timers and before every read, so a
     * read never sees a state the timers have not produced yet.
     */
    refresh(s) {
      if (s.deletedAt !== null) return;
      finishIfDue(ctx, s);
      expireIfDue(ctx, s);
    },
  };

  return {
    createSession: (tenant: string, input: Parameters<typeof createSession>[2], scenario?: Parameters<typeof createSession>[3]) => createSession(ctx, tenant, input, scenario),
    getSession: (tenant: string, id: string) => getSession(ctx, tenant, id),
    upload: (tenant: string, sessionId: string, input: Parameters<typeof upload>[3]) => upload(ctx, tenant, sessionId, input),
    initiateProcessing: (tenant: string, sessionId: string) => initiateProcessing(ctx, tenant, sessionId),
    deleteSession: (tenant: string, sessionId: string) => deleteSession(ctx, tenant, sessionId),
    control: (tenant: string, sessionId: string, action: Parameters<typeof control>[3]) => control(ctx, tenant, sessionId, action),
    phaseAt,
    accountCovers,
    /** The tenant owning a session id: the hosted journey page knows only the id, as the vendor's does. */
    ownerOf: (sessionId: string) => store.ownerOf(sessionId),
    /** Every session of a tenant, oldest first (control API). */
    listSessions: (tenant: string) => listSessions(ctx, tenant),
    /** Forgets a tenant's sessions (control API reset). */
    resetTenant: (tenant: string) => store.reset(tenant),
    sessionCount: () => store.count(),
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
