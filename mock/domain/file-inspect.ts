/**
 * What the mock can tell from an uploaded file's bytes, without a PDF parser: enough to make the
 * documented upload failures real (empty, not a PDF, password-protected, scanned, bad Base64).
 */

import { base64Bytes, includesAscii, latin1Text } from "../core/bytes.js";

const PDF_MAGIC = "%PDF-";

export type FileKind = "pdf" | "json-fixture" | "unknown";

export function fileKind(bytes: Uint8Array): FileKind {
  const head = latin1Text(bytes.subarray(0, 1024));
  if (head.startsWith(PDF_MAGIC)) return "pdf";
  const trimmed = head.trimStart();
  if (trimmed.startsWith("{") && head.includes("bankconnect_mock_statement")) return "json-fixture";
  return "unknown";
}

/** A PDF with an encryption dictionary needs its password. */
export function isEncryptedPdf(bytes: Uint8Array): boolean {
  return includesAscii(bytes, "/Encrypt");
}

/** A PDF that draws images but has no font cannot carry a text layer: a scan. */
export function isImageOnlyPdf(bytes: Uint8Array): boolean {
  const hasImage = includesAscii(bytes, "/Subtype /Image") || includesAscii(bytes, "/Subtype/Image");
  return hasImage && !includesAscii(bytes, "/Font");
}

/** Decodes standard or URL-safe Base64 (a `data:` prefix allowed), or returns null when malformed. */
export function decodeBase64(text: string): Uint8Array | null {
  const body = text.trim().replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (body.length === 0 || body.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(body)) return null;
  return base64Bytes(body);
}

/** Lower-case word tokens of a file name, for spotting a bank identifier (`sbi-march.pdf`). */
export function fileNameTokens(fileName: string): string[] {
  return fileName
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
