import { describe, expect, it } from "vitest";
import {
  extractJsonBlocks,
  extractTables,
  getPointer,
  normalise,
  repairText,
  sectionOf,
  setPointer,
  type Deviation,
} from "./extract-docs-examples.js";

const DOC = [
  "---",
  "base_url: https://example.test # front matter is not content",
  "---",
  "## Upload Status",
  "::: tip Endpoint",
  "",
  "GET **{{$page.frontmatter.base_url}}/{{$page.frontmatter.version}}/session_data/`<session_id>`/upload_status/**",
  "",
  ":::",
  "### 2. Polling:",
  "**Success Response:**",
  "",
  "```json",
  '{ "a": 1 }   ',
  "```   ",
  "```bash",
  "```json is not a fence opener inside another block",
  "```",
  "**Error Response:**",
  "```json",
  '{"error": {"code": "X"}}',
  "```",
  "## Next",
  "GET **{{$page.frontmatter.base_url}}/{{$page.frontmatter.version}}/session_data/{{session_id}}/progress/**",
  "The account_status field is explained here.",
  "|Code|\tMessage|HTTP status code|",
  "|---| ---|---|",
  '|PDF_IS_IMAGE\t|Missing dates present for {\\"Jan 2024\\": [1]}|400|',
  "",
].join("\n");

describe("extractJsonBlocks", () => {
  const blocks = extractJsonBlocks(DOC, "doc");

  it("finds only ```json blocks, skipping other fences and the front matter", () => {
    expect(blocks.map((b) => b.index)).toEqual([0, 1]);
    expect(blocks.map((b) => b.line)).toEqual([13, 20]);
  });

  it("keeps the text between the fences byte for byte, trailing spaces included", () => {
    expect(blocks[0].raw).toBe('{ "a": 1 }   \n');
  });

  it("records the headings, the nearest bold label and the endpoint above each block", () => {
    expect(sectionOf(blocks[0])).toBe("Upload Status › 2. Polling:");
    expect(blocks.map((b) => b.label)).toEqual(["Success Response:", "Error Response:"]);
    expect(blocks[0].endpoint).toEqual({ method: "GET", path: "/v1/session_data/SESSION_ID/upload_status/" });
  });

  it("rejects an unterminated fence instead of dropping the block", () => {
    expect(() => extractJsonBlocks("```json\n{}\n", "doc")).toThrow(/unterminated/);
  });
});

describe("extractTables", () => {
  const [table] = extractTables(DOC, "doc");

  it("trims cells (tabs included) and resolves markdown escapes", () => {
    expect(table.header).toEqual(["Code", "Message", "HTTP status code"]);
    expect(table.rows).toEqual([["PDF_IS_IMAGE", 'Missing dates present for {"Jan 2024": [1]}', "400"]]);
  });

  it("knows the endpoint ({{session_id}} form) and the prose above the table", () => {
    expect(table.endpoint).toEqual({ method: "GET", path: "/v1/session_data/SESSION_ID/progress/" });
    expect(table.prose).toEqual(["The account_status field is explained here."]);
    expect(table.h2).toBe("Next");
  });
});

describe("deviations", () => {
  const raw = '{\n  "a": “”,\n  "b": "x/y"\n  "c": 1\n}\n';
  const deviations: Deviation[] = [
    { kind: "curly-quotes", path: "/a", raw: '"a": “”', normalised: '"a": ""', why: "w" },
    { kind: "missing-comma", path: "/b", raw: '"b": "x/y"', normalised: '"b": "x/y",', why: "w" },
    { kind: "placeholder-enum", path: "/b", raw: "x/y", normalised: "x", alternatives: ["x", "y"], why: "w" },
  ];

  it("repairs the text, then replaces the placeholder values", () => {
    expect(() => JSON.parse(raw)).toThrow();
    expect(normalise(raw, deviations)).toEqual({ a: "", b: "x", c: 1 });
  });

  it("refuses a repair whose raw snippet is missing or ambiguous", () => {
    expect(() => repairText('"a" "a"', [{ kind: "missing-comma", path: "/a", raw: '"a"', normalised: '"a",', why: "w" }])).toThrow(/exactly once/);
    expect(() => repairText("{}", [deviations[0]])).toThrow(/exactly once/);
  });

  it("reads and replaces by JSON pointer without touching the input", () => {
    const value = { a: [{ "b/c": 1 }] };
    expect(getPointer(value, "/a/0/b~1c")).toBe(1);
    expect(setPointer(value, "/a/0/b~1c", 2)).toEqual({ a: [{ "b/c": 2 }] });
    expect(value.a[0]["b/c"]).toBe(1);
    expect(() => setPointer(value, "/a/1/x", 0)).toThrow(/No value/);
  });
});
