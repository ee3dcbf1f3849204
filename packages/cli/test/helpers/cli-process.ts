import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The built `syndisco` executable; the package's build runs before its tests. */
export const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/bin.js");

/** The repository root, for the examples. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

/** How a finished `syndisco` process ended. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli} and {@link startCli}. */
export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** A `syndisco` process that is still running. */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout+stderr; rejects if the process ends first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves when the process has ended. */
  exited: Promise<CliResult>;
}

function assertBuilt(): void {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: build the package first (pnpm --filter @syndisco/cli build)`);
}

/** Starts `node dist/bin.js ...args` with output not on a terminal (so progress comes as plain lines). */
export function startCli(args: readonly string[], { cwd, env }: CliOptions = {}): RunningCli {
  assertBuilt();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    notify();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    notify();
  });
  const exited = new Promise<CliResult>((resolveExit) => {
    child.on("close", (code, signal) => {
      notify();
      resolveExit({ code, signal, stdout, stderr });
    });
  });
  let ended = false;
  void exited.then(() => {
    ended = true;
    notify();
  });
  const waitFor = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<RegExpMatchArray>((resolveMatch, reject) => {
      const check = () => {
        const match = `${stdout}\n${stderr}`.match(pattern);
        if (match) {
          done();
          resolveMatch(match);
        } else if (ended) {
          done();
          reject(new Error(`the process ended before printing ${pattern}:\n${stdout}\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${pattern}:\n${stdout}\n${stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, waitFor, exited };
}

/** Runs `syndisco ...args` to the end. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).exited;
}
