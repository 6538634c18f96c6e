import { Readable } from "node:stream";
import busboy from "busboy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMultipart, type FormBody } from "./multipart.js";

/** busboy, configured as the mock configured it before the parser was written: the reference. */
function viaBusboy(contentType: string, body: Uint8Array, limit: number): Promise<FormBody> {
  return new Promise((resolve) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: { "content-type": contentType }, limits: { fileSize: limit, fieldSize: limit, files: 5, fields: 50, parts: 60 } });
    } catch (err) {
      resolve({ kind: "malformed", message: (err as Error).message });
      return;
    }
    const fields: Record<string, string> = {};
    const files: Array<{ field: string; fileName: string; mimeType: string; bytes: Uint8Array }> = [];
    let tooLarge = false;
    let settled = false;
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated) tooLarge = true;
      fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => (tooLarge = true));
      stream.on("end", () => {
        if (!tooLarge) files.push({ field: name, fileName: info.filename ?? "", mimeType: info.mimeType, bytes: new Uint8Array(Buffer.concat(chunks)) });
      });
    });
    bb.on("error", (err: Error) => {
      if (!settled) resolve({ kind: "malformed", message: err.message });
      settled = true;
    });
    bb.on("close", () => {
      if (!settled) resolve(tooLarge ? { kind: "too-large" } : { kind: "ok", fields, files });
      settled = true;
    });
    Readable.from([Buffer.from(body)]).pipe(bb);
  });
}

async function encode(form: FormData): Promise<{ contentType: string; body: Uint8Array }> {
  const req = new Request("http://x/", { method: "POST", body: form });
  return { contentType: req.headers.get("content-type") ?? "", body: new Uint8Array(await req.arrayBuffer()) };
}

const LIMIT = 64;

describe("multipart parser matches busboy", () => {
  it("on forms a browser builds: text fields, files with and without names, binary bytes, limits", async () => {
    const field = fc.record({ name: fc.constantFrom("session_id", "upload_type", "bank_name", "x y", "naïve"), value: fc.string({ maxLength: 80 }) });
    const file = fc.record({
      name: fc.constantFrom("file", "other"),
      fileName: fc.constantFrom("statement.pdf", "a/b/sbi-march.pdf", "C:\\docs\\hdfc.pdf", "quote\"d.pdf", ""),
      type: fc.constantFrom("application/pdf", "application/octet-stream", "text/plain", ""),
      bytes: fc.uint8Array({ maxLength: 100 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(field, file), { maxLength: 8 }), async (parts) => {
        const form = new FormData();
        for (const p of parts) {
          if ("value" in p) form.append(p.name, p.value);
          else form.append(p.name, new Blob([p.bytes], p.type ? { type: p.type } : {}), p.fileName);
        }
        const { contentType, body } = await encode(form);
        expect(parseMultipart(contentType, body, { size: LIMIT })).toEqual(await viaBusboy(contentType, body, LIMIT));
      }),
      { numRuns: 150 },
    );
  });

  it("on hand-written bodies: preamble, a part without a filename of type octet-stream, header-less parts", async () => {
    const ct = "multipart/form-data; boundary=XyZ";
    const bodies = [
      "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n",
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nContent-Type: application/octet-stream\r\n\r\nBYTES\r\n--XyZ--",
      "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''%E2%82%B9.pdf\r\n\r\n%PDF-\r\n--XyZ--",
      "--XyZ\r\nContent-Disposition: attachment; name=\"skip\"\r\n\r\nno\r\n--XyZ\r\nContent-Disposition: form-data; name=\"keep\"\r\n\r\nyes\r\n--XyZ--",
    ];
    for (const text of bodies) {
      const body = new TextEncoder().encode(text);
      expect(parseMultipart(ct, body, { size: LIMIT }), text).toEqual(await viaBusboy(ct, body, LIMIT));
    }
  });

  it("says what is wrong with a broken body instead of guessing", async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(parseMultipart("multipart/form-data", enc("--x\r\n"), { size: LIMIT })).toEqual({ kind: "malformed", message: "Multipart: Boundary not found" });
    expect(parseMultipart("multipart/form-data; boundary=x", enc("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"), { size: LIMIT })).toEqual({
      kind: "malformed",
      message: "Unexpected end of form",
    });
    expect(parseMultipart("multipart/form-data; boundary=x", enc(""), { size: LIMIT }).kind).toBe("malformed");
  });
});
