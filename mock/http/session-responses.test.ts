import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenAPIV3_1 } from "openapi-types";
import { CONTROL_SPEC_PATH, formatIssues, getContract } from "../../openapi/lib/index.js";
import { createTestMock, type SpecClient, type TestMock } from "../testing/spec-client.js";
import { READ_OPERATIONS } from "./control.js";

const control = getContract(CONTROL_SPEC_PATH);
const schema = (control.doc.components?.schemas as Record<string, OpenAPIV3_1.SchemaObject>).SessionResponses;

let t: TestMock;
let a: SpecClient;
beforeEach(() => {
  t = createTestMock({ seed: "responses-test" });
  a = t.client("tenant-resp");
});
afterEach(() => t.close());

type Entry = { operation_id: (typeof READ_OPERATIONS)[number]; status: number; body: unknown; path: string; method: string };

async function responses(sid: string, query = ""): Promise<Entry[]> {
  const res = await a.control("get", `/sessions/${sid}/responses${query}`);
  expect(res.status).toBe(200);
  const valid = control.schemas.validateSchema(schema, res.body);
  expect(valid.ok ? [] : formatIssues(valid.errors)).toEqual([]);
  return res.body.responses as Entry[];
}

/** get_pdfs links name the origin the request came to; supertest gives every request its own port. */
const sameOrigin = (body: unknown) => JSON.parse(JSON.stringify(body).replace(/http:\/\/127\.0\.0\.1:\d+/g, "ORIGIN")) as unknown;

/** Every entry must be what the API answers for the same read at the same moment. */
async function expectSameAsApi(sid: string, entries: Entry[]): Promise<void> {
  for (const e of entries) {
    const real = await a.read(e.operation_id, sid);
    expect({ op: e.operation_id, status: e.status, body: sameOrigin(e.body) }).toEqual({ op: e.operation_id, status: real.status, body: sameOrigin(real.body) });
  }
}

describe("GET /__mock/sessions/{id}/responses", () => {
  it("answers what each read operation answers now, before processing, while processing and after", async () => {
    const sid = await a.newSession();
    let entries = await responses(sid);
    expect(entries.map((e) => e.operation_id)).toEqual([...READ_OPERATIONS]);
    expect(entries.find((e) => e.operation_id === "getProgress")).toMatchObject({ status: 400, method: "GET", path: `/bank-connect/v1/session_data/${sid}/progress/` });
    await expectSameAsApi(sid, entries);

    expect((await a.upload(sid)).status).toBe(200);
    expect((await a.initiate(sid)).status).toBe(202);
    entries = await responses(sid);
    expect(entries.find((e) => e.operation_id === "getInsights")?.status).toBe(400);
    await expectSameAsApi(sid, entries);

    t.clock.advance(3000);
    entries = await responses(sid);
    expect(entries.every((e) => e.status === 200)).toBe(true);
    await expectSameAsApi(sid, entries);
  });

  it("includes only the operations asked for, refuses unknown ones, and stays out of the journal", async () => {
    const sid = await a.newSession();
    const entries = await responses(sid, "?operations=getProgress,getUploadStatus");
    expect(entries.map((e) => e.operation_id)).toEqual(["getProgress", "getUploadStatus"]);
    const bad = await a.control("get", `/sessions/${sid}/responses?operations=getNothing`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("getNothing");
    expect(t.mock.journal.list("tenant-resp").map((e) => e.operation_id)).toEqual(["createSession"]);
  });

  it("answers 404 for another tenant's session and 410 once deleted", async () => {
    const sid = await a.newSession();
    expect((await t.client("someone-else").control("get", `/sessions/${sid}/responses`)).status).toBe(404);
    await a.deleteSession(sid);
    expect((await a.control("get", `/sessions/${sid}/responses`)).status).toBe(410);
  });
});

describe("DELETE /__mock/sessions/{id}", () => {
  it("deletes through the same domain command as the API: reads then answer 410 SESSION_DELETED", async () => {
    const sid = await a.newSession();
    await a.upload(sid);
    const res = await a.control("delete", `/sessions/${sid}`);
    expect(res.status).toBe(200);
    const valid = control.schemas.validateComponent("SessionDetail", res.body);
    expect(valid.ok ? [] : formatIssues(valid.errors)).toEqual([]);
    expect(res.body).toMatchObject({ session_id: sid, phase: "DELETED", statement_count: 0 });
    const read = await a.read("getUploadStatus", sid);
    expect(read.status).toBe(410);
    expect((await a.control("delete", `/sessions/${sid}`)).status).toBe(410);
    expect((await t.client("other").control("delete", `/sessions/${sid}`)).status).toBe(404);
  });
});
