import { type Command, InvalidArgumentError, Option } from "commander";
import { MAX_SEED } from "./config/limits.js";
import type { ExitCode } from "./exit-codes.js";
import { parseByteSize } from "./serve/limits.js";

/** Reads a size flag such as `4mb` into bytes. */
export function byteSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new InvalidArgumentError("expected a size such as 4mb, 512kb or 1000 (bytes).");
  return bytes;
}

/** Parses a whole number from `least` to `most` from a command-line value. */
export function wholeNumber(least: number, most = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < least || number > most) {
      throw new InvalidArgumentError(
        most === Number.MAX_SAFE_INTEGER
          ? `expected a whole number of at least ${least}.`
          : `expected a whole number from ${least} to ${most}.`,
      );
    }
    return number;
  };
}

/** Collects a repeated option's values. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--seed <n>`, a whole number that a config's seed may hold too. */
export function seedOption(description: string): Option {
  return new Option("--seed <n>", description).argParser(wholeNumber(0, MAX_SEED));
}

/** `-m, --model-path <path>`, of the commands that load a config's models. */
export function modelPathOption(): Option {
  return new Option(
    "-m, --model-path <path>",
    "a model file or hub id that replaces modelPath in every model of the config",
  );
}

/** `-f, --force`, of the commands that refuse to replace a file unless told. */
export function forceOption(description: string): Option {
  return new Option("-f, --force", description);
}

/** The flags `run` and `annotate` share. */
export function addRunFlags(command: Command): Command {
  return command
    .option("-o, --output-dir <dir>", "write here instead of the config's output folder")
    .option("-c, --concurrency <n>", "discussions (or annotations) at once", wholeNumber(1))
    .addOption(seedOption("the seed of the plan (replaces the config's seed)"))
    .addOption(modelPathOption())
    .option("--dry-run", "print the plan and exit without loading a model or writing a file")
    .option("--json", "with --dry-run: print the plan as JSON")
    .option("-q, --quiet", "no progress and no summary; failures are still reported");
}

/** A command's implementation: its arguments, then its options; it returns the exit code. */
type CommandFunction<Args extends unknown[]> = (...args: Args) => ExitCode | Promise<ExitCode>;

/**
 * The action of a command whose code is imported only when it runs (so that `--help` or `view` do not load
 * the server or the experiment code), storing its exit code in `exit`. Commander passes the arguments, the
 * options and then the `Command` itself, which the command functions do not take.
 */
export function lazyAction<Args extends unknown[]>(
  exit: { code: ExitCode },
  load: () => Promise<CommandFunction<Args>>,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    const run = await load();
    exit.code = await run(...(args.slice(0, -1) as Args));
  };
}
