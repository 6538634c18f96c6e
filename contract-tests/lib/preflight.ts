/**
 * Pre-flight: before any test (and before any session is made) make sure the run can judge the
 * target at all. Each failure is one sentence naming the cause and the setting that fixes it, found
 * within a few seconds, instead of a hundred tests failing on the same misconfiguration.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { readTargetEnv, type TargetEnv } from "./env.js";

export const PREFLIGHT_BUDGET_MS = 5_000;

export interface PreflightResult {
  ok: boolean;
  /** One sentence, set when not ok. */
  problem?: string;
  /** Facts worth printing before the run (plan, files, target kind). */
  notes: string[];
  /** Set when a target answered and has the mock's control API. */
  isMock?: boolean;
}

/**
 * What a full run needs on a real server (no control API): sessions per suite file, counted from
 * the tests that run there. Tests past the cap are skipped with the reason, seed scenarios first.
 */
export const REAL_SERVER_NEEDS = {
  sessions: [
    ["seed-scenarios (core lifecycle, multibanking, revisit)", 4],
    ["semantics (data adds up, views agree, lifecycle)", 3],
    ["illegal-transitions", 5],
    ["polling-rules", 2],
    ["webhooks (needs BANKCONNECT_WEBHOOK_URL and _RESTORE_URL)", 2],
    ["upload-rejections", 2],
    ["access-errors and tenant isolation", 2],
  ] as Array<[string, number]>,
  /** Distinct statement files: two banks for multibanking, and one per upload of a session. */
  files: 2,
};

export const realServerSessionTotal = (): number => REAL_SERVER_NEEDS.sessions.reduce((a, [, n]) => a + n, 0);

type Fetch = typeof fetch;

interface Probe {
  status: number;
  contentType: string;
  text: string;
}

async function probe(fetchImpl: Fetch, url: string, headers: Record<string, string>, deadline: number): Promise<Probe | { error: string }> {
  const left = Math.max(250, deadline - Date.now());
  try {
    const res = await fetchImpl(url, { headers, signal: AbortSignal.timeout(left), redirect: "manual" });
    return { status: res.status, contentType: (res.headers.get("content-type") ?? "").toLowerCase(), text: await res.text() };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${PREFLIGHT_BUDGET_MS / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { error: why };
  }
}

const isJson = (p: Probe): boolean => p.contentType.includes("json") && (() => {
  try {
    JSON.parse(p.text);
    return true;
  } catch {
    return false;
  }
})();

/** Statement files: readable, PDFs (or the mock's JSON fixtures), and distinct bytes. */
export function checkStatementFiles(files: string[]): { problem?: string; notes: string[] } {
  const seen = new Map<string, string>();
  for (const file of files) {
    let bytes: Buffer;
    try {
      if (!statSync(file).isFile()) return { problem: `BANKCONNECT_STATEMENT_FILES names ${file}, which is not a file`, notes: [] };
      bytes = readFileSync(file);
    } catch {
      return { problem: `BANKCONNECT_STATEMENT_FILES names ${file}, which cannot be read: fix the path`, notes: [] };
    }
    if (bytes.length === 0) return { problem: `BANKCONNECT_STATEMENT_FILES names ${file}, which is empty: give a real statement PDF`, notes: [] };
    if (!bytes.subarray(0, 5).equals(Buffer.from("%PDF-"))) return { problem: `BANKCONNECT_STATEMENT_FILES names ${file}, which is not a PDF: give statement PDFs`, notes: [] };
    const hash = createHash("sha256").update(bytes).digest("hex");
    const twin = seen.get(hash);
    if (twin) return { problem: `BANKCONNECT_STATEMENT_FILES names ${twin} and ${file}, which have the same bytes (the second upload would be STATEMENT_DUPLICATE): give distinct statements`, notes: [] };
    seen.set(hash, file);
  }
  const notes = [`statement files: ${files.length} distinct PDF(s)`];
  if (files.length > 0 && files.length < REAL_SERVER_NEEDS.files) notes.push(`multibanking needs statements of two banks: give ${REAL_SERVER_NEEDS.files} files of different banks (it is skipped otherwise)`);
  return { notes };
}

export interface PreflightOptions {
  env?: TargetEnv;
  fetch?: Fetch;
  budgetMs?: number;
}

export async function preflight(options: PreflightOptions = {}): Promise<PreflightResult> {
  let env: TargetEnv;
  try {
    env = options.env ?? readTargetEnv();
  } catch (err) {
    return { ok: false, problem: (err as Error).message, notes: [] };
  }
  const notes: string[] = [];
  const files = checkStatementFiles(env.statementFiles);
  if (files.problem) return { ok: false, problem: files.problem, notes };
  if (env.baseUrl === undefined) return { ok: true, notes: ["target: the mock, started in-process on port 0"], isMock: true };

  const fetchImpl = options.fetch ?? fetch;
  const deadline = Date.now() + (options.budgetMs ?? PREFLIGHT_BUDGET_MS);
  const base = env.baseUrl;
  const origin = new URL(base).origin;
  const control = await probe(fetchImpl, `${origin}/__mock/`, { "x-api-key": env.apiKey ?? "preflight" }, deadline);
  if ("error" in control) {
    return { ok: false, problem: `Cannot reach ${origin} (${control.error}): check BANKCONNECT_BASE_URL, and that the server is up and reachable from here.`, notes };
  }
  const isMock = control.status === 200 && isJson(control) && typeof (JSON.parse(control.text) as { name?: unknown }).name === "string";
  if (!isMock && (env.apiKey === undefined || env.serverHash === undefined)) {
    return { ok: false, problem: `${base} has no mock control API, so it is treated as a real server: set BANKCONNECT_API_KEY and BANKCONNECT_SERVER_HASH.`, notes };
  }
  const headers = { "x-api-key": env.apiKey ?? "preflight-key", "server-hash": env.serverHash ?? "preflight-hash" };
  const catalogue = await probe(fetchImpl, `${base}/v1/banks/catalogue/`, headers, deadline);
  if ("error" in catalogue) return { ok: false, problem: `${base}/v1/banks/catalogue/ did not answer (${catalogue.error}): check BANKCONNECT_BASE_URL.`, notes };
  // The catalogue exists on every BankConnect server: 404 or a page instead of JSON means the base URL is wrong.
  if (catalogue.status === 404 || !isJson(catalogue) || (catalogue.status >= 300 && catalogue.status < 400)) {
    const what = catalogue.contentType.includes("html") ? `HTML (${catalogue.status})` : !isJson(catalogue) ? `${catalogue.status} without JSON` : "404";
    return {
      ok: false,
      problem: `${base}/v1/banks/catalogue/ answers ${what}: BANKCONNECT_BASE_URL must be the API base ending in /bank-connect (as in the spec's servers, e.g. https://apis.bankconnect.finbox.in/bank-connect).`,
      notes,
    };
  }
  if (catalogue.status === 401 || catalogue.status === 403) {
    return {
      ok: false,
      problem: `${base} refused the credentials (${catalogue.status} ${catalogue.text.slice(0, 120).replace(/\s+/g, " ")}): check BANKCONNECT_API_KEY and BANKCONNECT_SERVER_HASH.`,
      notes,
    };
  }
  if (catalogue.status !== 200) notes.push(`warning: the bank catalogue answered ${catalogue.status}; the run goes on`);
  notes.push(`target: ${base} (${isMock ? "a mock with the control API" : "a real server: no scenario control, sessions capped"})`);
  if (!isMock) {
    const cap = env.maxSessions ?? 5;
    notes.push(
      `a full run on a real server needs about ${realServerSessionTotal()} sessions (${REAL_SERVER_NEEDS.sessions.map(([what, n]) => `${what} ${n}`).join(", ")}) and ${REAL_SERVER_NEEDS.files} distinct statement files of two banks; this run may create ${cap} (BANKCONNECT_MAX_SESSIONS), core lifecycle and seed scenarios first`,
      ...files.notes,
    );
    if (env.statementFiles.length === 0) notes.push("no BANKCONNECT_STATEMENT_FILES: every journey is skipped, so the run will be INCOMPLETE");
  }
  return { ok: true, notes, isMock };
}
