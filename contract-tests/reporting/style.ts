/**
 * Console styling that switches itself off: no ANSI colours when the output is not a terminal,
 * when NO_COLOR is set (https://no-color.org), or when TERM is dumb; FORCE_COLOR turns them on.
 */
export interface Style {
  enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
}

export function colourWanted(stream: NodeJS.WritableStream | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "") return true;
  if (env.TERM === "dumb") return false;
  return !!stream && (stream as NodeJS.WriteStream).isTTY === true;
}

export function createStyle(stream: NodeJS.WritableStream | undefined, env: NodeJS.ProcessEnv = process.env): Style {
  const enabled = colourWanted(stream, env);
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { enabled, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) };
}
