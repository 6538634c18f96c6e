/**
 * Structural guarantees of openapi/bankconnect.yaml that the mock, the contract suite and the
 * generated files rely on: the 13 operations of the research note, strict-clean schemas, examples
 * that validate, one named example per error code, the error envelope, servers, security per
 * operation, the three webhooks, and the generated types.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { OpenAPIV3_1 } from "openapi-types";
import { getContract, REPO_ROOT } from "./lib/index.js";

type Schema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject;

const contract = getContract();
const { doc, operations, schemas } = contract;

function deref<T>(value: T | OpenAPIV3_1.ReferenceObject): T {
  let current: unknown = value;
  while (current && typeof current === "object" && "$ref" in current) {
    const ref = (current as OpenAPIV3_1.ReferenceObject).$ref;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    if (current === undefined) throw new Error(`Unresolved ${ref}`);
  }
  return current as T;
}

/**
 * The 13 operations of the research note (vendor-api-beyond-the-seeds.md, "Endpoints"), with the
 * document each one comes from as the spec cites it.
 */
const RESEARCH_OPERATIONS = [
  { method: "post", path: "/v1/session/", operationId: "createSession", sources: ["vendor:submit-data"] },
  { method: "post", path: "/v1/statement/upload_session/", operationId: "uploadStatement", sources: ["vendor:submit-data-backend"] },
  { method: "post", path: "/v1/session_data/update_webhook/", operationId: "updateWebhook", sources: ["seed-000"] },
  { method: "get", path: "/v1/session_data/{session_id}/upload_status/", operationId: "getUploadStatus", sources: ["seed-000"] },
  { method: "get", path: "/v1/session_data/{session_id}/session_upload_status/", operationId: "getSessionUploadStatus", sources: ["vendor:upload-status"] },
  { method: "post", path: "/v1/session_data/{session_id}/initiate_processing/", operationId: "initiateProcessing", sources: ["seed-000"] },
  { method: "get", path: "/v1/session_data/{session_id}/progress/", operationId: "getProgress", sources: ["seed-000"] },
  { method: "get", path: "/v1/session_data/{session_id}/session_status/", operationId: "getSessionStatus", sources: ["seed-000", "seed-002"] },
  { method: "get", path: "/v1/session_data/{session_id}/insights/", operationId: "getInsights", sources: ["seed-000"] },
  { method: "get", path: "/v1/session_data/{session_id}/subscribed_data/", operationId: "getSubscribedData", sources: ["seed-002"] },
  { method: "get", path: "/v1/session_data/{session_id}/get_pdfs/", operationId: "getPdfs", sources: ["vendor:management"] },
  { method: "delete", path: "/v1/session_data/{session_id}/delete/", operationId: "deleteSession", sources: ["Postman collection"] },
  { method: "get", path: "/v1/banks/catalogue/", operationId: "getBanksCatalogue", sources: ["vendor:management"] },
] as const;

const WEBHOOK_EVENTS = ["ENRICHMENT_NOTIFICATION", "SESSION_EXPIRY_NOTIFICATION", "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION"];

function rawOperation(method: string, path: string): OpenAPIV3_1.OperationObject {
  const item = doc.paths?.[path] as Record<string, OpenAPIV3_1.OperationObject> | undefined;
  const op = item?.[method];
  if (!op) throw new Error(`No ${method.toUpperCase()} ${path} in the spec`);
  return op;
}

/** Every media type of the spec that carries examples, with the schema they must satisfy. */
interface MediaSite {
  where: string;
  schema: Schema | undefined;
  media: OpenAPIV3_1.MediaTypeObject;
}
function mediaSites(): MediaSite[] {
  const sites: MediaSite[] = [];
  const visit = (label: string, op: OpenAPIV3_1.OperationObject) => {
    if (op.requestBody) {
      const rb = deref<OpenAPIV3_1.RequestBodyObject>(op.requestBody);
      for (const [ct, media] of Object.entries(rb.content)) sites.push({ where: `${label} request ${ct}`, schema: media.schema, media });
    }
    for (const [status, r] of Object.entries(op.responses ?? {})) {
      const res = deref<OpenAPIV3_1.ResponseObject>(r);
      for (const [ct, media] of Object.entries(res.content ?? {})) sites.push({ where: `${label} ${status} ${ct}`, schema: media.schema, media });
    }
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, unknown>)) {
      if (["get", "post", "put", "patch", "delete"].includes(method)) visit(`${method.toUpperCase()} ${path}`, op as OpenAPIV3_1.OperationObject);
    }
  }
  for (const [event, item] of Object.entries(doc.webhooks ?? {})) {
    const post = deref<OpenAPIV3_1.PathItemObject>(item as OpenAPIV3_1.PathItemObject).post;
    if (post) visit(`webhook ${event}`, post);
  }
  return sites;
}

const namedExamples = mediaSites().flatMap((site) => [
  ...Object.entries(site.media.examples ?? {}).map(([name, ex]) => ({
    name: `${site.where} examples.${name}`,
    schema: site.schema,
    value: deref<OpenAPIV3_1.ExampleObject>(ex).value as unknown,
  })),
  ...(site.media.example !== undefined ? [{ name: `${site.where} example`, schema: site.schema, value: site.media.example as unknown }] : []),
]);

describe("operations", () => {
  it("are exactly the 13 operations of the research note", () => {
    expect(operations.operations.map((op) => op.operationId).sort()).toEqual(RESEARCH_OPERATIONS.map((o) => o.operationId).sort());
  });

  it.each(RESEARCH_OPERATIONS.map((o) => [o.operationId, o] as const))(
    "%s: documented method and path, a summary, and a description naming its source document",
    (_id, expected) => {
      const raw = rawOperation(expected.method, expected.path);
      expect(raw.operationId).toBe(expected.operationId);
      expect(raw.summary?.trim().length ?? 0).toBeGreaterThan(0);
      const description = raw.description ?? "";
      expect(description.trimStart().startsWith("Source:"), description.slice(0, 60)).toBe(true);
      const sourceLine = description.trimStart().split("\n")[0];
      for (const source of expected.sources) expect(sourceLine).toContain(source);
      // The router finds it under a concrete path, with and without the trailing slash.
      const concrete = expected.path.replace("{session_id}", "8d5ea22b-216a-4fe2-90da-65d1c67c8964");
      for (const path of [concrete, concrete.replace(/\/$/, "")]) {
        const m = operations.match(expected.method, path);
        expect(m.kind === "found" ? m.op.operationId : m.kind, path).toBe(expected.operationId);
      }
    },
  );
});

describe("component schemas", () => {
  it("all 62 compile under Ajv 2020 in strict mode", () => {
    const names = schemas.componentNames();
    expect(names).toHaveLength(62);
    expect(schemas.compileAll()).toEqual(names);
  });

  it("are valid against the JSON Schema 2020-12 meta-schema", () => {
    expect(schemas.metaSchemaErrors()).toEqual([]);
  });

  it("are compiled by a strict Ajv: an unknown keyword is refused, not ignored", () => {
    expect(() => schemas.validateSchema({ type: "string", "x-undeclared": true, maxLenght: 3 } as OpenAPIV3_1.SchemaObject, "x")).toThrow(/strict mode/);
  });
});

describe("named examples", () => {
  it("exist (request, response and webhook examples)", () => {
    expect(namedExamples.length).toBeGreaterThan(100);
  });

  it.each(namedExamples.map((e) => [e.name, e] as const))("%s validates against its schema", (_name, e) => {
    expect(e.schema, "example without a schema").toBeDefined();
    expect(schemas.validateSchema(e.schema as Schema, e.value)).toEqual({ ok: true });
  });

  it("every components/examples entry is used by some response or request (so it is validated above)", () => {
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [k, v] of Object.entries(node)) {
          if (k === "$ref" && typeof v === "string") refs.add(v);
          else walk(v);
        }
      }
    };
    walk(doc.paths);
    walk(doc.webhooks);
    walk(doc.components?.responses);
    const unused = Object.keys(doc.components?.examples ?? {}).filter((name) => !refs.has(`#/components/examples/${name}`));
    expect(unused).toEqual([]);
  });
});

const errorResponses = operations.operations.flatMap((op) =>
  op.responses.filter((r) => /^[45]/.test(r.status)).map((r) => ({ name: `${op.operationId} ${r.status}`, op, res: r })),
);

describe("error responses", () => {
  it.each(errorResponses.map((e) => [e.name, e] as const))("%s: one named example per code in its enum, carrying that code", (_name, { res }) => {
    expect(res.codes.length).toBeGreaterThan(0);
    expect(Object.keys(res.examples).sort()).toEqual([...res.codes].sort());
    for (const code of res.codes) {
      const example = res.examples[code] as { error?: { code?: string; message?: string } } | undefined;
      expect(example?.error?.code, code).toBe(code);
      expect(example?.error?.message?.length ?? 0, code).toBeGreaterThan(0);
    }
  });

  it.each(errorResponses.map((e) => [e.name, e] as const))("%s: uses the error envelope", (_name, { op, res }) => {
    expect(res.contentType).toBe("application/json");
    const outer = deref<OpenAPIV3_1.SchemaObject>(res.schema as Schema);
    // Where the vendor's pages document another form, the seed's form is the first alternative (the
    // others carry `x-drift`, see openapi/lib/drift.ts).
    const schema = (outer.anyOf?.[0] ?? outer) as OpenAPIV3_1.SchemaObject;
    for (const alt of outer.anyOf?.slice(1) ?? []) expect(JSON.stringify(deref<OpenAPIV3_1.SchemaObject>(alt as Schema))).toContain('"x-drift"');
    const base = (schema.allOf?.[0] ?? res.schema) as OpenAPIV3_1.ReferenceObject;
    const envelopes = op.operationId === "uploadStatement" ? ["ErrorEnvelope", "UploadErrorResponse"] : ["ErrorEnvelope"];
    expect(envelopes.map((n) => `#/components/schemas/${n}`)).toContain(base.$ref);
    // A body without `error`, or with a code outside the enum, is not this response.
    const missing = schemas.validateSchema(res.schema as Schema, { message: "x" });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => e.path)).toContain("/error");
    expect(schemas.validateSchema(res.schema as Schema, { error: { code: "NOT_A_DOCUMENTED_CODE", message: "x" } }).ok).toBe(false);
  });

  it("answers the seed's 409 for DUPLICATE_PROCESSING_REQUEST", () => {
    const res = operations.responseFor(operations.byId("initiateProcessing"), 409);
    expect(res?.codes).toEqual(["DUPLICATE_PROCESSING_REQUEST"]);
    expect(operations.byId("initiateProcessing").responses.filter((r) => r.codes.includes("DUPLICATE_PROCESSING_REQUEST")).map((r) => r.status)).toEqual(["409"]);
  });
});

describe("servers and security", () => {
  it("lists the production URL and the local mock", () => {
    expect((doc.servers ?? []).map((s) => s.url)).toEqual(["https://apis.bankconnect.finbox.in/bank-connect", "http://127.0.0.1:4010/bank-connect"]);
  });

  it("defines x-api-key and server-hash as header API keys", () => {
    const schemes = doc.components?.securitySchemes ?? {};
    expect(schemes.apiKey).toMatchObject({ type: "apiKey", in: "header", name: "x-api-key" });
    expect(schemes.serverHash).toMatchObject({ type: "apiKey", in: "header", name: "server-hash" });
  });

  const sorted = (alts: string[][]) => alts.map((a) => [...a].sort());

  it("upload needs x-api-key only", () => {
    expect(sorted(operations.byId("uploadStatement").securityHeaders)).toEqual([["x-api-key"]]);
  });

  it("createSession needs no header: the api_key travels in the body", () => {
    expect(rawOperation("post", "/v1/session/").security).toEqual([]);
    expect(operations.byId("createSession").securityHeaders).toEqual([]);
    const body = deref<OpenAPIV3_1.SchemaObject>({ $ref: "#/components/schemas/CreateSessionRequest" });
    expect(body.properties?.api_key).toMatchObject({ type: "string" });
  });

  it.each(RESEARCH_OPERATIONS.filter((o) => !["createSession", "uploadStatement"].includes(o.operationId)).map((o) => [o.operationId] as const))(
    "%s needs x-api-key and server-hash",
    (id) => {
      expect(sorted(operations.byId(id).securityHeaders)).toEqual([["server-hash", "x-api-key"]]);
    },
  );
});

describe("webhooks", () => {
  it("are the three documented events, each with a payload schema", () => {
    expect(Object.keys(doc.webhooks ?? {}).sort()).toEqual(WEBHOOK_EVENTS);
    expect([...operations.webhookSchemas.keys()].sort()).toEqual(WEBHOOK_EVENTS);
  });

  it.each(WEBHOOK_EVENTS.map((e) => [e] as const))("%s: POST with the optional x-secret-key header and an event_name fixed to the event", (event) => {
    const post = deref<OpenAPIV3_1.PathItemObject>(doc.webhooks?.[event] as OpenAPIV3_1.PathItemObject).post;
    expect(post).toBeDefined();
    const headers = (post?.parameters ?? []).map((p) => deref<OpenAPIV3_1.ParameterObject>(p)).filter((p) => p.in === "header");
    expect(headers.map((h) => ({ name: h.name.toLowerCase(), required: h.required ?? false }))).toEqual([{ name: "x-secret-key", required: false }]);
    expect(Object.keys(deref<OpenAPIV3_1.ResponseObject>(post?.responses?.["200"] as OpenAPIV3_1.ResponseObject) ?? {})).toContain("description");
    const schema = operations.webhookSchemas.get(event) as Schema;
    const payload = deref<OpenAPIV3_1.SchemaObject>(schema);
    expect((payload.properties?.event_name as OpenAPIV3_1.SchemaObject | undefined)?.const).toBe(event);
  });
});

describe("generated types (openapi/generated/bankconnect.ts)", () => {
  const source = readFileSync(resolve(REPO_ROOT, "openapi/generated/bankconnect.ts"), "utf8");
  // Code only: comments and string literal types cannot hold an `any` type.
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '""');

  it.each(schemas.componentNames().map((n) => [n] as const))("exports a type for %s", (name) => {
    expect(code).toMatch(new RegExp(`^export (type|interface) ${name}\\b`, "m"));
  });

  it("contains no `any`", () => {
    expect(code.match(/\bany\b/g) ?? []).toEqual([]);
  });
});
