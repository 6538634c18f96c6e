/**
 * `bankconnect-mock`: the server by default, plus sub-commands for a person at a terminal next to
 * a running mock (scenarios, trigger, deliveries). Sub-commands and the server are imported when
 * chosen, so `--help` or `scenarios` never loads Express or the spec.
 */
import { Command, CommanderError } from "commander";
import { packageVersion } from "../../openapi/lib/assets.js";
import { ControlError, addControlOptions } from "./control-client.js";
import type { DeliveriesValues } from "./deliveries-command.js";
import { addServerOptions, resolveServerOptions, UsageError, type ServerCli } from "./options.js";
import type { TriggerValues } from "./trigger-command.js";

export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: CliIo = { env: process.env, out: (l) => console.log(l), err: (l) => console.error(l) };

/** The server command's options alone, parsed without side effects (for tests and embedding). */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv): ServerCli {
  const command = addServerOptions(new Command("bankconnect-mock"))
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} })
    .allowExcessArguments(false);
  try {
    command.parse(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) throw new UsageError(err.message.replace(/^error: /, ""));
    throw err;
  }
  return resolveServerOptions(command.opts(), env);
}

/** Runs an action, turning a bad value into commander's usage error and an unreachable mock into one line. */
async function guarded(command: Command, io: CliIo, action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (err) {
    if (err instanceof UsageError) command.error(`error: ${err.message}`, { exitCode: 2, code: "bankconnect.usage" });
    if (err instanceof ControlError) {
      io.err(`error: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

export function buildProgram(io: CliIo = defaultIo): Command {
  const program = new Command("bankconnect-mock")
    .description("An offline, stateful BankConnect mock: the API under /bank-connect, its control API under /__mock.")
    .version(packageVersion(), "-v, --version")
    .enablePositionalOptions()
    .showHelpAfterError("(add --help for every option)");
  addServerOptions(program)
    .addHelpText(
      "after",
      [
        "",
        "Every option is also an environment variable (shown above); a flag wins over its variable.",
        "",
        "Examples:",
        "  $ bankconnect-mock                          # http://127.0.0.1:4010, API base /bank-connect",
        "  $ bankconnect-mock --port 0 --clock manual  # any free port; time moves only via POST /__mock/clock/advance",
        "  $ bankconnect-mock scenarios                # every scenario with a recipe",
        "  $ bankconnect-mock trigger expire --session $SID --api-key dev-key",
        "  $ bankconnect-mock deliveries --follow --api-key dev-key",
      ].join("\n"),
    )
    .action(async (_opts, command: Command) => {
      await guarded(command, io, async () => {
        const cli = resolveServerOptions(command.opts(), io.env);
        const { serve } = await import("./serve.js");
        await serve(cli);
      });
    });

  program
    .command("scenarios")
    .description("List every scenario, statement code and journey, with one recipe each (no mock needed)")
    .option("--json", "Print the catalogue as JSON")
    .action(async (opts: { json?: boolean }, command: Command) => {
      await guarded(command, io, async () => {
        const { runScenarios } = await import("./scenarios-command.js");
        runScenarios(opts, io.out);
      });
    });

  addControlOptions(
    program
      .command("trigger")
      .description("Fire a webhook event or force a transition on a session of a running mock")
      .argument("<event|transition>", "SESSION_REQUIREMENT_COMPLETION_NOTIFICATION, ENRICHMENT_NOTIFICATION, SESSION_EXPIRY_NOTIFICATION, or expire, complete_upload, finish_processing, fail_account, set_scenario")
      .requiredOption("--session <id>", "The session_id")
      .option("--error-code <code>", "fail_account: the account-level code the accounts fail with")
      .option("--scenario <name>", "set_scenario: the session scenario (before the first upload)")
      .option("--json", "Print the control API's answer as JSON"),
  ).action(async (name: string, opts: TriggerValues, command: Command) => {
    await guarded(command, io, async () => {
      const { runTrigger } = await import("./trigger-command.js");
      await runTrigger(name, opts, io.env, io.out);
    });
  });

  addControlOptions(
    program
      .command("deliveries")
      .description("Show the webhook delivery log of a running mock; --follow keeps printing new deliveries and retries")
      .option("--session <id>", "Only this session's deliveries")
      .option("-f, --follow", "Keep polling and print each new delivery and each change")
      .option("--interval <ms>", "Polling interval with --follow (default 1000)")
      .option("--limit <n>", "Newest deliveries to read per poll (default 100)")
      .option("--json", "One JSON object per line"),
  ).action(async (opts: DeliveriesValues, command: Command) => {
    await guarded(command, io, async () => {
      const { runDeliveries } = await import("./deliveries-command.js");
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        await runDeliveries(opts, io.env, io.out, stop.signal);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
  });

  return program;
}

export async function runMockCli(argv: string[] = process.argv, io: CliIo = defaultIo): Promise<void> {
  await buildProgram(io).parseAsync(argv);
}
