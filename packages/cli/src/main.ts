import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { AnalyzeCommandOptions } from "./commands/analyze.js";
import type { AnnotateCommandOptions } from "./commands/annotate.js";
import type { PersonasCommandOptions } from "./commands/personas.js";
import type { ReportCommandOptions } from "./commands/report.js";
import type { RunCommandOptions } from "./commands/run.js";
import type { ServeCommandOptions } from "./commands/serve.js";
import type { StatsCommandOptions } from "./commands/stats.js";
import { MAX_SEED } from "./config/limits.js";
import { ExitCode } from "./exit-codes.js";
import { configureLogging, LOG_LEVELS } from "./logging.js";
import { reportError } from "./report-error.js";
import { parseByteSize } from "./serve/limits.js";
import { CLI_VERSION } from "./version.js";

/** Reads a size flag such as `4mb` into bytes. */
function byteSize(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new InvalidArgumentError("expected a size such as 4mb, 512kb or 1000 (bytes).");
  return bytes;
}

/** Parses a whole number from `least` to `most` from a command-line value. */
function wholeNumber(least: number, most = Number.MAX_SAFE_INTEGER) {
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
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The flags `run` and `annotate` share. */
function addRunFlags(command: Command): Command {
  return command
    .option("-o, --output-dir <dir>", "write here instead of the config's output folder")
    .option("-c, --concurrency <n>", "discussions (or annotations) at once", wholeNumber(1))
    .option("--seed <n>", "the seed of the plan (replaces the config's seed)", wholeNumber(0, MAX_SEED))
    .option("-m, --model-path <path>", "a model file or hub id that replaces modelPath in every model of the config")
    .option("--dry-run", "print the plan and exit without loading a model or writing a file")
    .option("--json", "with --dry-run: print the plan as JSON")
    .option("-q, --quiet", "no progress and no summary; failures are still reported");
}

/**
 * The `syndisco` program. Each action stores its exit code in `exit`, and imports its command only when it
 * runs, so that `--help` or `view` do not load the server or the experiment code.
 */
function buildProgram(exit: { code: ExitCode }): Command {
  const program = new Command()
    .name("syndisco")
    .description(
      "Synthetic discussions between LLM personas: run, annotate, analyse, export and serve them from a config file.",
    )
    .version(CLI_VERSION)
    .addOption(
      new Option("--log-level <level>", "how much the backends and core log on stderr (warn shows their warnings)")
        .choices(LOG_LEVELS)
        .default("error"),
    )
    .showHelpAfterError("(run syndisco --help for usage)")
    .exitOverride();
  program.hook("preAction", async () => {
    await configureLogging(program.opts<{ logLevel: (typeof LOG_LEVELS)[number] }>().logLevel);
  });

  program
    .command("init")
    .description("write a commented example config (syndisco.yaml) and personas.json")
    .argument("[dir]", "the folder to write them in", ".")
    .option("-f, --force", "replace existing files")
    .action(async (dir: string, options: { force?: boolean }) => {
      const { initCommand } = await import("./commands/init.js");
      exit.code = await initCommand(dir, options);
    });

  program
    .command("personas")
    .description("draw a SynDisco persona file from a population spec (same spec and seed, same personas)")
    .argument("<spec>", "the population spec (YAML or JSON)")
    .requiredOption("-n, --count <n>", "how many personas to draw", wholeNumber(1))
    .option("--seed <n>", "the seed (one is drawn and printed when omitted)", wholeNumber(0, MAX_SEED))
    .option("-o, --out <file>", "the persona file to write (default: standard output)")
    .option("-f, --force", "replace the file when it exists")
    .option("--backstories <config>", "add a backstory to every persona, written by a model of this config")
    .option("--backstory-model <name>", "with --backstories: the key under models (default: the first)")
    .action(async (spec: string, options: PersonasCommandOptions) => {
      const { personasCommand } = await import("./commands/personas.js");
      exit.code = await personasCommand(spec, options);
    });

  addRunFlags(
    program
      .command("run")
      .description("run the config's discussions (or study), then its annotations; resumes an interrupted run")
      .argument("<config>", "the config file (YAML or JSON)")
      .option("--cells <filter>", "a study's cells to run, e.g. 'model=qwen7b,moderation=none'")
      .option("--replicates <n>", "cap every study cell at n discussions, for a quick trial", wholeNumber(1)),
  ).action(async (config: string, options: RunCommandOptions) => {
    const { runCommand } = await import("./commands/run.js");
    exit.code = await runCommand(config, options);
  });

  addRunFlags(
    program
      .command("annotate")
      .description("annotate the discussions of a run's output folder with the config's annotators")
      .argument("<config>", "the config file (YAML or JSON)")
      .option("-d, --discussions-dir <dir>", "annotate the discussions in this folder instead of <output>/discussions"),
  ).action(async (config: string, options: AnnotateCommandOptions) => {
    const { annotateCommand } = await import("./commands/annotate.js");
    exit.code = await annotateCommand(config, options);
  });

  program
    .command("export")
    .description("flatten a folder of discussion or annotation files into one CSV or JSON Lines file")
    .argument("<dir>", "a run's output folder, or a folder of discussion or annotation files")
    .addOption(new Option("--format <format>", "the file format").choices(["csv", "jsonl"]).default("csv"))
    .requiredOption("--out <file>", "the file to write")
    .option("--annotations", "export a run's annotations instead of its discussions")
    .action(async (dir: string, options: { format: "csv" | "jsonl"; out: string; annotations?: boolean }) => {
      const { exportCommand } = await import("./commands/export.js");
      exit.code = await exportCommand(dir, options);
    });

  program
    .command("stats")
    .description("agreement, invalid answers, per-comment values and breakdowns of a folder of annotations")
    .argument("<annotations-dir>", "a folder of annotation files, or a run's output folder")
    .option("-d, --discussions <dir>", "the annotated discussions, for the commenter's persona (default: the run's)")
    .option("--by <attribute...>", "break values down by these columns (sex, annot_age, annotator, message_order, …)")
    .option("--csv <file>", "also write every statistic to this CSV file")
    .option("--max-rows <n>", "rows of each per-comment table (0 for all)", wholeNumber(0), 20)
    .action(async (dir: string, options: StatsCommandOptions) => {
      const { statsCommand } = await import("./commands/stats.js");
      exit.code = await statsCommand(dir, options);
    });

  program
    .command("analyze")
    .description(
      "the measures papers report, by group: dataset, participation, diversity, annotations (CSV, LaTeX, JSON)",
    )
    .argument("<inputs...>", "folders of discussion files (a run's or a study's output), each as path or label=path")
    .requiredOption("-o, --output-dir <dir>", "the folder to write the tables into")
    .option("--by <field>", "group by a study's factor, model, folder or label (repeat for several)", collect, [])
    .option("--reference <csv>", "human discussions (conv_id, text, optional user) as one more group; label=path")
    .option("--seed <n>", "the seed of the bootstrap intervals", wholeNumber(0, MAX_SEED))
    .option("--threads <n>", "worker threads for diversity (default: all cores)", wholeNumber(1))
    .action(async (inputs: string[], options: AnalyzeCommandOptions) => {
      const { analyzeCommand } = await import("./commands/analyze.js");
      exit.code = await analyzeCommand(inputs, options);
    });

  program
    .command("report")
    .description("write one self-contained HTML report of a run: threads, annotation badges and charts")
    .argument("<dir>", "a run's output folder (with discussions/ and annotations/)")
    .requiredOption("--out <file>", "the HTML file to write (it must not exist)")
    .option("--title <title>", "the page's title")
    .action(async (dir: string, options: ReportCommandOptions) => {
      const { reportCommand } = await import("./commands/report.js");
      exit.code = await reportCommand(dir, options);
    });

  program
    .command("view")
    .description("print a discussion or annotation file readably")
    .argument("<file>", "a discussion or annotation JSON file")
    .action(async (file: string) => {
      const { viewCommand } = await import("./commands/view.js");
      exit.code = await viewCommand(file);
    });

  program
    .command("backends")
    .description("list SynDisco's backends and whether they are installed")
    .action(async () => {
      const { backendsCommand } = await import("./commands/backends.js");
      exit.code = backendsCommand();
    });

  program
    .command("serve")
    .description("serve the config's models over an OpenAI-compatible HTTP API")
    .requiredOption("--config <file>", "the config whose models are served")
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .option("--port <port>", "the port (0 picks a free one)", wholeNumber(0), 8080)
    .option("--api-key <key>", "require this bearer key (default: the SYNDISCO_API_KEY environment variable)")
    .option("-m, --model-path <path>", "a model file or hub id that replaces modelPath in every model of the config")
    .option(
      "--max-body <size>",
      "the largest request body, e.g. 512kb or 1000 (bytes); larger get 413 (default 4mb)",
      byteSize,
    )
    .option(
      "--max-queue <n>",
      "requests that may wait for each model beyond those it serves at once; more get 429 (default 256)",
      wholeNumber(0),
    )
    .action(async (options: ServeCommandOptions) => {
      const { serveCommand } = await import("./commands/serve.js");
      exit.code = await serveCommand(options);
    });

  return program;
}

/**
 * Runs the `syndisco` command with `argv` (as `process.argv`: node, script, then arguments) and returns its
 * exit code. Errors are reported on stderr as one readable message, never a stack trace.
 */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  const exit: { code: ExitCode } = { code: ExitCode.OK };
  try {
    await buildProgram(exit).parseAsync([...argv]);
    return exit.code;
  } catch (error) {
    // Commander has already printed its own usage errors; help and --version end with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
    return reportError(error);
  }
}
