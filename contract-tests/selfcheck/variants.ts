/**
 * Deliberately broken servers: each is a clean mock behind a proxy that breaks one promise of the
 * contract. The self-check runs the real suite against each and expects it to fail; `files` and
 * `grep` only narrow the run to the tests that exercise the broken operation, to keep it fast.
 */
import { jsonOf, withJson, type Mutation, type WireRequest, type WireResponse } from "./mutating-proxy.js";

export interface Variant {
  name: string;
  /** Format: a response or payload that breaks the spec. Behaviour: well-formed answers that break the meaning. */
  kind: "format" | "behaviour";
  breaks: string;
  mutation: Mutation;
  /** Suite file filters for run.ts in the quick self-check (the full one runs the whole suite). */
  files: string[];
  grep?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);

function editJson(res: WireResponse, edit: (json: Json) => boolean, status?: number): WireResponse | undefined {
  const json = jsonOf(res);
  if (!isObject(json) || !edit(json)) return undefined;
  return withJson(res, json, status);
}

const seenCompleted = new Set<string>();
const SESSION_PATH = /^\/v1\/session_data\/([^/]+)\//;
const header = (req: WireRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
/** For broken isolation: the API key that created each session. */
const owners = new Map<string, string>();

export const VARIANTS: Variant[] = [
  {
    kind: "format",
    name: "wrong-status",
    breaks: "create session answers 201 instead of the documented 200",
    files: ["seed-scenarios"],
    grep: "scenario 1",
    mutation: {
      response: (req, res) => (req.operationId === "createSession" && res.status === 200 ? { ...res, status: 201 } : undefined),
    },
  },
  {
    kind: "format",
    name: "missing-required-field",
    breaks: "upload_status omits the required `upload_status` field",
    files: ["seed-scenarios"],
    grep: "scenario 1",
    mutation: {
      response: (req, res) =>
        req.operationId === "getUploadStatus" && res.status === 200 ? editJson(res, (j) => delete j.upload_status) : undefined,
    },
  },
  {
    kind: "format",
    name: "wrong-enum-value",
    breaks: "progress reports a step as `done`, not one of processing/completed/failed",
    files: ["polling-rules"],
    mutation: {
      response: (req, res) =>
        req.operationId === "getProgress" && res.status === 200
          ? editJson(res, (j) => {
              const first = Array.isArray(j.progress) ? j.progress[0] : undefined;
              if (!isObject(first) || first.fraud_status !== "completed") return false;
              first.fraud_status = "done";
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "format",
    name: "wrong-error-code",
    breaks: "SESSION_NOT_FOUND is renamed SESSION_MISSING",
    files: ["access-errors"],
    grep: "unknown session id",
    mutation: {
      response: (_req, res) =>
        res.status === 404
          ? editJson(res, (j) => {
              if (!isObject(j.error) || j.error.code !== "SESSION_NOT_FOUND") return false;
              j.error.code = "SESSION_MISSING";
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "format",
    name: "premature-completion",
    breaks: "progress says completed while the upstream still says processing",
    files: ["polling-rules"],
    grep: "two-statement",
    mutation: {
      response: (req, res) =>
        req.operationId === "getProgress" && res.status === 200
          ? editJson(res, (j) => {
              if (j.session_progress !== "processing") return false;
              j.session_progress = "completed";
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "format",
    name: "progress-goes-back",
    breaks: "a completed session reads as processing again on the next poll",
    files: ["polling-rules"],
    grep: "stays completed",
    mutation: {
      response: (req, res) =>
        req.operationId === "getProgress" && res.status === 200
          ? editJson(res, (j) => {
              if (j.session_progress !== "completed" || typeof j.session_id !== "string") return false;
              if (!seenCompleted.has(j.session_id)) {
                seenCompleted.add(j.session_id);
                return false;
              }
              j.session_progress = "processing";
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "format",
    name: "second-202",
    breaks: "a second initiate answers 202 instead of 409 DUPLICATE_PROCESSING_REQUEST",
    files: ["illegal-transitions"],
    grep: "second initiate",
    mutation: {
      response: (req, res) => (req.operationId === "initiateProcessing" && res.status === 409 ? { ...res, status: 202 } : undefined),
    },
  },
  {
    kind: "format",
    name: "webhook-missing-field",
    breaks: "ENRICHMENT_NOTIFICATION arrives without its required `accounts`",
    files: ["webhooks"],
    grep: "completion then enrichment",
    mutation: {
      webhook: (payload) => {
        if (!isObject(payload) || payload.event_name !== "ENRICHMENT_NOTIFICATION") return undefined;
        delete payload.accounts;
        return payload;
      },
    },
  },
  {
    kind: "format",
    name: "detail-envelope",
    breaks: 'error bodies are `{"detail": …}` instead of `{"error": {"code", "message"}}`',
    files: ["illegal-transitions"],
    grep: "PROCESSING_NOT_REQUESTED \\(no upload",
    mutation: {
      response: (_req, res) => {
        if (res.status < 400) return undefined;
        const json = jsonOf(res);
        if (!isObject(json) || !isObject(json.error)) return undefined;
        return withJson(res, { detail: json.error.message });
      },
    },
  },
  {
    kind: "format",
    name: "5xx-on-bad-input",
    breaks: "invalid create-session bodies answer 500 INTERNAL_SERVER_ERROR instead of a 4xx",
    files: ["negative-inputs"],
    grep: "create-session bodies",
    mutation: {
      response: (req, res) =>
        req.operationId === "createSession" && res.status === 400
          ? withJson(res, { error: { code: "INTERNAL_SERVER_ERROR", message: "An unexpected error occurred." } }, 500)
          : undefined,
    },
  },
  {
    kind: "behaviour",
    name: "state-inconsistency",
    breaks: "session_upload_status drops the last statement that upload_status lists",
    files: ["semantics"],
    grep: "single-account",
    mutation: {
      response: (req, res) =>
        req.operationId === "getSessionUploadStatus" && res.status === 200
          ? editJson(res, (j) => {
              const accounts = Array.isArray(j.accounts) ? j.accounts : [];
              const last = accounts[accounts.length - 1];
              if (!isObject(last) || !Array.isArray(last.statements) || last.statements.length === 0) return false;
              last.statements.pop();
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "behaviour",
    name: "webhook-inconsistency",
    breaks: "ENRICHMENT_NOTIFICATION says insights_available: false while insights are served",
    files: ["semantics"],
    grep: "single-account",
    mutation: {
      webhook: (payload) => {
        if (!isObject(payload) || payload.event_name !== "ENRICHMENT_NOTIFICATION" || payload.insights_available !== true) return undefined;
        payload.insights_available = false;
        return payload;
      },
    },
  },
  {
    kind: "behaviour",
    name: "completed-with-error-code",
    breaks: "session_status gives a completed account an error code",
    files: ["semantics"],
    grep: "single-account",
    mutation: {
      response: (req, res) =>
        req.operationId === "getSessionStatus" && res.status === 200
          ? editJson(res, (j) => {
              const first = Array.isArray(j.accounts) ? j.accounts[0] : undefined;
              if (!isObject(first) || first.account_status !== "completed") return false;
              first.error_code = "MISSING_TRANSACTIONS";
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "behaviour",
    name: "wrong-bank-upload",
    breaks: "the upload answers another bank than the one the statement was filed under",
    files: ["semantics"],
    grep: "single-account",
    mutation: {
      response: (req, res) =>
        req.operationId === "uploadStatement" && res.status === 200
          ? editJson(res, (j) => {
              if (typeof j.bank_name !== "string") return false;
              j.bank_name = j.bank_name === "sbi" ? "hdfc" : "sbi";
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "behaviour",
    name: "data-not-adding-up",
    breaks: "insights shift one balance in the middle of the transactions by 100",
    files: ["semantics"],
    grep: "single-account",
    mutation: {
      response: (req, res) =>
        req.operationId === "getInsights" && res.status === 200
          ? editJson(res, (j) => {
              const first = Array.isArray(j.accounts) ? j.accounts[0] : undefined;
              const data = isObject(first) && isObject(first.data) ? first.data : undefined;
              const txns = data && Array.isArray(data.transactions) ? data.transactions : [];
              const mid = txns[Math.floor(txns.length / 2)];
              if (!isObject(mid) || typeof mid.balance !== "number") return false;
              mid.balance += 100;
              return true;
            })
          : undefined,
    },
  },
  {
    kind: "behaviour",
    name: "broken-isolation",
    breaks: "a second API key reads the first client's sessions",
    files: ["access-errors"],
    grep: "another API key",
    mutation: {
      response: (req, res) => {
        // Remember who created each session (api_key in the body, as the vendor documents).
        if (req.operationId !== "createSession" || res.status !== 200) return undefined;
        let key: unknown;
        try {
          key = (JSON.parse(req.body.toString("utf8")) as Record<string, unknown>).api_key ?? header(req, "x-api-key");
        } catch {
          key = header(req, "x-api-key");
        }
        const json = jsonOf(res);
        if (typeof key === "string" && isObject(json) && typeof json.session_id === "string") owners.set(json.session_id, key);
        return undefined;
      },
      request: (req) => {
        const id = SESSION_PATH.exec(req.apiPath)?.[1];
        const owner = id === undefined ? undefined : owners.get(decodeURIComponent(id));
        const key = header(req, "x-api-key");
        if (owner === undefined || key === undefined || key === owner) return undefined;
        return { ...req, headers: { ...req.headers, "x-api-key": owner } };
      },
    },
  },
  {
    kind: "behaviour",
    name: "delete-ignored",
    breaks: "DELETE answers 200 but the session stays",
    files: ["illegal-transitions"],
    grep: "after delete",
    mutation: {
      intercept: (req) => {
        const id = SESSION_PATH.exec(req.apiPath)?.[1];
        if (req.operationId !== "deleteSession" || !id) return undefined;
        return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, body: Buffer.from(JSON.stringify({ session_id: decodeURIComponent(id), message: "Session deleted" })) };
      },
    },
  },
  {
    kind: "behaviour",
    name: "expiry-ignored",
    breaks: "an expired session still reads IN_PROGRESS on both upload-status endpoints",
    files: ["seed-scenarios"],
    grep: "past TTL",
    mutation: {
      response: (req, res) =>
        (req.operationId === "getUploadStatus" || req.operationId === "getSessionUploadStatus") && res.status === 200
          ? editJson(res, (j) => {
              if (j.upload_status !== "EXPIRED") return false;
              j.upload_status = "IN_PROGRESS";
              return true;
            })
          : undefined,
    },
  },
];
