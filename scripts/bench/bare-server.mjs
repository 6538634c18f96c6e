// Baselines for the benchmark, in plain JS so they start like the built mock (no TS loader):
//   node scripts/bench/bare-server.mjs hello          -> GET / answers {"hello":"world"}
//   node scripts/bench/bare-server.mjs bytes FILE     -> every GET answers FILE's bytes as JSON
// Same Express 5 settings as the mock (no x-powered-by, no ETag), so the comparison is about the
// mock's own work (auth, spec routing, state lookup, view, journal), not framework defaults.
// Prints "bare listening on http://127.0.0.1:PORT" once listening.
import { readFileSync } from "node:fs";
import express from "express";

const [mode, file] = process.argv.slice(2);
const app = express();
app.disable("x-powered-by");
app.set("etag", false);
if (mode === "bytes") {
  const bytes = readFileSync(file);
  app.get("/{*rest}", (_req, res) => {
    res.type("json").send(bytes);
  });
} else {
  app.get("/", (_req, res) => {
    res.json({ hello: "world" });
  });
}
const port = Number(process.env.PORT ?? 0);
const server = app.listen(port, "127.0.0.1", () => {
  console.log(`bare listening on http://127.0.0.1:${server.address().port}`);
});
process.on("SIGTERM", () => process.exit(0));
