import { indexOfBytes, latin1Bytes, latin1Text, utf8Text } from "../core/bytes.js";

/**
 * multipart/form-data over bytes already in memory, with no Node API: the Express adapter and the
 * MSW adapter (in a browser) hand the same bytes to the same parser and get the same form. The rules
 * are busboy's, which the mock used before: a part with a filename or of type
 * application/octet-stream is a file (its name reduced to the base name), any other part a UTF-8
 * field, the last of equal names wins, and parts past the count limits are ignored.
 */

export interface UploadedFile {
  field: string;
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export type FormBody =
  | { kind: "ok"; fields: Record<string, string>; files: UploadedFile[] }
  | { kind: "too-large" }
  | { kind: "malformed"; message: string };

export interface MultipartLimits {
  /** Largest file and largest field value, in bytes. */
  size: number;
  files?: number;
  fields?: number;
  parts?: number;
}

const CRLF = latin1Bytes("\r\n");
const HEADER_END = latin1Bytes("\r\n\r\n");

export function parseMultipart(contentType: string, body: Uint8Array, limits: MultipartLimits): FormBody {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return { kind: "malformed", message: "Multipart: Boundary not found" };
  const maxFiles = limits.files ?? 5;
  const maxFields = limits.fields ?? 50;
  const maxParts = limits.parts ?? 60;
  const delimiter = latin1Bytes(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  let tooLarge = false;
  let parts = 0;

  // The first delimiter may follow a preamble; every later one follows a CRLF.
  let at = indexOfBytes(body, delimiter);
  if (at < 0) return { kind: "malformed", message: "Unexpected end of form" };
  at += delimiter.length;
  const next = latin1Bytes(`\r\n--${boundary}`);
  for (;;) {
    // After a delimiter: "--" closes the form, CRLF opens a part.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    if (at >= body.length) return { kind: "malformed", message: "Unexpected end of form" };
    while (body[at] === 0x20 || body[at] === 0x09) at++;
    if (body[at] !== CRLF[0] || body[at + 1] !== CRLF[1]) return { kind: "malformed", message: "Malformed part header" };
    at += 2;
    const headerEnd = indexOfBytes(body, HEADER_END, at);
    // A part with no headers starts with the blank line directly.
    const bare = body[at] === CRLF[0] && body[at + 1] === CRLF[1];
    if (!bare && headerEnd < 0) return { kind: "malformed", message: "Malformed part header" };
    const headerText = bare ? "" : latin1Text(body.subarray(at, headerEnd));
    const contentStart = bare ? at + 2 : headerEnd + 4;
    const contentEnd = indexOfBytes(body, next, contentStart);
    if (contentEnd < 0) return { kind: "malformed", message: "Unexpected end of form" };
    at = contentEnd + next.length;

    parts += 1;
    if (parts > maxParts) continue;
    const headers = parseHeaders(headerText);
    if (headers === null) return { kind: "malformed", message: "Malformed part header" };
    const disposition = headers.get("content-disposition");
    if (disposition === undefined) continue;
    const disp = parseParams(disposition);
    if (disp.type !== "form-data") continue;
    const name = disp.params.get("name");
    const fileName = disp.params.get("filename*") ?? disp.params.get("filename");
    const type = headers.get("content-type");
    const mimeType = type ? (type.split(";")[0].trim().toLowerCase() || "text/plain") : "text/plain";
    const content = body.subarray(contentStart, contentEnd);

    if (mimeType === "application/octet-stream" || fileName !== undefined) {
      if (files.length >= maxFiles) continue;
      if (content.length > limits.size) {
        tooLarge = true;
        continue;
      }
      files.push({ field: name ?? "", fileName: fileName === undefined ? "" : baseName(fileName), mimeType, bytes: content.slice() });
    } else {
      if (Object.keys(fields).length >= maxFields || name === undefined) continue;
      if (content.length > limits.size) tooLarge = true;
      fields[name] = utf8Text(content.subarray(0, limits.size));
    }
  }
  return tooLarge ? { kind: "too-large" } : { kind: "ok", fields, files };
}

function boundaryOf(contentType: string): string | undefined {
  const { type, params } = parseParams(contentType);
  if (type !== "multipart/form-data") return undefined;
  const b = params.get("boundary");
  return b === undefined || b === "" || b.length > 200 ? undefined : b;
}

function parseHeaders(text: string): Map<string, string> | null {
  const headers = new Map<string, string>();
  if (text === "") return headers;
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    const key = line.slice(0, colon).trim().toLowerCase();
    // The first occurrence counts, as in busboy.
    if (!headers.has(key)) headers.set(key, line.slice(colon + 1).trim());
  }
  return headers;
}

/** `type; a=b; c="d e"` → the lower-cased type and its parameters (quoted strings unescaped). */
function parseParams(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const semi = value.indexOf(";");
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  let i = semi < 0 ? value.length : semi + 1;
  while (i < value.length) {
    while (value[i] === " " || value[i] === "\t" || value[i] === ";") i++;
    const eq = value.indexOf("=", i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    let v = "";
    if (value[i] === '"') {
      i++;
      while (i < value.length && value[i] !== '"') {
        // Only \\ and \" are escapes (busboy's rule); any other backslash is kept as written.
        if (value[i] === "\\" && (value[i + 1] === "\\" || value[i + 1] === '"')) i++;
        v += value[i++];
      }
      i++;
    } else {
      const end = value.indexOf(";", i);
      v = value.slice(i, end < 0 ? value.length : end).trim();
      i = end < 0 ? value.length : end;
    }
    if (key.endsWith("*")) v = decodeExtended(v);
    if (key !== "" && !params.has(key)) params.set(key, v);
  }
  return { type, params };
}

/** RFC 5987 `charset'lang'percent-encoded`; UTF-8 and Latin-1 are the charsets browsers send. */
function decodeExtended(v: string): string {
  const m = /^([^']*)'[^']*'(.*)$/.exec(v);
  if (!m) return v;
  const bytes: number[] = [];
  for (let i = 0; i < m[2].length; i++) {
    if (m[2][i] === "%" && /^[0-9a-fA-F]{2}$/.test(m[2].slice(i + 1, i + 3))) {
      bytes.push(parseInt(m[2].slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(m[2].charCodeAt(i) & 0xff);
    }
  }
  const raw = Uint8Array.from(bytes);
  return m[1].toLowerCase() === "utf-8" ? utf8Text(raw) : latin1Text(raw);
}

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const name = cut < 0 ? path : path.slice(cut + 1);
  return name === "." || name === ".." ? "" : name;
}
