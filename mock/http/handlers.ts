import type { BanksCatalogueResponse } from "../../openapi/generated/bankconnect.js";
import { bankCatalogue } from "../data/index.js";
import type { Clock } from "../core/clock.js";
import { fail, ok, type Result } from "../domain/failure.js";
import type { CreateSessionInput, Lifecycle, UploadInput, UploadOutcome } from "../domain/lifecycle.js";
import type { ScenarioChoice } from "../domain/scenario-choice.js";
import type { Session, StatementState } from "../domain/session.js";
import {
  insightsView,
  pdfsView,
  progressView,
  sessionStatusView,
  subscribedDataView,
  uploadResponseView,
  uploadStatusView,
} from "../domain/views.js";
import type { WebhookDispatcher } from "../webhooks/dispatcher.js";
import { WEBHOOK_EVENTS } from "../webhooks/events.js";
import { latin1Bytes } from "../core/bytes.js";
import type { UploadedFile } from "./multipart.js";

export interface HandlerContext {
  tenant: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body, or the text fields of a form. */
  body: Record<string, unknown>;
  files: UploadedFile[];
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** What `x-mock-scenario` chose for the domain (resolved in pipeline/mock-scenario.ts). */
  scenario?: ScenarioChoice;
  /** `http://host:port`, for links the response hands out. */
  origin: string;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type Handler = (ctx: HandlerContext) => Result<Reply> | Promise<Result<Reply>>;

export interface HandlerDeps {
  lifecycle: Lifecycle;
  /** The upload command with the PDF read first (domain/pdf-upload.ts). */
  upload: (tenant: string, sessionId: string, input: UploadInput) => Promise<Result<UploadOutcome>>;
  /** The tenant's own virtual clock. */
  clockFor: (tenant: string) => Clock;
  webhooks: WebhookDispatcher;
  /** Secret echoed as x-secret-key when update_webhook does not send one. */
  defaultWebhookSecret?: string;
  /** A signed, expiring link to a stored file, on the origin the request came to. */
  signLink: (st: StatementState, expiresAt: number, origin: string) => string;
}

const CREATE_FIELDS = [
  "link_id",
  "redirect_url",
  "from_date",
  "to_date",
  "bank_name",
  "mode",
  "session_expiry",
  "journey_mode",
  "aa_journey_mode",
  "aa_recurring_frequency_unit",
  "aa_recurring_frequency_value",
] as const satisfies ReadonlyArray<keyof CreateSessionInput>;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** One handler per operationId: translate, call the domain, pick the view. Nothing else. */
export function createHandlers(deps: HandlerDeps): Record<string, Handler> {
  const { lifecycle, clockFor } = deps;

  /** Looks up the session and checks it has reached the phase a read needs. */
  function processed(ctx: HandlerContext, needResult: boolean): Result<Session> {
    const found = lifecycle.getSession(ctx.tenant, ctx.params.session_id);
    if (!found.ok) return found;
    const s = found.value;
    if (!s.processing) return fail("PROCESSING_NOT_REQUESTED");
    if (needResult && !s.result) return fail("PROCESSING_NOT_COMPLETED");
    return found;
  }

  const banks = bankCatalogue();
  const catalogue: BanksCatalogueResponse = { count: banks.length, banks };

  return {
    createSession(ctx) {
      const b = ctx.body;
      // The body has passed the spec's schema, so the fields have the documented types.
      const input = Object.fromEntries(CREATE_FIELDS.filter((k) => b[k] !== undefined).map((k) => [k, b[k]])) as unknown as CreateSessionInput;
      const created = lifecycle.createSession(ctx.tenant, input, ctx.scenario?.kind === "session" ? ctx.scenario.scenario : undefined);
      if (!created.ok) return created;
      const s = created.value;
      return ok({
        status: 200,
        body: { session_id: s.id, redirect_url: `${ctx.origin}/bank-connect/journey/?session_id=${s.id}` },
      });
    },

    async uploadStatement(ctx) {
      const f = ctx.body;
      const file = ctx.files.find((x) => x.field === "file");
      const textFile = str(f.file);
      const uploaded = await deps.upload(ctx.tenant, str(f.session_id) ?? "", {
        uploadType: f.upload_type === "BASE64" ? "BASE64" : "PDF",
        ...(file
          ? { file: { bytes: file.bytes, fileName: file.fileName, mimeType: file.mimeType } }
          : textFile !== undefined
            ? { file: { bytes: latin1Bytes(textFile), fileName: "statement.txt", mimeType: "text/plain" } }
            : {}),
        ...(str(f.file_url) !== undefined ? { fileUrl: str(f.file_url) as string } : {}),
        ...(str(f.bank_name) !== undefined ? { bankName: str(f.bank_name) as string } : {}),
        ...(str(f.pdf_password) !== undefined ? { pdfPassword: str(f.pdf_password) as string } : {}),
        ...(ctx.scenario?.kind === "statement" ? { scenario: ctx.scenario.scenario } : {}),
      });
      if (!uploaded.ok) return uploaded;
      const { session, statement, account } = uploaded.value;
      return ok({ status: 200, body: uploadResponseView(session, statement, account, ctx.query.identity !== "false") });
    },

    updateWebhook(ctx) {
      const b = ctx.body;
      const refused = lifecycle.admitTenant(ctx.tenant);
      if (refused) return fail("SERVICE_UNAVAILABLE", refused);
      // The older integer form: 1 subscribes to every event, 0 to none.
      const mode = b.webhook_mode === undefined || b.webhook_mode === 1 ? [...WEBHOOK_EVENTS] : b.webhook_mode === 0 ? [] : b.webhook_mode;
      const result = deps.webhooks.configure(ctx.tenant, {
        webhook_url: b.webhook_url,
        webhook_mode: mode,
        secret: b.webhook_secret ?? deps.defaultWebhookSecret,
      });
      if (!result.ok) {
        return result.field === "webhook_url"
          ? fail("INVALID_URL", `webhook_url, ${result.message}`)
          : fail("INVALID_REQUEST", `${result.field === "secret" ? "webhook_secret" : result.field}, ${result.message}`);
      }
      return ok({ status: 200, body: { message: "success" } });
    },

    getUploadStatus(ctx) {
      const found = lifecycle.getSession(ctx.tenant, ctx.params.session_id);
      if (!found.ok) return found;
      return ok({ status: 200, body: uploadStatusView(found.value, clockFor(ctx.tenant).now()) });
    },

    getSessionUploadStatus(ctx) {
      if (ctx.params.session_id.trim() === "") return fail("KEY_REQUIRED");
      const found = lifecycle.getSession(ctx.tenant, ctx.params.session_id);
      if (!found.ok) return found;
      return ok({ status: 200, body: uploadStatusView(found.value, clockFor(ctx.tenant).now()) });
    },

    initiateProcessing(ctx) {
      const started = lifecycle.initiateProcessing(ctx.tenant, ctx.params.session_id);
      if (!started.ok) return started;
      return ok({ status: 202, body: { session_id: started.value.id, message: "success" } });
    },

    getProgress(ctx) {
      const found = processed(ctx, false);
      if (!found.ok) return found;
      return ok({ status: 200, body: progressView(found.value, clockFor(ctx.tenant).now()) });
    },

    getSessionStatus(ctx) {
      const found = processed(ctx, true);
      if (!found.ok) return found;
      return ok({ status: 200, body: sessionStatusView(found.value) });
    },

    getInsights(ctx) {
      const found = processed(ctx, true);
      if (!found.ok) return found;
      return ok({ status: 200, body: insightsView(found.value) });
    },

    getSubscribedData(ctx) {
      const found = processed(ctx, true);
      if (!found.ok) return found;
      return ok({ status: 200, body: subscribedDataView(found.value) });
    },

    getPdfs(ctx) {
      const found = lifecycle.getSession(ctx.tenant, ctx.params.session_id);
      if (!found.ok) return found;
      return ok({ status: 200, body: pdfsView(found.value, clockFor(ctx.tenant).now(), (st, expiresAt) => deps.signLink(st, expiresAt, ctx.origin)) });
    },

    deleteSession(ctx) {
      const deleted = lifecycle.deleteSession(ctx.tenant, ctx.params.session_id);
      if (!deleted.ok) return deleted;
      return ok({ status: 200, body: { session_id: deleted.value.id, message: "success" } });
    },

    getBanksCatalogue() {
      return ok({ status: 200, body: catalogue });
    },
  };
}
