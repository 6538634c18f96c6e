import { afterEach, describe, expect, it, vi } from "vitest";
import { buildErrorCatalogue, getContract } from "../../openapi/lib/index.js";
import { createClock, type Clock } from "../core/clock.js";
import { createLifecycle, type CreateSessionInput, type DomainEvent, type Lifecycle, type UploadInput } from "./lifecycle.js";
import { loadScenarios } from "./scenarios.js";
import type { Phase, Session } from "./session.js";

const TENANT = "tenant-a";
const OTHER = "tenant-b";
const PROCESSING_MS = 3000;
const TTL_MINUTES = 60;
const MINUTE = 60_000;

const catalogue = buildErrorCatalogue(getContract().doc);
const messages = {
  statement: new Map(catalogue.statement_level.map((e) => [e.code, e.message])),
  account: new Map(catalogue.account_level.map((e) => [e.code, e.message])),
};
const scenarios = loadScenarios();

interface Emitted {
  event: DomainEvent;
  sessionId: string;
  phase: Phase;
}

interface Setup {
  clock: Clock;
  lc: Lifecycle;
  events: Emitted[];
  onEvent: ReturnType<typeof vi.fn>;
}

const clocks: Clock[] = [];
afterEach(() => {
  while (clocks.length > 0) clocks.pop()?.dispose();
});

function setup(seed = "lifecycle-seed"): Setup {
  const clock = createClock({ mode: "manual" });
  clocks.push(clock);
  const events: Emitted[] = [];
  let lc: Lifecycle;
  const onEvent = vi.fn((event: DomainEvent, s: Session) => {
    events.push({ event, sessionId: s.id, phase: lc.phaseAt(s, clock.now()) });
  });
  lc = createLifecycle({ clock, seed, processingMs: PROCESSING_MS, defaultTtlMinutes: TTL_MINUTES, scenarios, messages, onEvent });
  return { clock, lc, events, onEvent };
}

let pdfCount = 0;
function pdf(label = `pdf-${++pdfCount}`): Uint8Array {
  return new Uint8Array(Buffer.from(`%PDF-1.4\n% ${label}\n/Font /F1\n%%EOF\n`));
}

function file(bytes: Uint8Array = pdf(), fileName = "statement.pdf"): UploadInput {
  return { uploadType: "PDF", file: { bytes, fileName, mimeType: "application/pdf" } };
}

const RANGE: CreateSessionInput = { link_id: "link-1", from_date: "01/01/2024", to_date: "31/03/2024" };

function create(lc: Lifecycle, input: Partial<CreateSessionInput> = {}, scenario?: string, tenant = TENANT): Session {
  const r = lc.createSession(tenant, { ...RANGE, ...input }, scenario);
  if (!r.ok) throw new Error(`createSession failed: ${JSON.stringify(r.failure)}`);
  return r.value;
}

function upload(lc: Lifecycle, s: Session, input: Partial<UploadInput> = {}, tenant = TENANT) {
  const r = lc.upload(tenant, s.id, { ...file(), ...input });
  if (!r.ok) throw new Error(`upload failed: ${JSON.stringify(r.failure)}`);
  return r.value;
}

function failureOf(r: { ok: boolean; failure?: { code: string } } | { ok: true }): string | undefined {
  return r.ok ? undefined : (r as { failure: { code: string } }).failure.code;
}

const phase = (lc: Lifecycle, clock: Clock, s: Session): Phase => lc.phaseAt(s, clock.now());
const moves = (s: Session) => s.transitions.slice(1).map((t) => `${t.from}->${t.to}`);

describe("upload status transitions", () => {
  it("goes NO_UPLOAD -> IN_PROGRESS -> COMPLETED on one covering upload and logs each step", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    expect(phase(lc, clock, s)).toBe("NO_UPLOAD");
    expect(s.transitions).toEqual([expect.objectContaining({ from: "NO_UPLOAD", to: "NO_UPLOAD", cause: expect.stringContaining("single_account") })]);

    upload(lc, s, { bankName: "hdfc" });
    expect(phase(lc, clock, s)).toBe("COMPLETED");
    expect(moves(s)).toEqual(["NO_UPLOAD->IN_PROGRESS", "IN_PROGRESS->COMPLETED"]);
    expect(s.uploadCompletedAt).toBe(clock.now());
    expect(events).toEqual([{ event: "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", sessionId: s.id, phase: "COMPLETED" }]);
    for (const t of s.transitions) expect(t.at).toBe(new Date(clock.now()).toISOString());
  });

  it("records processing and its end in the transition log at their virtual times", () => {
    const { lc, clock } = setup();
    const s = create(lc);
    upload(lc, s);
    const started = clock.now();
    expect(lc.initiateProcessing(TENANT, s.id).ok).toBe(true);
    clock.advance(PROCESSING_MS);
    expect(moves(s)).toEqual(["NO_UPLOAD->IN_PROGRESS", "IN_PROGRESS->COMPLETED", "COMPLETED->PROCESSING", "PROCESSING->PROCESSED"]);
    expect(s.transitions.at(-2)?.at).toBe(new Date(started).toISOString());
    expect(s.transitions.at(-1)?.at).toBe(new Date(started + PROCESSING_MS).toISOString());
  });

  it.each(["partial_upload", "drop_off"])("%s stays IN_PROGRESS after the first upload and completes with a second upload of the same bank", (name) => {
    const { lc, clock, events } = setup();
    const s = create(lc, {}, name);
    const first = upload(lc, s, { bankName: "sbi" });
    expect(phase(lc, clock, s)).toBe("IN_PROGRESS");
    expect(lc.accountCovers(s, first.account)).toBe(false);
    expect(first.statement.period.from).toBe(s.range.from);
    expect(first.statement.period.to < s.range.to).toBe(true);
    expect(events).toEqual([]);

    const second = upload(lc, s, { bankName: "sbi" });
    expect(second.account.id).toBe(first.account.id);
    expect(lc.accountCovers(s, second.account)).toBe(true);
    expect(phase(lc, clock, s)).toBe("COMPLETED");
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"]);
  });

  it("partial_upload is not completed by a second upload of another bank", () => {
    const { lc, clock } = setup();
    const s = create(lc, {}, "partial_upload");
    upload(lc, s, { bankName: "sbi" });
    upload(lc, s, { bankName: "hdfc" });
    expect(s.accounts).toHaveLength(2);
    expect(phase(lc, clock, s)).toBe("IN_PROGRESS");
  });

  it("multibanking needs covering statements from two different banks", () => {
    const { lc, clock, events } = setup();
    const s = create(lc, {}, "multibanking");
    upload(lc, s, { bankName: "hdfc" });
    expect(phase(lc, clock, s)).toBe("IN_PROGRESS");
    upload(lc, s, { bankName: "hdfc" });
    expect(phase(lc, clock, s)).toBe("IN_PROGRESS");
    expect(events).toEqual([]);
    upload(lc, s, { bankName: "icici" });
    expect(phase(lc, clock, s)).toBe("COMPLETED");
    expect(new Set(s.accounts.map((a) => a.bank))).toEqual(new Set(["hdfc", "icici"]));
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"]);
  });

  it("opens a new account when a bank's account already covers the range", () => {
    const { lc } = setup();
    const s = create(lc, {}, "partial_upload");
    const a = upload(lc, s, { bankName: "kotak" });
    const b = upload(lc, s, { bankName: "kotak" });
    expect(b.account.id).toBe(a.account.id);
    const c = upload(lc, s, { bankName: "kotak" });
    expect(c.account.id).not.toBe(a.account.id);
    expect(s.accounts.map((x) => x.statementIds.length)).toEqual([2, 1]);
    expect(c.account.bank).toBe("kotak");
  });

  it("does not count a statement that failed extraction towards coverage", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    const r = upload(lc, s, { bankName: "hdfc", scenario: "EXTRACTION_FAILED" });
    expect(r.statement.failure).toEqual({ code: "EXTRACTION_FAILED", message: messages.statement.get("EXTRACTION_FAILED") });
    expect(r.statement.data).toBeNull();
    expect(lc.accountCovers(s, r.account)).toBe(false);
    expect(phase(lc, clock, s)).toBe("IN_PROGRESS");
    expect(events).toEqual([]);
    expect(failureOf(lc.initiateProcessing(TENANT, s.id))).toBe("UNPARSABLE_STATEMENTS");
  });

  it("rejects upload-time statement codes without storing a statement, naming the statement id", () => {
    const { lc, clock } = setup();
    const s = create(lc);
    const r = lc.upload(TENANT, s.id, { ...file(), scenario: "OUT_OF_DATE_RANGE" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.failure.code).toBe("OUT_OF_DATE_RANGE");
    expect(r.failure.statementId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.statements).toHaveLength(0);
    expect(phase(lc, clock, s)).toBe("NO_UPLOAD");
  });
});

describe("processing", () => {
  it("accepts initiate_processing once and answers DUPLICATE_PROCESSING_REQUEST after", () => {
    const { lc, clock } = setup();
    const s = create(lc);
    upload(lc, s);
    expect(lc.initiateProcessing(TENANT, s.id).ok).toBe(true);
    expect(failureOf(lc.initiateProcessing(TENANT, s.id))).toBe("DUPLICATE_PROCESSING_REQUEST");
    clock.advance(PROCESSING_MS);
    expect(failureOf(lc.initiateProcessing(TENANT, s.id))).toBe("DUPLICATE_PROCESSING_REQUEST");
  });

  it("finishes exactly processingMs after initiate and emits ENRICHMENT_NOTIFICATION once", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    upload(lc, s);
    lc.initiateProcessing(TENANT, s.id);
    const enrichment = () => events.filter((e) => e.event === "ENRICHMENT_NOTIFICATION");

    clock.advance(PROCESSING_MS - 1);
    expect(phase(lc, clock, s)).toBe("PROCESSING");
    expect(s.result).toBeNull();
    expect(enrichment()).toHaveLength(0);

    clock.advance(1);
    expect(phase(lc, clock, s)).toBe("PROCESSED");
    expect(s.result?.finishedAt).toBe(clock.now());
    expect(s.result?.outcomes).toEqual([{ accountId: s.accounts[0].id, status: "completed", errorCode: null, errorMessage: null }]);
    expect(enrichment()).toEqual([{ event: "ENRICHMENT_NOTIFICATION", sessionId: s.id, phase: "PROCESSED" }]);

    clock.advance(7 * 86_400_000);
    lc.getSession(TENANT, s.id);
    lc.listSessions(TENANT);
    expect(enrichment()).toHaveLength(1);
  });

  it("emits completion before enrichment, each once, for one journey", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    upload(lc, s);
    upload(lc, s);
    lc.initiateProcessing(TENANT, s.id);
    clock.advance(PROCESSING_MS * 10);
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
  });

  it("initiate on an IN_PROGRESS session marks the upload completed first, then processes", () => {
    const { lc, clock, events } = setup();
    const s = create(lc, {}, "partial_upload");
    upload(lc, s, { bankName: "sbi" });
    expect(lc.initiateProcessing(TENANT, s.id).ok).toBe(true);
    expect(moves(s)).toEqual(["NO_UPLOAD->IN_PROGRESS", "IN_PROGRESS->COMPLETED", "COMPLETED->PROCESSING"]);
    clock.advance(PROCESSING_MS);
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
  });

  const accountFailures = scenarios.catalogue.session.filter((x) => x.kind === "account_failure").map((x) => x.name);
  it.each(accountFailures)("scenario %s ends with every account failed with that code", (name) => {
    const { lc, clock } = setup();
    const s = create(lc, {}, name);
    upload(lc, s, { bankName: "hdfc" });
    expect(lc.initiateProcessing(TENANT, s.id).ok).toBe(true);
    clock.advance(PROCESSING_MS);
    expect(s.result?.outcomes.length).toBeGreaterThan(0);
    for (const o of s.result?.outcomes ?? []) {
      expect(o).toMatchObject({ status: "failed", errorCode: name });
      expect(o.errorMessage).toBeTruthy();
    }
  });

  it("FRAUD scenario processes to completed accounts", () => {
    const { lc, clock } = setup();
    const s = create(lc, {}, "FRAUD");
    upload(lc, s, { bankName: "hdfc" });
    lc.initiateProcessing(TENANT, s.id);
    clock.advance(PROCESSING_MS);
    expect(phase(lc, clock, s)).toBe("PROCESSED");
    expect(s.result?.outcomes.every((o) => o.status === "completed")).toBe(true);
  });
});

describe("expiry", () => {
  it("expires exactly at the TTL and emits SESSION_EXPIRY_NOTIFICATION once", () => {
    const { lc, clock, events } = setup();
    const s = create(lc, { session_expiry: 30 });
    upload(lc, s, {}, TENANT);
    events.length = 0;
    clock.advance(30 * MINUTE - 1);
    expect(phase(lc, clock, s)).toBe("COMPLETED");
    expect(events).toEqual([]);
    clock.advance(1);
    expect(phase(lc, clock, s)).toBe("EXPIRED");
    expect(events).toEqual([{ event: "SESSION_EXPIRY_NOTIFICATION", sessionId: s.id, phase: "EXPIRED" }]);
    expect(s.transitions.at(-1)).toMatchObject({ from: "COMPLETED", to: "EXPIRED", at: new Date(clock.now()).toISOString() });
    // Later reads (within the retention that keeps an expired session around) emit nothing more.
    clock.advance(30 * MINUTE);
    lc.getSession(TENANT, s.id);
    lc.listSessions(TENANT);
    expect(lc.control(TENANT, s.id, { action: "expire" }).ok).toBe(true);
    expect(events.filter((e) => e.event === "SESSION_EXPIRY_NOTIFICATION")).toHaveLength(1);
  });

  it("uses the default TTL when session_expiry is not sent", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    expect(s.expiresAt - s.createdAt).toBe(TTL_MINUTES * MINUTE);
    clock.advance(TTL_MINUTES * MINUTE);
    expect(phase(lc, clock, s)).toBe("EXPIRED");
    expect(events.map((e) => e.event)).toEqual(["SESSION_EXPIRY_NOTIFICATION"]);
  });

  it("never expires a session once processing has started", () => {
    const { lc, clock, events } = setup();
    const s = create(lc, { session_expiry: 10 });
    upload(lc, s);
    clock.advance(10 * MINUTE - PROCESSING_MS);
    lc.initiateProcessing(TENANT, s.id);
    clock.advance(PROCESSING_MS - 1);
    expect(phase(lc, clock, s)).toBe("PROCESSING");
    clock.advance(365 * 86_400_000);
    expect(phase(lc, clock, s)).toBe("PROCESSED");
    expect(s.expiredAt).toBeNull();
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
  });

  it("answers SESSION_EXPIRED to uploads after expiry and after initiate", () => {
    const { lc, clock } = setup();
    const expired = create(lc, { session_expiry: 5 });
    clock.advance(5 * MINUTE);
    expect(failureOf(lc.upload(TENANT, expired.id, file()))).toBe("SESSION_EXPIRED");
    expect(expired.statements).toHaveLength(0);

    const processing = create(lc);
    upload(lc, processing);
    lc.initiateProcessing(TENANT, processing.id);
    expect(failureOf(lc.upload(TENANT, processing.id, file()))).toBe("SESSION_EXPIRED");
    clock.advance(PROCESSING_MS);
    expect(failureOf(lc.upload(TENANT, processing.id, file()))).toBe("SESSION_EXPIRED");
    expect(processing.statements).toHaveLength(1);
  });

  it("still processes what an expired session holds, without a completion event", () => {
    const { lc, clock, events } = setup();
    const s = create(lc, { session_expiry: 5 }, "partial_upload");
    upload(lc, s, { bankName: "sbi" });
    clock.advance(5 * MINUTE);
    expect(lc.initiateProcessing(TENANT, s.id).ok).toBe(true);
    expect(s.transitions.at(-1)).toMatchObject({ from: "EXPIRED", to: "PROCESSING" });
    clock.advance(PROCESSING_MS);
    expect(phase(lc, clock, s)).toBe("PROCESSED");
    expect(events.map((e) => e.event)).toEqual(["SESSION_EXPIRY_NOTIFICATION", "ENRICHMENT_NOTIFICATION"]);
    expect(failureOf(lc.upload(TENANT, s.id, file()))).toBe("SESSION_EXPIRED");
  });

  it("expires a drop_off session left IN_PROGRESS and reports it in the log", () => {
    const { lc, clock, events } = setup();
    const s = create(lc, { session_expiry: 15 }, "drop_off");
    upload(lc, s, { bankName: "axis" });
    clock.advance(15 * MINUTE);
    expect(phase(lc, clock, s)).toBe("EXPIRED");
    expect(s.transitions.at(-1)).toMatchObject({ from: "IN_PROGRESS", to: "EXPIRED" });
    expect(events.map((e) => e.event)).toEqual(["SESSION_EXPIRY_NOTIFICATION"]);
  });
});

describe("deletion and tenants", () => {
  it("answers SESSION_DELETED to every command after delete and cancels the session's timers", () => {
    const { lc, clock, events } = setup();
    const keep = create(lc);
    const s = create(lc);
    upload(lc, s);
    lc.initiateProcessing(TENANT, s.id);
    const before = clock.pending();
    expect(before).toBe(3); // keep's expiry, s's expiry, s's processing end
    expect(lc.deleteSession(TENANT, s.id).ok).toBe(true);
    // keep's expiry, and the deleted session's retention (its tombstone is forgotten after it)
    expect(clock.pending()).toBe(2);
    expect(lc.phaseAt(s, clock.now())).toBe("DELETED");
    expect(s.transitions.at(-1)).toMatchObject({ from: "PROCESSING", to: "DELETED" });

    expect(failureOf(lc.getSession(TENANT, s.id))).toBe("SESSION_DELETED");
    expect(failureOf(lc.upload(TENANT, s.id, file()))).toBe("SESSION_DELETED");
    expect(failureOf(lc.initiateProcessing(TENANT, s.id))).toBe("SESSION_DELETED");
    expect(failureOf(lc.deleteSession(TENANT, s.id))).toBe("SESSION_DELETED");
    expect(failureOf(lc.control(TENANT, s.id, { action: "finish_processing" }))).toBe("SESSION_DELETED");

    events.length = 0;
    clock.advance(2 * 86_400_000);
    expect(events.map((e) => e.sessionId)).toEqual([keep.id]);
    expect(s.statements).toEqual([]);
    expect(s.result).toBeNull();
  });

  it("answers SESSION_NOT_FOUND for another tenant's session ids", () => {
    const { lc } = setup();
    const s = create(lc);
    upload(lc, s);
    expect(failureOf(lc.getSession(OTHER, s.id))).toBe("SESSION_NOT_FOUND");
    expect(failureOf(lc.upload(OTHER, s.id, file()))).toBe("SESSION_NOT_FOUND");
    expect(failureOf(lc.initiateProcessing(OTHER, s.id))).toBe("SESSION_NOT_FOUND");
    expect(failureOf(lc.deleteSession(OTHER, s.id))).toBe("SESSION_NOT_FOUND");
    expect(failureOf(lc.control(OTHER, s.id, { action: "expire" }))).toBe("SESSION_NOT_FOUND");
    expect(lc.listSessions(OTHER)).toEqual([]);
    expect(lc.getSession(TENANT, s.id).ok).toBe(true);
    expect(s.processing).toBeNull();
    expect(s.deletedAt).toBeNull();
  });

  it("resetTenant forgets only that tenant and cancels its timers", () => {
    const { lc, clock } = setup();
    create(lc);
    create(lc);
    const other = create(lc, {}, undefined, OTHER);
    expect(clock.pending()).toBe(3);
    expect(lc.resetTenant(TENANT)).toBe(2);
    expect(clock.pending()).toBe(1);
    expect(lc.listSessions(TENANT)).toEqual([]);
    expect(lc.getSession(OTHER, other.id).ok).toBe(true);
    expect(lc.resetTenant(TENANT)).toBe(0);
  });
});

describe("determinism", () => {
  function journey(seed: string) {
    const { lc, clock } = setup(seed);
    const s1 = create(lc);
    const u1 = upload(lc, s1, { file: file(pdf("fixed-a")).file, bankName: "hdfc" });
    const u2 = upload(lc, s1, { file: file(pdf("fixed-b")).file });
    const s2 = create(lc, {}, undefined, OTHER);
    lc.initiateProcessing(TENANT, s1.id);
    clock.advance(PROCESSING_MS);
    return {
      sessions: [s1.id, s2.id],
      statements: [u1.statement.id, u2.statement.id],
      accounts: s1.accounts.map((a) => [a.id, a.bank, a.account.account_number]),
      transactions: u1.statement.data?.transactions.map((t) => [t.date, t.amount_paisa, t.hash]),
      outcomes: s1.result?.outcomes,
    };
  }

  it("gives identical ids and data for the same seed and the same calls", () => {
    expect(journey("seed-x")).toEqual(journey("seed-x"));
  });

  it("gives different ids for a different seed", () => {
    const a = journey("seed-x");
    const b = journey("seed-y");
    expect(b.sessions[0]).not.toBe(a.sessions[0]);
    expect(b.statements[0]).not.toBe(a.statements[0]);
  });

  it("never repeats session ids across tenants or sessions", () => {
    const { lc } = setup();
    const ids = [create(lc).id, create(lc).id, create(lc, {}, undefined, OTHER).id];
    expect(new Set(ids).size).toBe(3);
  });
});

describe("control actions", () => {
  it("expire ends the session now and emits SESSION_EXPIRY_NOTIFICATION", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    const r = lc.control(TENANT, s.id, { action: "expire" });
    expect(r.ok).toBe(true);
    expect(phase(lc, clock, s)).toBe("EXPIRED");
    expect(s.expiredAt).toBe(clock.now());
    expect(events.map((e) => e.event)).toEqual(["SESSION_EXPIRY_NOTIFICATION"]);
  });

  it("expire is refused once processing was initiated", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    upload(lc, s);
    lc.initiateProcessing(TENANT, s.id);
    expect(failureOf(lc.control(TENANT, s.id, { action: "expire" }))).toBe("INVALID_REQUEST");
    expect(phase(lc, clock, s)).toBe("PROCESSING");
    expect(events.map((e) => e.event)).not.toContain("SESSION_EXPIRY_NOTIFICATION");
  });

  it("complete_upload forces COMPLETED without coverage and is refused when already completed or expired", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    expect(lc.control(TENANT, s.id, { action: "complete_upload" }).ok).toBe(true);
    expect(phase(lc, clock, s)).toBe("COMPLETED");
    expect(s.transitions.at(-1)).toMatchObject({ from: "NO_UPLOAD", to: "COMPLETED" });
    expect(events.map((e) => e.event)).toEqual(["SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"]);
    expect(failureOf(lc.control(TENANT, s.id, { action: "complete_upload" }))).toBe("INVALID_REQUEST");

    const expired = create(lc);
    lc.control(TENANT, expired.id, { action: "expire" });
    expect(failureOf(lc.control(TENANT, expired.id, { action: "complete_upload" }))).toBe("INVALID_REQUEST");
    expect(phase(lc, clock, expired)).toBe("EXPIRED");
  });

  it("finish_processing ends processing now, once; refused before initiate", () => {
    const { lc, clock, events } = setup();
    const s = create(lc);
    upload(lc, s);
    expect(failureOf(lc.control(TENANT, s.id, { action: "finish_processing" }))).toBe("PROCESSING_NOT_REQUESTED");
    lc.initiateProcessing(TENANT, s.id);
    clock.advance(10);
    expect(lc.control(TENANT, s.id, { action: "finish_processing" }).ok).toBe(true);
    expect(phase(lc, clock, s)).toBe("PROCESSED");
    expect(s.result?.finishedAt).toBe(clock.now());
    expect(failureOf(lc.control(TENANT, s.id, { action: "finish_processing" }))).toBe("INVALID_REQUEST");
    clock.advance(PROCESSING_MS);
    expect(events.filter((e) => e.event === "ENRICHMENT_NOTIFICATION")).toHaveLength(1);
  });

  it("fail_account makes every account fail with the code when processing ends", () => {
    const { lc, clock } = setup();
    const s = create(lc);
    upload(lc, s, { bankName: "hdfc" });
    upload(lc, s, { bankName: "sbi" });
    expect(lc.control(TENANT, s.id, { action: "fail_account", error_code: "BALANCE_MISMATCH" }).ok).toBe(true);
    expect(s.forcedAccountFailure).toBe("BALANCE_MISMATCH");
    lc.initiateProcessing(TENANT, s.id);
    clock.advance(PROCESSING_MS);
    expect(s.result?.outcomes).toHaveLength(2);
    for (const o of s.result?.outcomes ?? []) {
      expect(o).toEqual({ accountId: expect.any(String), status: "failed", errorCode: "BALANCE_MISMATCH", errorMessage: messages.account.get("BALANCE_MISMATCH") });
    }
  });

  it("fail_account refuses unknown codes and sessions whose processing finished", () => {
    const { lc, clock } = setup();
    const s = create(lc);
    upload(lc, s);
    const unknown = lc.control(TENANT, s.id, { action: "fail_account", error_code: "EXTRACTION_FAILED" });
    expect(failureOf(unknown)).toBe("INVALID_REQUEST");
    expect(unknown.ok ? "" : unknown.failure.message).toContain("MISSING_TRANSACTIONS");
    expect(s.forcedAccountFailure).toBeNull();
    lc.initiateProcessing(TENANT, s.id);
    clock.advance(PROCESSING_MS);
    expect(failureOf(lc.control(TENANT, s.id, { action: "fail_account", error_code: "UNPARSABLE" }))).toBe("INVALID_REQUEST");
    expect(s.result?.outcomes[0].status).toBe("completed");
  });

  it("set_scenario switches the session scenario before the first upload only", () => {
    const { lc, clock } = setup();
    const s = create(lc);
    expect(lc.control(TENANT, s.id, { action: "set_scenario", scenario: "multibanking" }).ok).toBe(true);
    expect(s.scenario.name).toBe("multibanking");
    upload(lc, s, { bankName: "hdfc" });
    expect(phase(lc, clock, s)).toBe("IN_PROGRESS");
    expect(failureOf(lc.control(TENANT, s.id, { action: "set_scenario", scenario: "single_account" }))).toBe("INVALID_REQUEST");
    expect(s.scenario.name).toBe("multibanking");

    const t = create(lc);
    const unknown = lc.control(TENANT, t.id, { action: "set_scenario", scenario: "no_such_scenario" });
    expect(failureOf(unknown)).toBe("INVALID_REQUEST");
    expect(unknown.ok ? "" : unknown.failure.message).toContain("multibanking");
    expect(t.scenario.name).toBe("single_account");
  });
});

describe("session creation", () => {
  it("defaults the range to the six months up to today", () => {
    const { lc } = setup();
    const r = lc.createSession(TENANT, { link_id: "x" });
    expect(r.ok && r.value.range).toEqual({ from: "2023-10-16", to: "2024-04-16" });
  });

  it("refuses bad ranges and unknown scenarios with documented codes", () => {
    const { lc, clock } = setup();
    expect(failureOf(lc.createSession(TENANT, { link_id: "x", from_date: "01/01/2024" }))).toBe("MISSING_DATE_FIELD");
    expect(failureOf(lc.createSession(TENANT, { link_id: "x", from_date: "31/02/2024", to_date: "31/03/2024" }))).toBe("INVALID_DATE_FORMAT");
    expect(failureOf(lc.createSession(TENANT, { link_id: "x", from_date: "31/03/2024", to_date: "01/01/2024" }))).toBe("INVALID_DATE_RANGE");
    expect(failureOf(lc.createSession(TENANT, { link_id: "x" }, "nope"))).toBe("INVALID_REQUEST");
    expect(failureOf(lc.createSession(TENANT, { link_id: "x", bank_name: "nobank" }))).toBe("INVALID_BANK_NAME");
    expect(clock.pending()).toBe(0);
    expect(lc.listSessions(TENANT)).toEqual([]);
  });
});
