/**
 * The server command: starts the mock, prints where it listens (the first line carries the URL, so
 * scripts and tests can read it when they asked for --port 0), and shuts down on SIGINT/SIGTERM.
 */
import { createMockServer, StateFileError, type MockServer } from "../http/server.js";
import type { ServerCli } from "./options.js";

export async function serve(cli: ServerCli): Promise<void> {
  let mock: MockServer;
  try {
    mock = createMockServer(cli.server);
  } catch (err) {
    // A corrupt or incompatible state file is refused with its reason and left as it is.
    if (err instanceof StateFileError) {
      console.error(`error: cannot load the state file: ${err.message}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
  let listening;
  try {
    listening = await mock.listen(cli.port, cli.host);
  } catch (err) {
    await mock.close();
    console.error(`error: cannot listen on ${cli.host}:${cli.port}: ${(err as Error).message}`);
    process.exitCode = 1;
    return;
  }
  const o = mock.options;
  console.log(
    [
      `BankConnect mock listening on ${listening.url}`,
      `  API base:   ${listening.url}/bank-connect  (e.g. POST ${listening.url}/bank-connect/v1/session/)`,
      `  seed:       ${o.seed}   processing: ${o.processingMs} ms   session TTL: ${o.sessionTtlMinutes} min`,
      o.control ? `  scenarios:  ${listening.url}/__mock/scenarios   control API: ${listening.url}/__mock/` : "  control API: off (--no-control)",
      o.control ? `  dashboard:  ${listening.url}/__mock/ui/` : "",
      `  CORS:       ${o.corsOrigins === null ? "off (--no-cors)" : o.corsOrigins.length === 0 ? "any origin" : o.corsOrigins.join(", ")}`,
      o.control
        ? o.controlToken !== null
          ? "  control token: required on /__mock (x-mock-control-token or Authorization: Bearer)"
          : "  control token: none (loopback only; set --control-token to listen elsewhere)"
        : "",
      o.stateFile !== null ? `  state file: ${o.stateFile} (loaded at start, saved on change and on shutdown)` : "",
      o.publicUrl !== null ? `  public URL: ${o.publicUrl}` : "",
    ]
      .filter((line) => line !== "")
      .join("\n"),
  );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: shutting down`);
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    void mock.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  // Under `npm start` a killed npm does not always pass its signal on, and the server would live on
  // as an orphan holding the port: when the process that started us goes away, shut down too.
  if (process.env.npm_lifecycle_event !== undefined) watchParent(() => shutdown("parent process exited"));
}

/** Calls `gone` once the parent process has exited (we were re-parented). Polls; never keeps the process alive. */
export function watchParent(gone: () => void, everyMs = 1000): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      gone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
