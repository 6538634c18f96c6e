import type { OpenAPIV3_1 } from "openapi-types";

type Schema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject;

export const HTTP_METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface ResponseSpec {
  /** The key as written in the spec: "200", "404", "5XX". */
  status: string;
  description: string;
  contentType?: string;
  schema?: Schema;
  /** Error codes the spec allows at this status (empty for success responses). */
  codes: string[];
  /** Named examples with their values. */
  examples: Record<string, unknown>;
}

export interface RequestBodySpec {
  required: boolean;
  /** content type → schema */
  content: Record<string, Schema | undefined>;
}

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** The path template as written, e.g. `/v1/session_data/{session_id}/progress/`. */
  path: string;
  summary: string;
  pathParams: string[];
  queryParams: OpenAPIV3_1.ParameterObject[];
  /** Alternatives of required header sets; `[]` means no credentials. */
  securityHeaders: string[][];
  requestBody?: RequestBodySpec;
  responses: ResponseSpec[];
  matcher: RegExp;
}

export interface OperationIndex {
  operations: OperationSpec[];
  byId(operationId: string): OperationSpec;
  /** Finds the operation for a request path (relative to the server URL); the trailing slash is optional. */
  match(method: string, path: string): MatchResult;
  /** The response spec for an actual status: exact key first, then its range (`5XX`). */
  responseFor(op: OperationSpec, status: number): ResponseSpec | undefined;
  /** Every documented error code with its statuses and operations. */
  webhookSchemas: Map<string, Schema>;
}

export type MatchResult =
  | { kind: "found"; op: OperationSpec; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

function deref<T>(doc: OpenAPIV3_1.Document, value: T | OpenAPIV3_1.ReferenceObject): T {
  let current: unknown = value;
  for (let hops = 0; hops < 10 && current && typeof current === "object" && "$ref" in current; hops++) {
    const ref = (current as OpenAPIV3_1.ReferenceObject).$ref;
    if (!ref.startsWith("#/")) throw new Error(`Only local refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
  }
  return current as T;
}

/**
 * Collects `error.code` enums from an error schema, through `allOf` narrowing branches and `anyOf`
 * alternatives. Alternatives marked `x-drift` (forms only the vendor's pages document, which the
 * contract kit reports as drift) are not the seed's codes, so neither the catalogue nor the mock uses them.
 */
export function errorCodesOf(doc: OpenAPIV3_1.Document, schema: Schema | undefined): string[] {
  if (!schema) return [];
  const s = deref<OpenAPIV3_1.SchemaObject>(doc, schema);
  if ((s as Record<string, unknown>)["x-drift"] !== undefined) return [];
  const codes: string[] = [];
  const code = (s.properties?.error as OpenAPIV3_1.SchemaObject | undefined)?.properties?.code as OpenAPIV3_1.SchemaObject | undefined;
  if (code?.enum) codes.push(...(code.enum as string[]));
  for (const part of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) codes.push(...errorCodesOf(doc, part));
  return [...new Set(codes)];
}

function compileMatcher(path: string): { matcher: RegExp; params: string[] } {
  const params: string[] = [];
  const body = path
    .replace(/\/$/, "")
    .split("/")
    .map((seg) => {
      const m = /^\{(.+)\}$/.exec(seg);
      if (m) {
        params.push(m[1]);
        return "([^/]+)";
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { matcher: new RegExp(`^${body}/?$`), params };
}

export function buildOperationIndex(doc: OpenAPIV3_1.Document): OperationIndex {
  const operations: OperationSpec[] = [];
  const globalSecurity = doc.security ?? [];
  const schemes = doc.components?.securitySchemes ?? {};

  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref<OpenAPIV3_1.PathItemObject>(doc, rawItem as OpenAPIV3_1.PathItemObject);
    const shared = (item.parameters ?? []).map((p) => deref<OpenAPIV3_1.ParameterObject>(doc, p));
    for (const method of HTTP_METHODS) {
      const raw = item[method];
      if (!raw) continue;
      const opParams = (raw.parameters ?? []).map((p) => deref<OpenAPIV3_1.ParameterObject>(doc, p));
      const params = [...shared, ...opParams];
      const { matcher, params: pathParams } = compileMatcher(path);
      const security = raw.security ?? globalSecurity;
      const securityHeaders = security.map((requirement) =>
        Object.keys(requirement).map((name) => {
          const scheme = deref<OpenAPIV3_1.SecuritySchemeObject>(doc, schemes[name]);
          if (scheme.type !== "apiKey" || scheme.in !== "header") throw new Error(`Unsupported security scheme ${name}`);
          return scheme.name.toLowerCase();
        }),
      ).filter((alt) => alt.length > 0);
      let requestBody: RequestBodySpec | undefined;
      if (raw.requestBody) {
        const rb = deref<OpenAPIV3_1.RequestBodyObject>(doc, raw.requestBody);
        requestBody = {
          required: rb.required ?? false,
          content: Object.fromEntries(Object.entries(rb.content).map(([ct, media]) => [ct, media.schema])),
        };
      }
      const responses: ResponseSpec[] = Object.entries(raw.responses ?? {}).map(([status, r]) => {
        const res = deref<OpenAPIV3_1.ResponseObject>(doc, r);
        const [contentType, media] = Object.entries(res.content ?? {})[0] ?? [];
        const examples: Record<string, unknown> = {};
        for (const [name, ex] of Object.entries(media?.examples ?? {})) {
          examples[name] = deref<OpenAPIV3_1.ExampleObject>(doc, ex).value;
        }
        return {
          status,
          description: res.description,
          ...(contentType ? { contentType } : {}),
          ...(media?.schema ? { schema: media.schema } : {}),
          codes: errorCodesOf(doc, media?.schema),
          examples,
        };
      });
      operations.push({
        operationId: raw.operationId ?? `${method} ${path}`,
        method,
        path,
        summary: raw.summary ?? "",
        pathParams,
        queryParams: params.filter((p) => p.in === "query"),
        securityHeaders,
        ...(requestBody ? { requestBody } : {}),
        responses,
        matcher,
      });
    }
  }

  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const webhookSchemas = new Map<string, Schema>();
  for (const [event, rawItem] of Object.entries(doc.webhooks ?? {})) {
    const item = deref<OpenAPIV3_1.PathItemObject>(doc, rawItem as OpenAPIV3_1.PathItemObject);
    const body = item.post?.requestBody ? deref<OpenAPIV3_1.RequestBodyObject>(doc, item.post.requestBody) : undefined;
    const schema = body?.content["application/json"]?.schema;
    if (schema) webhookSchemas.set(event, schema);
  }

  return {
    operations,
    webhookSchemas,
    byId(operationId) {
      const op = byId.get(operationId);
      if (!op) throw new Error(`No operation ${operationId} in the spec`);
      return op;
    },
    match(method, path) {
      const lower = method.toLowerCase();
      const allowed: string[] = [];
      for (const op of operations) {
        const m = op.matcher.exec(path);
        if (!m) continue;
        if (op.method === lower) {
          const params: Record<string, string> = {};
          op.pathParams.forEach((name, i) => {
            params[name] = safeDecode(m[i + 1]);
          });
          return { kind: "found", op, params };
        }
        allowed.push(op.method.toUpperCase());
      }
      return allowed.length > 0 ? { kind: "method-not-allowed", allowed } : { kind: "not-found" };
    },
    responseFor(op, status) {
      const exact = op.responses.find((r) => r.status === String(status));
      if (exact) return exact;
      const range = `${String(status)[0]}XX`;
      return op.responses.find((r) => r.status.toUpperCase() === range);
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
