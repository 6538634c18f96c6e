/**
 * Deliberately broken servers: each is a clean mock behind a proxy that breaks one promise of the
 * contract. The self-check runs the real suite against each and expects it to fail; `files` and
 * `grep` only narrow the run to the tests that exercise the broken operation, to keep it fast.
 */
import { jsonOf, withJson, type Mutation, type WireResponse } from "./mutating-proxy.js";

export interface Variant {
  name: string;
  breaks: string;
  mutation: Mutation;
  /** Suite file filters for run.ts. */
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

export const VARIANTS: Variant[] = [
  {
    name: "wrong-status",
    breaks: "create session answers 201 instead of the documented 200",
    files: ["seed-scenarios"],
    grep: "scenario 1",
    mutation: {
      response: (req, res) => (req.operationId === "createSession" && res.status === 200 ? { ...res, status: 201 } : undefined),
    },
  },
  {
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
    name: "second-202",
    breaks: "a second initiate answers 202 instead of 409 DUPLICATE_PROCESSING_REQUEST",
    files: ["illegal-transitions"],
    grep: "second initiate",
    mutation: {
      response: (req, res) => (req.operationId === "initiateProcessing" && res.status === 409 ? { ...res, status: 202 } : undefined),
    },
  },
  {
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
];
