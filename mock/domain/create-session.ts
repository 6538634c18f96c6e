import { dayNumber, isoDateOfMs, minusMonths, parseDmy } from "../core/dates.js";
import { deterministicUuid } from "../core/ids.js";
import { findBank, type DateRange } from "../data/index.js";
import type { DomainContext } from "./context.js";
import { fail, ok, type Result } from "./failure.js";
import { resolveScenario } from "./scenario-choice.js";
import type { SessionScenario } from "./scenarios.js";
import type { Session } from "./session.js";

export interface CreateSessionInput {
  link_id: string;
  redirect_url?: string;
  from_date?: string;
  to_date?: string;
  bank_name?: string;
  mode?: string;
  session_expiry?: number;
  journey_mode?: string;
  aa_journey_mode?: string;
  aa_recurring_frequency_unit?: string;
  aa_recurring_frequency_value?: number;
}

/** The session's date range: the one sent, else the six months up to today. */
function rangeOf(input: CreateSessionInput, now: number, maxDays: number): Result<DateRange> {
  const hasFrom = input.from_date !== undefined;
  const hasTo = input.to_date !== undefined;
  if (hasFrom !== hasTo) return fail("MISSING_DATE_FIELD");
  const today = isoDateOfMs(now);
  if (!hasFrom) return ok({ from: minusMonths(today, 6), to: today });
  const from = parseDmy(input.from_date as string);
  const to = parseDmy(input.to_date as string);
  if (!from || !to) {
    const bad = !from ? "from_date" : "to_date";
    return fail("INVALID_DATE_FORMAT", `Invalid format for ${bad}: ${JSON.stringify(input[bad])} is not a calendar date, 'Supported format: DD/MM/YYYY'`);
  }
  if (dayNumber(from) >= dayNumber(to)) return fail("INVALID_DATE_RANGE");
  // Statement generation and every analytic grow with the range: an unbounded one is unbounded work.
  const days = dayNumber(to) - dayNumber(from) + 1;
  if (days > maxDays) {
    return fail("INVALID_DATE_RANGE", `Invalid date range: ${input.from_date} to ${input.to_date} spans ${days} days; the mock accepts at most ${maxDays} days (--max-range-days)`);
  }
  return ok({ from, to });
}

/** The catalogue identifier of the bank sent, checked against the mode asked for. */
function bankOf(input: CreateSessionInput): Result<string | null> {
  if (input.bank_name === undefined) return input.mode === "pdf" || input.mode === "aa" ? fail("MISSING_BANK_NAME") : ok(null);
  const bank = findBank(input.bank_name);
  if (!bank) return fail("INVALID_BANK_NAME", `Invalid bank identifier: ${JSON.stringify(input.bank_name)}. See GET /v1/banks/catalogue/ for valid identifiers.`);
  if (input.mode === "aa" && !bank.aa_available) return fail("MODE_NOT_AVAILABLE", `Specified mode not available for this bank: ${bank.identifier} does not support aa.`);
  if (input.mode === "online" && !bank.net_banking_available) return fail("MODE_NOT_AVAILABLE", `Specified mode not available for this bank: ${bank.identifier} does not support online (net banking).`);
  return ok(bank.identifier);
}

/** `scenario` is the resolved session scenario (from the edge), or a name (tests, direct callers). */
export function createSession(ctx: DomainContext, tenant: string, input: CreateSessionInput, scenario?: SessionScenario | string): Result<Session> {
  const now = ctx.clockFor(tenant).now();
  let chosen = ctx.scenarios.defaultSession;
  if (typeof scenario === "string") {
    const found = resolveScenario(ctx.scenarios, scenario, { session: true });
    if (!found.ok || found.choice.kind !== "session") return fail("INVALID_REQUEST", found.ok ? undefined : found.message);
    chosen = found.choice.scenario;
  } else if (scenario) {
    chosen = scenario;
  }
  const range = rangeOf(input, now, ctx.maxRangeDays);
  if (!range.ok) return range;
  const bankName = bankOf(input);
  if (!bankName.ok) return bankName;
  if (input.aa_journey_mode !== undefined && (input.aa_recurring_frequency_unit === undefined || input.aa_recurring_frequency_value === undefined)) {
    return fail("MISSING_AA_PARAMETER", "Frequency unit/value required: aa_journey_mode needs aa_recurring_frequency_unit and aa_recurring_frequency_value");
  }
  const refused = ctx.store.refusal(tenant);
  if (refused) return fail("SERVICE_UNAVAILABLE", refused);
  const id = deterministicUuid(ctx.seed, tenant, "session", ctx.store.nextNumber(tenant));
  const ttlMs = (input.session_expiry ?? ctx.defaultTtlMinutes) * 60_000;
  const s: Session = {
    id,
    tenant,
    linkId: input.link_id,
    createdAt: now,
    expiresAt: now + ttlMs,
    range: range.value,
    redirectUrl: input.redirect_url ?? null,
    mode: input.mode ?? null,
    bankName: bankName.value,
    journeyMode: input.journey_mode ?? null,
    scenario: chosen,
    phase: "NO_UPLOAD",
    forcedAccountFailure: null,
    accounts: [],
    statements: [],
    contentHashes: new Set(),
    uploadCounter: 0,
    uploadCompletedAt: null,
    processing: null,
    result: null,
    expiredAt: null,
    deletedAt: null,
    // Creation is the start, not a move: the table has no "from" for it.
    transitions: [{ at: new Date(now).toISOString(), from: "NO_UPLOAD", to: "NO_UPLOAD", cause: `created (scenario ${chosen.name})` }],
    cancelTimers: [],
    version: 0,
  };
  s.cancelTimers.push(ctx.clockFor(s.tenant).schedule(s.expiresAt, () => ctx.refresh(s)));
  ctx.store.add(s);
  return ok(s);
}
