import { addDays, dayNumber } from "../core/dates.js";
import { deterministicInt, deterministicUuid } from "../core/ids.js";
import { createAccount, findBank, type DateRange, type DataFault, type StatementFixture } from "../data/index.js";
import type { DomainContext } from "./context.js";
import { accountCovers, coveredUntil, type AccountState, type Session } from "./session.js";

/**
 * The account a statement belongs to: same number, else the bank's account still short of the
 * range, else a new one. `statedNumber` is the number a PDF's text states.
 */
export function accountFor(ctx: DomainContext, s: Session, bank: string, contentHash: string, fixture: StatementFixture | undefined, statedNumber?: string): AccountState {
  const accountNumber = fixture?.account?.account_number ?? statedNumber;
  const existing = s.accounts.find((a) =>
    accountNumber !== undefined ? a.account.account_number === accountNumber : a.bank === bank && !accountCovers(s, a),
  );
  if (existing) return existing;
  const now = ctx.clockFor(s.tenant).now();
  const id = deterministicUuid(ctx.seed, s.tenant, s.id, "account", s.accounts.length + 1);
  const created = createAccount({
    seed: ctx.seed,
    key: contentHash,
    bank,
    fault: dataFaultOf(s),
    ...(fixture?.account ? { fixture: fixture.account } : {}),
  });
  // The number a PDF states, unless the session's scenario makes the number unreadable.
  const stated = !fixture && statedNumber !== undefined && created.account_number !== null ? { account_number: statedNumber } : {};
  const account: AccountState = { id, bank, account: { ...created, ...stated, account_id: id }, createdAt: now, updatedAt: now, statementIds: [] };
  s.accounts.push(account);
  return account;
}

export function dropEmptyAccount(s: Session, account: AccountState): void {
  if (account.statementIds.length === 0) s.accounts = s.accounts.filter((a) => a !== account);
}

/** The dates the next statement of an account covers: the rest of the range, or half of it first in partial journeys. */
export function nextPeriod(s: Session, account: AccountState): DateRange {
  const start = coveredUntil(s, account) + 1;
  const from = start > dayNumber(s.range.from) ? addDays(s.range.from, start - dayNumber(s.range.from)) : s.range.from;
  if (s.scenario.partial && account.statementIds.length === 0) {
    const half = Math.floor((dayNumber(s.range.to) - dayNumber(s.range.from)) / 2);
    return { from, to: addDays(s.range.from, half) };
  }
  if (dayNumber(from) > dayNumber(s.range.to)) return { ...s.range };
  return { from, to: s.range.to };
}

/** The closing balance of the account's last statement with data: the next one opens with it. */
export function openingBalanceFor(s: Session, account: AccountState): number | undefined {
  for (let i = account.statementIds.length - 1; i >= 0; i--) {
    const st = s.statements.find((x) => x.id === account.statementIds[i]);
    if (st?.data) return st.data.closing_balance_paisa;
  }
  return undefined;
}

/** The data generator's fault a session scenario asks for. */
export function dataFaultOf(s: Session): DataFault {
  if (s.scenario.kind === "fraud") return "FRAUD";
  if (s.scenario.kind === "account_failure") return s.scenario.name as DataFault;
  return null;
}

/** A common bank the bytes pick, when nothing names one. */
export function pickBank(seed: string, contentHash: string): string {
  // Aliases resolve to the catalogue's own identifiers ("pnb" may be spelled differently there).
  const common = ["hdfc", "sbi", "icici", "axis", "kotak", "pnb", "baroda", "canara", "indusind", "yes"]
    .map((name) => findBank(name)?.identifier)
    .filter((id): id is string => id !== undefined);
  return common[deterministicInt(seed, contentHash, "bank") % common.length];
}
