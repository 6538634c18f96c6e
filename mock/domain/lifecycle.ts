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
import { DEFAULT_PDF_PAGE_LIMIT } from "./pdf-checks.js";
import { createSessionStore, DEFAULT_STORE_LIMITS, type StoreLimits } from "./session-store.js";
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
  /** Each tenant's own clock; default: every tenant on `clock`. */
  clockFor?: (tenant: string) => Clock;
  /** Widest session range in days. Default 1096 (three years). */
  maxRangeDays?: number;
  /** Virtual minutes a deleted or expired session is remembered. Default 60. */
  retentionMinutes?: number;
  limits?: Partial<StoreLimits>;
  /** A session's files stop being reachable (deleted, forgotten, reset). */
  onForget?: (session: Session, reason: "deleted" | "forgotten") => void;
}

export const DEFAULT_MAX_RANGE_DAYS = 1096;
export const DEFAULT_RETENTION_MINUTES = 60;

export function createLifecycle(opts: LifecycleOptions) {
  const store = createSessionStore({ ...DEFAULT_STORE_LIMITS, ...opts.limits }, (s) => ctx.onForget(s, "forgotten"));
  const clockFor = opts.clockFor ?? (() => opts.clock);
  const ctx: DomainContext = {
    clockFor,
    maxRangeDays: opts.maxRangeDays ?? DEFAULT_MAX_RANGE_DAYS,
    retentionMs: (opts.retentionMinutes ?? DEFAULT_RETENTION_MINUTES) * 60_000,
    onForget: opts.onForget ?? (() => {}),
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
    resetTenant(tenant: string): number {
      for (const s of store.list(tenant)) ctx.onForget(s, "forgotten");
      return store.reset(tenant);
    },
    sessionCount: () => store.count(),
    storedBytes: () => store.storedBytes(),
    /** Registers a tenant that holds state outside sessions (webhooks, a clock); the refusal when the cap is reached. */
    admitTenant: (tenant: string) => store.admit(tenant),
    knowsTenant: (tenant: string) => store.knows(tenant),
    tenants: () => store.tenants(),
    /** The tenant's sessions and counter, for a state snapshot. */
    exportTenant: (tenant: string) => ({ counter: store.counterOf(tenant), sessions: store.list(tenant) }),
    /**
     * Replaces a tenant's sessions with restored ones and re-arms their timers on the tenant's
     * clock; anything already due (processing end, expiry) happens now, as it would have.
     */
    importTenant(tenant: string, counter: number, sessions: Session[]): void {
      for (const s of store.list(tenant)) ctx.onForget(s, "forgotten");
      store.restore(tenant, counter, sessions);
      const clock = clockFor(tenant);
      for (const s of sessions) {
        if (s.deletedAt !== null) {
          s.cancelTimers.push(
            clock.schedule(s.deletedAt + ctx.retentionMs, () => {
              store.evict(s);
            }),
          );
          continue;
        }
        if (s.processing && !s.result) s.cancelTimers.push(clock.schedule(s.processing.completesAt, () => ctx.refresh(s)));
        if (!s.processing && s.expiredAt === null) s.cancelTimers.push(clock.schedule(s.expiresAt, () => ctx.refresh(s)));
        if (!s.processing && s.expiredAt !== null) {
          s.cancelTimers.push(
            clock.schedule(s.expiredAt + ctx.retentionMs, () => {
              if (s.processing || s.deletedAt !== null) return;
              store.evict(s);
            }),
          );
        }
      }
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
