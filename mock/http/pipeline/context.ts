import type { ScenarioChoice } from "../../domain/scenario-choice.js";
import type { Scenarios } from "../../domain/scenarios.js";
import type { Contract, OperationSpec } from "../../../openapi/lib/index.js";
import type { HttpReply } from "../errors.js";
import type { FileLinks } from "../file-links.js";
import type { Handler } from "../handlers.js";
import type { UploadedFile } from "../multipart.js";
import type { OperationTraits } from "../operation-traits.js";
import type { MockServerOptions, ResolvedOptions } from "../options.js";
import type { PlainRequest } from "../plain.js";
import type { JournalNote } from "../reply.js";

/** What the steps share for the server's lifetime. */
export interface PipelineDeps {
  contract: Contract;
  scenarios: Scenarios;
  /** As given: `apiKey` and `serverHash` are only enforced when set. */
  options: MockServerOptions;
  resolved: ResolvedOptions;
  handlers: Record<string, Handler>;
  fileLinks: FileLinks;
  /** Draws for the configured failure share of faults. */
  faultRandom: () => number;
}

/**
 * One API request on its way through the steps; each step reads what earlier ones filled in. The
 * request is transport-free (plain.ts): the Express adapter and the MSW adapter both build one.
 */
export interface RequestContext {
  req: PlainRequest;
  /** What the journal learns on the way (operation, tenant, error code). */
  note: JournalNote;
  op: OperationSpec;
  params: Record<string, string>;
  traits: OperationTraits;
  /** The API key the request acts for, once credentials are checked. */
  tenant?: string;
  /** Parsed JSON body or form fields; `{}` until the body step. */
  body: Record<string, unknown>;
  files: UploadedFile[];
  /** Set once the body step starts reading: from then on the body readers own the stream. */
  bodyStarted?: boolean;
  /** What `x-mock-scenario` chose for the domain, once the scenario step ran. */
  scenario?: ScenarioChoice;
}

/** A step answers (a reply), lets the request go on, or cuts the connection without an answer. */
export type StepOutcome = HttpReply | "continue" | "drop";

export type Step = (ctx: RequestContext, deps: PipelineDeps) => StepOutcome | Promise<StepOutcome>;

/** The upload envelope's session id: the one the body names, once it is read. */
export function sessionIdOf(ctx: RequestContext): { session_id: string } {
  return { session_id: typeof ctx.body.session_id === "string" ? ctx.body.session_id : "" };
}
