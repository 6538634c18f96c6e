import {
  BANKS,
  createAccount,
  deriveAccount,
  detectAccountFailure,
  findBank,
  generateStatement,
  parseStatementFixture,
  statementFromFixture,
  type Account,
  type DateRange,
  type Scenario as DataScenario,
} from "../data/index.js";
import type { Clock } from "../core/clock.js";
import { fail, ok, type Failure, type Result } from "./failure.js";
import { decodeBase64, fileKind, fileNameTokens, isEncryptedPdf, isImageOnlyPdf } from "./file-inspect.js";
import { deterministicInt, deterministicUuid, sha256Hex } from "../core/ids.js";
import type { Scenarios, SessionScenario } from "./scenarios.js";
import type { AccountOutcome, AccountState, Phase, Session, StatementState } from "./session.js";
import { addDays, dayNumber, isoDateOfMs, minusMonths, parseDmy } from "../core/dates.js";

export type DomainEvent = "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION" | "ENRICHMENT_NOTIFICATION" | "SESSION_EXPIRY_NOTIFICATION";

export interface LifecycleOptions {
  clock: Clock;
  seed: string;
  /** Virtual time processing takes from initiate to completed. */
  processingMs: number;
  /** TTL when a session is created without `session_expiry`. */
  defaultTtlMinutes: number;
  scenarios: Scenarios;
  /** Documented messages of statement-level and account-level codes (from the spec). */
  messages: { statement: ReadonlyMap<string, string>; account: ReadonlyMap<string, string> };
  /** Where domain events go (the webhook scheduler); called synchronously, must not throw. */
  onEvent: (event: DomainEvent, session: Session) => void;
}

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

export interface UploadInput {
  uploadType: "PDF" | "BASE64";
  file?: { bytes: Uint8Array; fileName: string; mimeType: string };
  fileUrl?: string;
  bankName?: string;
  pdfPassword?: string;
  /** `x-mock-scenario` of the upload request. */
  scenario?: string;
}

export interface UploadOutcome {
  session: Session;
  statement: StatementState;
  account: AccountState;
}

export type ControlAction =
  | { action: "expire" }
  | { action: "complete_upload" }
  | { action: "finish_processing" }
  | { action: "fail_account"; error_code: string }
  | { action: "set_scenario"; scenario: string };

interface Tenant {
  sessions: Map<string, Session>;
  counter: number;
}

export function createLifecycle(opts: LifecycleOptions) {
  const { clock, seed, scenarios, messages } = opts;
  const tenants = new Map<string, Tenant>();

  const tenantOf = (key: string): Tenant => {
    let t = tenants.get(key);
    if (!t) {
      t = { sessions: new Map(), counter: 0 };
      tenants.set(key, t);
    }
    return t;
  };

  function phaseAt(s: Session, now: number): Phase {
    if (s.deletedAt !== null) return "DELETED";
    if (s.processing) return s.result ? "PROCESSED" : "PROCESSING";
    if (s.expiredAt !== null || now >= s.expiresAt) return "EXPIRED";
    if (s.uploadCompletedAt !== null) return "COMPLETED";
    return s.statements.length > 0 ? "IN_PROGRESS" : "NO_UPLOAD";
  }

  /** Notes a change: every mutation passes here, so the version always moves with the state. */
  function record(s: Session, at: number, from: Phase, to: Phase, cause: string): void {
    s.version += 1;
    if (from !== to) s.transitions.push({ at: new Date(at).toISOString(), from, to, cause });
  }

  /**
   * Brings time-driven state up to date: processing that has run its course finishes, a session past
   * its TTL expires. Idempotent; runs from the clock's timers and before every read, so a read never
   * sees a state the timers have not produced yet.
   */
  function refresh(s: Session): void {
    if (s.deletedAt !== null) return;
    const now = clock.now();
    if (s.processing && !s.result && now >= s.processing.completesAt) finishProcessing(s, s.processing.completesAt);
    if (!s.processing && s.expiredAt === null && now >= s.expiresAt) {
      const before = s.uploadCompletedAt !== null ? "COMPLETED" : s.statements.length > 0 ? "IN_PROGRESS" : "NO_UPLOAD";
      s.expiredAt = s.expiresAt;
      record(s, s.expiresAt, before, "EXPIRED", "session TTL passed before processing");
      opts.onEvent("SESSION_EXPIRY_NOTIFICATION", s);
    }
  }

  function finishProcessing(s: Session, at: number): void {
    const usable = new Map<string, ReturnType<typeof deriveAccount>>();
    const outcomes: AccountOutcome[] = [];
    for (const acc of s.accounts) {
      const statements = acc.statementIds
        .map((id) => s.statements.find((st) => st.id === id))
        .filter((st): st is StatementState => !!st && st.data !== null)
        .map((st) => st.data as NonNullable<StatementState["data"]>);
      let outcome: AccountOutcome;
      if (statements.length === 0) {
        outcome = failed(acc.id, "UNPARSABLE");
      } else {
        const derived = deriveAccount({ account: acc.account, statements, sessionRange: s.range, now: at });
        usable.set(acc.id, derived);
        const detected = detectAccountFailure(derived);
        if (s.forcedAccountFailure) outcome = failed(acc.id, s.forcedAccountFailure);
        else if (detected) outcome = { accountId: acc.id, status: "failed", errorCode: detected.code, errorMessage: detected.message };
        else outcome = { accountId: acc.id, status: "completed", errorCode: null, errorMessage: null };
      }
      outcomes.push(outcome);
      acc.updatedAt = at;
    }
    s.result = { derived: [...usable.values()], outcomes, finishedAt: at, cache: new Map() };
    record(s, at, "PROCESSING", "PROCESSED", "processing time elapsed");
    opts.onEvent("ENRICHMENT_NOTIFICATION", s);
  }

  function failed(accountId: string, code: string): AccountOutcome {
    return { accountId, status: "failed", errorCode: code, errorMessage: messages.account.get(code) ?? code };
  }

  /** Accounts whose usable statements cover the session range, by bank. */
  function coveredBanks(s: Session): Set<string> {
    const banks = new Set<string>();
    for (const acc of s.accounts) if (accountCovers(s, acc)) banks.add(acc.bank);
    return banks;
  }

  function accountCovers(s: Session, acc: AccountState): boolean {
    return coveredUntil(s, acc) >= dayNumber(s.range.to);
  }

  /** The last day of the session range covered without a gap from its start; start - 1 when none. */
  function coveredUntil(s: Session, acc: AccountState): number {
    const spans = acc.statementIds
      .map((id) => s.statements.find((st) => st.id === id))
      .filter((st): st is StatementState => !!st && st.failure === null)
      .map((st) => [dayNumber(st.period.from), dayNumber(st.period.to)] as const)
      .sort((a, b) => a[0] - b[0]);
    let reach = dayNumber(s.range.from) - 1;
    for (const [from, to] of spans) {
      if (from > reach + 1) break;
      reach = Math.max(reach, to);
    }
    return reach;
  }

  function checkRequirement(s: Session, at: number): void {
    if (s.uploadCompletedAt !== null) return;
    const needed = s.scenario.required_banks ?? 1;
    if (coveredBanks(s).size >= needed) markUploadCompleted(s, at, "accepted statements cover the session range");
  }

  function markUploadCompleted(s: Session, at: number, cause: string): void {
    const before = phaseAt(s, at);
    s.uploadCompletedAt = at;
    record(s, at, before, "COMPLETED", cause);
    opts.onEvent("SESSION_REQUIREMENT_COMPLETION_NOTIFICATION", s);
  }

  // ---------------------------------------------------------------- commands

  function createSession(tenantKey: string, input: CreateSessionInput, scenarioName?: string): Result<Session> {
    const now = clock.now();
    let scenario: SessionScenario = scenarios.defaultSession;
    if (scenarioName !== undefined) {
      const found = scenarios.session(scenarioName);
      if (!found) return fail("INVALID_REQUEST", unknownScenarioMessage(scenarioName));
      scenario = found;
    }
    const hasFrom = input.from_date !== undefined;
    const hasTo = input.to_date !== undefined;
    if (hasFrom !== hasTo) return fail("MISSING_DATE_FIELD");
    const today = isoDateOfMs(now);
    let range: DateRange = { from: minusMonths(today, 6), to: today };
    if (hasFrom && hasTo) {
      const from = parseDmy(input.from_date as string);
      const to = parseDmy(input.to_date as string);
      if (!from || !to) {
        const bad = !from ? "from_date" : "to_date";
        return fail("INVALID_DATE_FORMAT", `Invalid format for ${bad}: ${JSON.stringify(input[bad])} is not a calendar date, 'Supported format: DD/MM/YYYY'`);
      }
      if (dayNumber(from) >= dayNumber(to)) return fail("INVALID_DATE_RANGE");
      range = { from, to };
    }
    let bankName: string | null = null;
    if (input.bank_name !== undefined) {
      const bank = findBank(input.bank_name);
      if (!bank) return fail("INVALID_BANK_NAME", `Invalid bank identifier: ${JSON.stringify(input.bank_name)}. See GET /v1/banks/catalogue/ for valid identifiers.`);
      bankName = bank.identifier;
      if (input.mode === "aa" && !bank.aa_available) return fail("MODE_NOT_AVAILABLE", `Specified mode not available for this bank: ${bank.identifier} does not support aa.`);
      if (input.mode === "online" && !bank.net_banking_available) return fail("MODE_NOT_AVAILABLE", `Specified mode not available for this bank: ${bank.identifier} does not support online (net banking).`);
    } else if (input.mode === "pdf" || input.mode === "aa") {
      return fail("MISSING_BANK_NAME");
    }
    if (input.aa_journey_mode !== undefined && (input.aa_recurring_frequency_unit === undefined || input.aa_recurring_frequency_value === undefined)) {
      return fail("MISSING_AA_PARAMETER", "Frequency unit/value required: aa_journey_mode needs aa_recurring_frequency_unit and aa_recurring_frequency_value");
    }
    const tenant = tenantOf(tenantKey);
    tenant.counter += 1;
    const id = deterministicUuid(seed, tenantKey, "session", tenant.counter);
    const ttlMs = (input.session_expiry ?? opts.defaultTtlMinutes) * 60_000;
    const s: Session = {
      id,
      tenant: tenantKey,
      linkId: input.link_id,
      createdAt: now,
      expiresAt: now + ttlMs,
      range,
      redirectUrl: input.redirect_url ?? null,
      mode: input.mode ?? null,
      bankName,
      journeyMode: input.journey_mode ?? null,
      scenario,
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
      transitions: [{ at: new Date(now).toISOString(), from: "NO_UPLOAD", to: "NO_UPLOAD", cause: `created (scenario ${scenario.name})` }],
      cancelTimers: [],
      version: 0,
    };
    s.cancelTimers.push(clock.schedule(s.expiresAt, () => refresh(s)));
    tenant.sessions.set(id, s);
    return ok(s);
  }

  /** The session as this tenant sees it, current in time; 404 for others' ids, 410 once deleted. */
  function getSession(tenantKey: string, id: string): Result<Session> {
    const s = tenants.get(tenantKey)?.sessions.get(id);
    if (!s) return fail("SESSION_NOT_FOUND");
    if (s.deletedAt !== null) return fail("SESSION_DELETED");
    refresh(s);
    return ok(s);
  }

  function upload(tenantKey: string, sessionId: string, input: UploadInput): Result<UploadOutcome> {
    const found = getSession(tenantKey, sessionId);
    if (!found.ok) return found;
    const s = found.value;
    const now = clock.now();
    const phase = phaseAt(s, now);
    if (phase === "EXPIRED" || phase === "PROCESSING" || phase === "PROCESSED") {
      return fail("SESSION_EXPIRED", phase === "EXPIRED" ? "This session has expired" : "This session has expired: processing was initiated, so it takes no more uploads");
    }

    // Which statement-level scenario applies: the header, else a code in the file name.
    let forced = undefined as ReturnType<Scenarios["statement"]>;
    if (input.scenario !== undefined) {
      forced = scenarios.statement(input.scenario);
      if (!forced) return fail("INVALID_REQUEST", unknownStatementScenarioMessage(input.scenario));
    }

    let bytes: Uint8Array;
    let fileName: string;
    let mimeType: string;
    if (input.file) {
      fileName = input.file.fileName;
      mimeType = input.file.mimeType;
      if (input.uploadType === "BASE64") {
        const decoded = decodeBase64(Buffer.from(input.file.bytes).toString("latin1"));
        if (input.file.bytes.length === 0) return fail("EMPTY_FILE");
        if (!decoded) return fail("INVALID_BASE_64", "Invalid Base 64 string: `file` must hold the statement encoded as standard or URL-safe Base64");
        bytes = decoded;
      } else {
        bytes = input.file.bytes;
      }
    } else if (input.fileUrl !== undefined) {
      const url = safeUrl(input.fileUrl);
      if (!url) return fail("INVALID_FILE_URL", `This file url is invalid: ${JSON.stringify(input.fileUrl)} is not an http(s) URL`);
      // The mock never downloads: a URL stands for the file it names, deterministically.
      fileName = decodeURIComponent(url.pathname.split("/").pop() || "statement.pdf");
      mimeType = "application/pdf";
      bytes = new Uint8Array(Buffer.from(`%PDF-1.4\n% mock download of ${url.href}\n`));
    } else {
      return fail("MISSING_FILE_OBJECT", "This file object is required: send the statement as the multipart field `file`, or its address as `file_url`");
    }
    if (!forced) forced = scenarios.statement(scenarios.statementCodeInFileName(fileName) ?? "");

    s.uploadCounter += 1;
    const statementId = deterministicUuid(seed, tenantKey, s.id, "statement", s.uploadCounter);
    const reject = (code: string, message?: string): { ok: false; failure: Failure } => fail(code, message ?? messages.statement.get(code), statementId);

    if (bytes.length === 0) return reject("EMPTY_FILE", "File object is empty");
    const kind = fileKind(bytes);
    if (kind === "unknown") {
      return reject("INVALID_FILE_OBJECT", "File object is invalid: expected a PDF (bytes starting with %PDF-) or a mock JSON statement fixture (see fixtures/statements/README.md)");
    }
    const contentHash = sha256Hex(bytes);
    if (s.contentHashes.has(contentHash)) return reject("STATEMENT_DUPLICATE");

    // Bank: the bank_name sent, a bank named by the file name, the session's bank, else one the bytes pick.
    let sentBank: string | undefined;
    if (input.bankName !== undefined) {
      const bank = findBank(input.bankName);
      if (!bank) {
        return reject("INVALID_BANK_NAME", `Please use following bank strings: ${BANKS.slice(0, 12).map((b) => b.identifier).join(", ")}, … (GET /v1/banks/catalogue/ lists all); got ${JSON.stringify(input.bankName)}`);
      }
      sentBank = bank.identifier;
    }
    let fixture: Extract<ReturnType<typeof parseStatementFixture>, { ok: true }>["value"] | undefined;
    let namedBank: string | undefined;
    if (kind === "json-fixture") {
      const parsed = parseStatementFixture(safeJson(bytes));
      if (!parsed.ok) {
        const detail = parsed.errors.slice(0, 5).map((e) => `${e.path || "(root)"}: ${e.message}`).join("; ");
        return reject("INVALID_FILE_OBJECT", `File object is invalid: the JSON statement fixture has errors: ${detail}`);
      }
      fixture = parsed.value;
      namedBank = findBank(fixture.bank_name)?.identifier;
    } else {
      namedBank = bankInFileName(fileName);
    }
    if (sentBank && namedBank && sentBank !== namedBank) {
      return reject("BANK_NAME_MISMATCH", `The bank name in the statement doesn't match the selected bank: the statement is from ${namedBank}, bank_name says ${sentBank}`);
    }
    if (kind === "pdf" && isEncryptedPdf(bytes) && !input.pdfPassword) {
      return reject("PASSWORD_INCORRECT", "The provided password is incorrect: this PDF is encrypted; send its password as pdf_password");
    }
    if (kind === "pdf" && isImageOnlyPdf(bytes)) return reject("PDF_IS_IMAGE");
    if (forced?.phase === "upload") return reject(forced.code);

    const bank = sentBank ?? namedBank ?? s.bankName ?? pickBank(contentHash);
    const account = accountFor(s, bank, contentHash, fixture?.account?.account_number ?? undefined, fixture);
    const period = nextPeriod(s, account);
    const dataScenario = dataScenarioOf(s);

    let data: StatementState["data"] = null;
    let failure: StatementState["failure"] = null;
    if (forced?.phase === "extraction") {
      failure = { code: forced.code, message: messages.statement.get(forced.code) ?? forced.code };
    } else if (fixture) {
      const statement = statementFromFixture(fixture, { seed, statementId, account: account.account });
      if (statement.transactions.length === 0) {
        failure = { code: "STATEMENT_NO_TRANSACTIONS", message: messages.statement.get("STATEMENT_NO_TRANSACTIONS") ?? "" };
      } else if (dayNumber(statement.period.to) < dayNumber(s.range.from) || dayNumber(statement.period.from) > dayNumber(s.range.to)) {
        dropEmptyAccount(s, account);
        return reject("OUT_OF_DATE_RANGE", `The statement uploaded is beyond the specified date range: it covers ${statement.period.from}..${statement.period.to}, the session ${s.range.from}..${s.range.to}`);
      } else {
        data = statement;
      }
    } else {
      data = generateStatement({
        seed,
        key: contentHash,
        account: account.account,
        period,
        ...optionalOpening(openingBalanceFor(s, account)),
        scenario: dataScenario,
        statementId,
      });
    }

    const before = phaseAt(s, now);
    const statement: StatementState = {
      id: statementId,
      accountId: account.id,
      bank,
      fileName,
      source: "pdf",
      uploadedAt: now,
      period: data ? data.period : period,
      contentHash,
      pdfPassword: input.pdfPassword ?? null,
      failure,
      data,
      pageCount: data ? data.page_count : 1,
      bytes,
      mimeType,
    };
    s.statements.push(statement);
    s.contentHashes.add(contentHash);
    account.statementIds.push(statementId);
    account.updatedAt = now;
    record(s, now, before, phaseAt(s, now), `statement ${statementId} uploaded`);
    checkRequirement(s, now);
    return ok({ session: s, statement, account });
  }

  function accountFor(
    s: Session,
    bank: string,
    contentHash: string,
    accountNumber: string | undefined,
    fixture: Parameters<typeof statementFromFixture>[0] | undefined,
  ): AccountState {
    const existing = s.accounts.find((a) =>
      accountNumber !== undefined ? a.account.account_number === accountNumber : a.bank === bank && !accountCovers(s, a),
    );
    if (existing) return existing;
    const now = clock.now();
    const id = deterministicUuid(seed, s.tenant, s.id, "account", s.accounts.length + 1);
    const created: Account = createAccount({
      seed,
      key: contentHash,
      bank,
      scenario: dataScenarioOf(s),
      ...(fixture?.account ? { fixture: fixture.account } : {}),
    });
    const account: AccountState = { id, bank, account: { ...created, account_id: id }, createdAt: now, updatedAt: now, statementIds: [] };
    s.accounts.push(account);
    return account;
  }

  function dropEmptyAccount(s: Session, account: AccountState): void {
    if (account.statementIds.length === 0) s.accounts = s.accounts.filter((a) => a !== account);
  }

  /** The dates the next statement of an account covers: the rest of the range, or half of it first in partial journeys. */
  function nextPeriod(s: Session, account: AccountState): DateRange {
    const start = coveredUntil(s, account) + 1;
    const from = start > dayNumber(s.range.from) ? addDays(s.range.from, start - dayNumber(s.range.from)) : s.range.from;
    if (s.scenario.partial && account.statementIds.length === 0) {
      const half = Math.floor((dayNumber(s.range.to) - dayNumber(s.range.from)) / 2);
      return { from, to: addDays(s.range.from, half) };
    }
    if (dayNumber(from) > dayNumber(s.range.to)) return { ...s.range };
    return { from, to: s.range.to };
  }

  function openingBalanceFor(s: Session, account: AccountState): number | undefined {
    for (let i = account.statementIds.length - 1; i >= 0; i--) {
      const st = s.statements.find((x) => x.id === account.statementIds[i]);
      if (st?.data) return st.data.closing_balance_paisa;
    }
    return undefined;
  }

  function dataScenarioOf(s: Session): DataScenario {
    if (s.scenario.kind === "fraud") return "FRAUD";
    if (s.scenario.kind === "account_failure") return s.scenario.name as DataScenario;
    return null;
  }

  function pickBank(contentHash: string): string {
    // Aliases resolve to the catalogue's own identifiers ("pnb" may be spelled differently there).
    const common = ["hdfc", "sbi", "icici", "axis", "kotak", "pnb", "baroda", "canara", "indusind", "yes"]
      .map((name) => findBank(name)?.identifier)
      .filter((id): id is string => id !== undefined);
    return common[deterministicInt(seed, contentHash, "bank") % common.length];
  }

  function bankInFileName(fileName: string): string | undefined {
    for (const token of fileNameTokens(fileName)) {
      const bank = findBank(token);
      if (bank) return bank.identifier;
    }
    return undefined;
  }

  function initiateProcessing(tenantKey: string, sessionId: string): Result<Session> {
    const found = getSession(tenantKey, sessionId);
    if (!found.ok) return found;
    const s = found.value;
    if (s.processing) return fail("DUPLICATE_PROCESSING_REQUEST");
    if (s.statements.length === 0) return fail("UNPARSABLE_STATEMENTS", "The uploaded statements are not parsable: the session has no uploaded statement to process");
    if (s.statements.every((st) => st.failure !== null)) return fail("UNPARSABLE_STATEMENTS");
    const now = clock.now();
    const before = phaseAt(s, now);
    // The TTL closes a session to uploads, not to processing what it already holds.
    if (s.uploadCompletedAt === null && s.expiredAt === null) markUploadCompleted(s, now, "processing requested");
    else if (s.uploadCompletedAt === null) s.uploadCompletedAt = now;
    s.processing = { initiatedAt: now, completesAt: now + opts.processingMs };
    record(s, now, before === "EXPIRED" ? "EXPIRED" : "COMPLETED", "PROCESSING", "initiate_processing");
    s.cancelTimers.push(clock.schedule(s.processing.completesAt, () => refresh(s)));
    return ok(s);
  }

  function deleteSession(tenantKey: string, sessionId: string): Result<Session> {
    const found = getSession(tenantKey, sessionId);
    if (!found.ok) return found;
    const s = found.value;
    const now = clock.now();
    const before = phaseAt(s, now);
    s.deletedAt = now;
    for (const cancel of s.cancelTimers) cancel();
    s.cancelTimers = [];
    // Deleting drops the data; only a tombstone stays so later calls answer SESSION_DELETED.
    s.statements = [];
    s.accounts = [];
    s.result = null;
    record(s, now, before, "DELETED", "delete");
    return ok(s);
  }

  function control(tenantKey: string, sessionId: string, action: ControlAction): Result<Session> {
    const found = getSession(tenantKey, sessionId);
    if (!found.ok) return found;
    const s = found.value;
    const now = clock.now();
    switch (action.action) {
      case "expire":
        if (s.processing) return fail("INVALID_REQUEST", "expire: processing was initiated; a session only expires before processing");
        s.expiresAt = now;
        refresh(s);
        return ok(s);
      case "complete_upload":
        if (s.uploadCompletedAt !== null) return fail("INVALID_REQUEST", "complete_upload: the upload is already COMPLETED");
        if (s.expiredAt !== null) return fail("INVALID_REQUEST", "complete_upload: the session has expired");
        markUploadCompleted(s, now, "forced through the control API");
        return ok(s);
      case "finish_processing":
        if (!s.processing) return fail("PROCESSING_NOT_REQUESTED");
        if (s.result) return fail("INVALID_REQUEST", "finish_processing: processing has already finished");
        s.processing.completesAt = now;
        refresh(s);
        return ok(s);
      case "fail_account":
        if (!messages.account.has(action.error_code)) {
          return fail("INVALID_REQUEST", `fail_account: unknown account-level code ${JSON.stringify(action.error_code)}; valid: ${[...messages.account.keys()].join(", ")}`);
        }
        if (s.result) return fail("INVALID_REQUEST", "fail_account: processing has already finished");
        s.forcedAccountFailure = action.error_code;
        record(s, now, phaseAt(s, now), phaseAt(s, now), `fail_account ${action.error_code}`);
        return ok(s);
      case "set_scenario": {
        const scenario = scenarios.session(action.scenario);
        if (!scenario) return fail("INVALID_REQUEST", unknownScenarioMessage(action.scenario));
        if (s.statements.length > 0) return fail("INVALID_REQUEST", "set_scenario: the session already has uploads; set the scenario before the first upload");
        s.scenario = scenario;
        record(s, now, phaseAt(s, now), phaseAt(s, now), `set_scenario ${scenario.name}`);
        return ok(s);
      }
    }
  }

  function unknownScenarioMessage(name: string): string {
    return `x-mock-scenario: unknown session scenario ${JSON.stringify(name)}; valid: ${scenarios.catalogue.session.map((x) => x.name).join(", ")}`;
  }

  function unknownStatementScenarioMessage(name: string): string {
    return `x-mock-scenario: unknown statement scenario ${JSON.stringify(name)}; valid: ${scenarios.catalogue.statement.map((x) => x.code).join(", ")}`;
  }

  return {
    createSession,
    getSession,
    upload,
    initiateProcessing,
    deleteSession,
    control,
    phaseAt,
    accountCovers,
    /** Every session of a tenant, oldest first (control API). */
    listSessions(tenantKey: string): Session[] {
      const list = [...(tenants.get(tenantKey)?.sessions.values() ?? [])];
      for (const s of list) refresh(s);
      return list;
    },
    /** Forgets a tenant's sessions (control API reset). */
    resetTenant(tenantKey: string): number {
      const t = tenants.get(tenantKey);
      if (!t) return 0;
      for (const s of t.sessions.values()) for (const cancel of s.cancelTimers) cancel();
      tenants.delete(tenantKey);
      return t.sessions.size;
    },
    sessionCount(): number {
      let n = 0;
      for (const t of tenants.values()) n += t.sessions.size;
      return n;
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;

function optionalOpening(paisa: number | undefined): { openingBalancePaisa?: number } {
  return paisa === undefined ? {} : { openingBalancePaisa: paisa };
}

function safeUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    return undefined;
  }
}
