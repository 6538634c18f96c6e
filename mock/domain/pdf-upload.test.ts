import { describe, expect, it } from "vitest";
import type { PdfFacts } from "../pdf/facts.js";
import { ok } from "./failure.js";
import { createPdfUploads, type PdfReadInput } from "./pdf-upload.js";

type Input = PdfReadInput & { label: string };
const pdf = (label: string): Input => ({ label, uploadType: "PDF", file: { bytes: new Uint8Array(Buffer.from(`%PDF-1.4\n% ${label}\n`)) } });
const unreadable: PdfFacts = { kind: "unreadable", reason: "test" };

/** A reader whose reads finish only when the test says so. */
function manualReader() {
  const pending = new Map<string, (facts: PdfFacts) => void>();
  const reads: string[] = [];
  const readPdf = (bytes: Uint8Array): Promise<PdfFacts> => {
    const label = Buffer.from(bytes).toString("latin1").split("% ")[1].trim();
    reads.push(label);
    return new Promise((resolve) => pending.set(label, resolve));
  };
  return { readPdf, reads, finish: (label: string) => pending.get(label)?.(unreadable) };
}

describe("createPdfUploads", () => {
  it("applies one session's uploads in arrival order even when a later read finishes first", async () => {
    const reader = manualReader();
    const applied: string[] = [];
    const upload = createPdfUploads<Input, string>({
      readPdf: reader.readPdf,
      upload: (_tenant, _sid, input) => {
        applied.push(input.label);
        return ok(input.label);
      },
    });
    const first = upload("t", "s1", pdf("slow"));
    const second = upload("t", "s1", pdf("fast"));
    expect(reader.reads).toEqual(["slow", "fast"]);
    reader.finish("fast");
    await new Promise((r) => setImmediate(r));
    expect(applied).toEqual([]);
    reader.finish("slow");
    expect(await first).toEqual(ok("slow"));
    expect(await second).toEqual(ok("fast"));
    expect(applied).toEqual(["slow", "fast"]);
  });

  it("does not make another session wait", async () => {
    const reader = manualReader();
    const applied: string[] = [];
    const upload = createPdfUploads<Input, string>({ readPdf: reader.readPdf, upload: (_t, _s, input) => (applied.push(input.label), ok(input.label)) });
    void upload("t", "s1", pdf("blocked"));
    const other = upload("t", "s2", pdf("other"));
    reader.finish("other");
    expect(await other).toEqual(ok("other"));
    expect(applied).toEqual(["other"]);
  });

  it("hands the facts to the command, reads only PDF bytes, and decodes Base64 first", async () => {
    const seen: Array<[string, PdfFacts | undefined]> = [];
    const readBytes: string[] = [];
    const upload = createPdfUploads<Input, null>({
      readPdf: async (bytes) => (readBytes.push(Buffer.from(bytes).toString("latin1")), unreadable),
      upload: (_t, _s, input) => (seen.push([input.label, input.pdfFacts]), ok(null)),
    });
    await upload("t", "s", pdf("plain"));
    await upload("t", "s", { label: "json", uploadType: "PDF", file: { bytes: new Uint8Array(Buffer.from('{"bankconnect_mock_statement":1}')) } });
    await upload("t", "s", { label: "b64", uploadType: "BASE64", file: { bytes: new Uint8Array(Buffer.from(Buffer.from("%PDF-1.7\n% b64\n").toString("base64"))) } });
    expect(seen).toEqual([["plain", unreadable], ["json", undefined], ["b64", unreadable]]);
    expect(readBytes).toEqual(["%PDF-1.4\n% plain\n", "%PDF-1.7\n% b64\n"]);
  });

  it("turns a reader that throws into an unreadable file instead of a failed request", async () => {
    const upload = createPdfUploads<Input, PdfFacts | undefined>({
      readPdf: () => Promise.reject(new Error("boom")),
      upload: (_t, _s, input) => ok(input.pdfFacts),
    });
    expect(await upload("t", "s", pdf("x"))).toEqual(ok({ kind: "unreadable", reason: "Error: boom" }));
  });
});
