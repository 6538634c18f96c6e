import { deriveAccount, detectAccountFailure, type DerivedAccount } from "../data/index.js";
import type { DomainContext } from "./context.js";
import { fail, ok, type Result } from "./failure.js";
import { getSession } from "./queries.js";
import { completeUpload } from "./requirement.js";
import { usableStatements, type AccountOutcome, type Session } from "./session.js";
import { transition } from "./transitions.js";

export function initiateProcessing(ctx: DomainContext, tenant: string, sessionId: string): Result<Session> {
  const found = getSession(ctx, tenant, sessionId);
  if (!found.ok) return found;
  const s = found.value;
  if (s.processing) return fail("DUPLICATE_PROCESSING_REQUEST");
  if (s.statements.length === 0) return fail("UNPARSABLE_STATEMENTS", "The uploaded statements are not parsable: the session has no uploaded statement to process");
  if (s.statements.every((st) => st.failure !== null)) return fail("UNPARSABLE_STATEMENTS");
  const now = ctx.clockFor(tenant).now();
  // The TTL closes a session to uploads, not to processing what it already holds.
  if (s.uploadCompletedAt === null && s.expiredAt === null) completeUpload(ctx, s, now, "processing requested");
  else if (s.uploadCompletedAt === null) s.uploadCompletedAt = now;
  s.processing = { initiatedAt: now, completesAt: now + ctx.processingMs };
  transition(s, "PROCESSING", "initiate_processing", now);
  s.cancelTimers.push(ctx.clockFor(s.tenant).schedule(s.processing.completesAt, () => ctx.refresh(s)));
  return ok(s);
}

/** Ends processing whose time has come. Idempotent. */
export function finishIfDue(ctx: DomainContext, s: Session): void {
  if (s.processing && !s.result && ctx.clockFor(s.tenant).now() >= s.processing.completesAt) finishProcessing(ctx, s, s.processing.completesAt);
}

/** Derives every account once and decides its outcome: forced code, else what the data shows. */
function finishProcessing(ctx: DomainContext, s: Session, at: number): void {
  const usable: DerivedAccount[] = [];
  const outcomes: AccountOutcome[] = [];
  for (const acc of s.accounts) {
    const statements = usableStatements(s, acc);
    let outcome: AccountOutcome;
    if (statements.length === 0) {
      outcome = failed(ctx, acc.id, "UNPARSABLE");
    } else {
      const derived = deriveAccount({ account: acc.account, statements, sessionRange: s.range, now: at });
      usable.push(derived);
      const detected = detectAccountFailure(derived);
      if (s.forcedAccountFailure) outcome = failed(ctx, acc.id, s.forcedAccountFailure);
      else if (detected) outcome = { accountId: acc.id, status: "failed", errorCode: detected.code, errorMessage: detected.message };
      else outcome = { accountId: acc.id, status: "completed", errorCode: null, errorMessage: null };
    }
    outcomes.push(outcome);
    acc.updatedAt = at;
  }
  s.result = { derived: usable, outcomes, finishedAt: at, cache: new Map() };
  transition(s, "PROCESSED", "processing time elapsed", at);
  ctx.emit("ENRICHMENT_NOTIFICATION", s);
}

function failed(ctx: DomainContext, accountId: string, code: string): AccountOutcome {
  return { accountId, status: "failed", errorCode: code, errorMessage: ctx.messages.account.get(code) ?? code };
}
