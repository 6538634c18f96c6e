import { deterministicUuid } from "../core/ids.js";
import { createAccount } from "./account.js";
import { dayOf, firstDayOfMonth, isoOf, lastDayOfMonth, monthIndexOfDay } from "../core/dates.js";
import { deriveAccount } from "./derive.js";
import { generateStatement } from "./generate.js";
import type { Account, DateRange, DerivedAccount, Profile, DataFault, Statement } from "./types.js";

export interface SimulateAccountOptions {
  seed: string | number;
  key: string;
  bank: string;
  profile?: Profile;
  fault?: DataFault;
  sessionRange: DateRange;
  /** Transactions per full month. */
  density?: number;
  /**
   * Split the range into this many contiguous statements at month boundaries (default 1). Under a
   * failure fault fewer are made when needed, so the statement carrying it spans three months.
   */
  statementCount?: number;
  now: number;
}

export interface SimulatedAccount {
  account: Account;
  statements: Statement[];
  derived: DerivedAccount;
}

/**
 * One account's whole story for a session range: identity, statements chained balance to
 * balance, and the derivation. The fault goes to the longest statement (UNPARSABLE to all of
 * them: an account is unparsable only when nothing could be read).
 */
export function simulateAccount(opts: SimulateAccountOptions): SimulatedAccount {
  const fault = opts.fault ?? null;
  const account = createAccount({ seed: opts.seed, key: opts.key, bank: opts.bank, profile: opts.profile, fault });
  let count = Math.max(1, Math.floor(opts.statementCount ?? 1));
  if (fault !== null && fault !== "NULL_ACCOUNT_NUMBER" && fault !== "UNPARSABLE") {
    const months = monthIndexOfDay(dayOf(opts.sessionRange.to)) - monthIndexOfDay(dayOf(opts.sessionRange.from)) + 1;
    count = Math.min(count, Math.max(1, Math.floor(months / 3)));
  }
  const pieces = splitRange(opts.sessionRange, count);
  let longest = 0;
  pieces.forEach((p, i) => {
    if (dayOf(p.to) - dayOf(p.from) > dayOf(pieces[longest].to) - dayOf(pieces[longest].from)) longest = i;
  });
  const statements: Statement[] = [];
  let opening = account.opening_balance_paisa;
  pieces.forEach((period, i) => {
    const s = generateStatement({
      seed: opts.seed,
      key: `${opts.key}/statement/${i}`,
      account,
      period,
      openingBalancePaisa: opening,
      density: opts.density,
      fault: fault === "UNPARSABLE" || i === longest ? fault : null,
      statementId: deterministicUuid("statement", opts.seed, opts.key, i),
    });
    statements.push(s);
    opening = s.closing_balance_paisa;
  });
  return { account, statements, derived: deriveAccount({ account, statements, sessionRange: opts.sessionRange, now: opts.now }) };
}

/** Contiguous pieces cut at month starts, as even in month count as possible. */
export function splitRange(range: DateRange, count: number): DateRange[] {
  const from = dayOf(range.from);
  const to = dayOf(range.to);
  const first = monthIndexOfDay(from);
  const months = monthIndexOfDay(to) - first + 1;
  const n = Math.min(count, months);
  const out: DateRange[] = [];
  let start = from;
  for (let i = 0; i < n; i++) {
    const endMonth = first + Math.round(((i + 1) * months) / n) - 1;
    const end = i === n - 1 ? to : Math.min(to, lastDayOfMonth(endMonth));
    out.push({ from: isoOf(start), to: isoOf(end) });
    start = end + 1;
    if (i < n - 1 && start !== firstDayOfMonth(endMonth + 1)) start = firstDayOfMonth(endMonth + 1);
  }
  return out;
}
