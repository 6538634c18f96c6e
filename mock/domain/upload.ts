import { dayNumber } from "../core/dates.js";
import { deterministicUuid } from "../core/ids.js";
import { generateStatement, statementFromFixture } from "../data/index.js";
import type { DomainContext } from "./context.js";
import { fail, ok, type ApiErrorCode, type Failure, type Result } from "./failure.js";
import { getSession } from "./queries.js";
import { checkRequirement } from "./requirement.js";
import { resolveScenario } from "./scenario-choice.js";
import type { StatementScenario } from "./scenarios.js";
import { phaseAt, type AccountState, type Session, type StatementState } from "./session.js";
import { transition, touch } from "./transitions.js";
import { accountFor, dataFaultOf, dropEmptyAccount, nextPeriod, openingBalanceFor, pickBank } from "./upload-accounts.js";
import { inspectUpload, receiveFile, type UploadFile } from "./upload-checks.js";
import { checkPdf, type PdfContent } from "./pdf-checks.js";
import type { PdfFacts } from "../pdf/facts.js";

export interface UploadInput {
  uploadType: "PDF" | "BASE64";
  file?: UploadFile;
  fileUrl?: string;
  bankName?: string;
  pdfPassword?: string;
  /** The statement failure `x-mock-scenario` chose (resolved at the edge), or its code (direct callers). */
  scenario?: StatementScenario | string;
  /** What the PDF reader found in the file (pdf-upload.ts reads it first); absent, the PDF counts as unread. */
  pdfFacts?: PdfFacts;
}

export interface UploadOutcome {
  session: Session;
  statement: StatementState;
  account: AccountState;
}

export function upload(ctx: DomainContext, tenant: string, sessionId: string, input: UploadInput): Result<UploadOutcome> {
  const found = getSession(ctx, tenant, sessionId);
  if (!found.ok) return found;
  const s = found.value;
  const now = ctx.clockFor(tenant).now();
  const phase = phaseAt(s, now);
  if (phase === "EXPIRED" || phase === "PROCESSING" || phase === "PROCESSED") {
    return fail("SESSION_EXPIRED", phase === "EXPIRED" ? "This session has expired" : "This session has expired: processing was initiated, so it takes no more uploads");
  }

  // Which statement failure applies: the header's, else a code in the file name.
  let forced = typeof input.scenario === "object" ? input.scenario : undefined;
  if (typeof input.scenario === "string") {
    const found = resolveScenario(ctx.scenarios, input.scenario, { statement: true });
    if (!found.ok || found.choice.kind !== "statement") return fail("INVALID_REQUEST", found.ok ? undefined : found.message);
    forced = found.choice.scenario;
  }
  const received = receiveFile(input);
  if (!received.ok) return received;
  const { bytes, fileName, mimeType } = received.value;
  forced ??= ctx.scenarios.statement(ctx.scenarios.statementCodeInFileName(fileName) ?? "");

  s.uploadCounter += 1;
  const statementId = deterministicUuid(ctx.seed, tenant, s.id, "statement", s.uploadCounter);
  const reject = (code: ApiErrorCode, message?: string): { ok: false; failure: Failure } => fail(code, message ?? ctx.messages.statement.get(code), statementId);

  const inspected = inspectUpload(bytes, {
    fileName,
    ...(input.bankName !== undefined ? { bankName: input.bankName } : {}),
    ...(input.pdfPassword !== undefined ? { pdfPassword: input.pdfPassword } : {}),
    isDuplicate: (hash) => s.contentHashes.has(hash),
    pdfRead: input.pdfFacts !== undefined && input.pdfFacts.kind !== "unreadable",
  });
  if (!inspected.ok) return reject(inspected.code, inspected.message);
  // Upload-phase statement scenarios are codes uploadStatement documents (uploads.test.ts forces each).
  if (forced?.phase === "upload") return reject(forced.code as ApiErrorCode);
  const { kind, contentHash, fixture, sentBank, namedBank } = inspected.facts;
  const full = ctx.store.bytesRefusal(bytes.length);
  if (full) return fail("SERVICE_UNAVAILABLE", full);

  let pdf: PdfContent | undefined;
  if (kind === "pdf") {
    const verdict = checkPdf({
      facts: input.pdfFacts,
      bytes,
      ...(input.pdfPassword !== undefined ? { pdfPassword: input.pdfPassword } : {}),
      ...(sentBank ? { sentBank } : {}),
      ...(namedBank ? { fileNameBank: namedBank } : {}),
      sessionBank: s.bankName,
      strict: ctx.pdf.strict,
      pageLimit: ctx.pdf.pageLimit,
    });
    if (!verdict.ok) return reject(verdict.code, verdict.message);
    if (verdict.kind === "read") pdf = verdict.content;
  }
  if (pdf?.period && (dayNumber(pdf.period.to) < dayNumber(s.range.from) || dayNumber(pdf.period.from) > dayNumber(s.range.to))) {
    return reject("OUT_OF_DATE_RANGE", `The statement uploaded is beyond the specified date range: it covers ${pdf.period.from}..${pdf.period.to}, the session ${s.range.from}..${s.range.to}`);
  }

  const bank = pdf?.bank ?? sentBank ?? namedBank ?? s.bankName ?? pickBank(ctx.seed, contentHash);
  const account = accountFor(ctx, s, bank, contentHash, fixture, pdf?.accountNumber);
  // A period the PDF states is the statement's, whatever it leaves uncovered; else the rest of the range.
  const period = pdf?.period ?? nextPeriod(s, account);

  let data: StatementState["data"] = null;
  let failure: StatementState["failure"] = null;
  if (forced?.phase === "extraction") {
    failure = { code: forced.code, message: ctx.messages.statement.get(forced.code) ?? forced.code };
  } else if (pdf?.extractionFailure) {
    const { code, detail } = pdf.extractionFailure;
    failure = { code, message: `${ctx.messages.statement.get(code) ?? code}: ${detail}` };
  } else if (fixture) {
    const statement = statementFromFixture(fixture, { seed: ctx.seed, statementId, account: account.account });
    if (statement.transactions.length === 0) {
      failure = { code: "STATEMENT_NO_TRANSACTIONS", message: ctx.messages.statement.get("STATEMENT_NO_TRANSACTIONS") ?? "" };
    } else if (dayNumber(statement.period.to) < dayNumber(s.range.from) || dayNumber(statement.period.from) > dayNumber(s.range.to)) {
      dropEmptyAccount(s, account);
      return reject("OUT_OF_DATE_RANGE", `The statement uploaded is beyond the specified date range: it covers ${statement.period.from}..${statement.period.to}, the session ${s.range.from}..${s.range.to}`);
    } else {
      data = statement;
    }
  } else {
    const opening = openingBalanceFor(s, account);
    data = generateStatement({
      seed: ctx.seed,
      key: contentHash,
      account: account.account,
      period,
      ...(opening === undefined ? {} : { openingBalancePaisa: opening }),
      fault: dataFaultOf(s),
      statementId,
    });
    if (pdf) data = { ...data, page_count: pdf.pageCount };
  }

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
    pageCount: pdf ? pdf.pageCount : data ? data.page_count : 1,
    bytes,
    mimeType,
  };
  s.statements.push(statement);
  ctx.store.noteBytes(bytes.length);
  s.contentHashes.add(contentHash);
  account.statementIds.push(statementId);
  account.updatedAt = now;
  if (s.phase === "NO_UPLOAD") transition(s, "IN_PROGRESS", `statement ${statementId} uploaded`, now);
  else touch(s);
  checkRequirement(ctx, s, now);
  return ok({ session: s, statement, account });
}
