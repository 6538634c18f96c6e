/**
 * The server command: starts the mock, prints where it listens (the first line carries the URL, so
 * scripts and tests can read it when they asked for --port 0), and shuts down on SIGINT/SIGTERM.
 */
import { createMockServer } from "../http/server.js";
import type { ServerCli } from "./options.js";

export async function serve(cli: ServerCli): Promise<void> {
  const mock = createMockServer(cli.server);
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
    ].join("\n"),
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
}
