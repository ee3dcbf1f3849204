import { Command, CommanderError, Option } from "commander";
import {
  addRunFlags,
  byteSize,
  collect,
  forceOption,
  lazyAction,
  modelPathOption,
  seedOption,
  wholeNumber,
} from "./command-options.js";
import { ExitCode } from "./exit-codes.js";
import { configureLogging, LOG_LEVELS } from "./logging.js";
import { reportError } from "./report-error.js";
import { CLI_VERSION } from "./version.js";

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
    .addOption(forceOption("replace existing files"))
    .action(lazyAction(exit, async () => (await import("./commands/init.js")).initCommand));

  program
    .command("personas")
    .description("draw a SynDisco persona file from a population spec (same spec and seed, same personas)")
    .argument("<spec>", "the population spec (YAML or JSON)")
    .requiredOption("-n, --count <n>", "how many personas to draw", wholeNumber(1))
    .addOption(seedOption("the seed (one is drawn and printed when omitted)"))
    .option("-o, --out <file>", "the persona file to write (default: standard output)")
    .addOption(forceOption("replace the file when it exists"))
    .option("--backstories <config>", "add a backstory to every persona, written by a model of this config")
    .option("--backstory-model <name>", "with --backstories: the key under models (default: the first)")
    .action(lazyAction(exit, async () => (await import("./commands/personas.js")).personasCommand));

  addRunFlags(
    program
      .command("run")
      .description("run the config's discussions (or study), then its annotations; resumes an interrupted run")
      .argument("<config>", "the config file (YAML or JSON)")
      .option("--cells <filter>", "a study's cells to run, e.g. 'model=qwen7b,moderation=none'")
      .option("--replicates <n>", "cap every study cell at n discussions, for a quick trial", wholeNumber(1)),
  ).action(lazyAction(exit, async () => (await import("./commands/run.js")).runCommand));

  addRunFlags(
    program
      .command("annotate")
      .description(
        "annotate the discussions of a run's output folder (every cell of a study) with the config's annotators",
      )
      .argument("<config>", "the config file (YAML or JSON)")
      .option("-d, --discussions-dir <dir>", "annotate the discussions in this folder instead of <output>/discussions")
      .option("--cells <filter>", "a study's cells to annotate, e.g. 'model=qwen7b,moderation=none'"),
  ).action(lazyAction(exit, async () => (await import("./commands/annotate.js")).annotateCommand));

  program
    .command("export")
    .description("flatten a folder of discussion or annotation files into one CSV or JSON Lines file")
    .argument("<dir>", "a run's output folder, or a folder of discussion or annotation files")
    .addOption(new Option("--format <format>", "the file format").choices(["csv", "jsonl"]).default("csv"))
    .requiredOption("--out <file>", "the file to write")
    .option("--annotations", "export a run's annotations instead of its discussions")
    .option(
      "-d, --discussions <dir>",
      "the discussions that SynDisco 2.2 annotation files annotate (default: the run's)",
    )
    .action(lazyAction(exit, async () => (await import("./commands/export.js")).exportCommand));

  program
    .command("stats")
    .description("agreement, invalid answers, per-comment values and breakdowns of a folder of annotations")
    .argument("<annotations-dir>", "a folder of annotation files, or a run's output folder")
    .option("-d, --discussions <dir>", "the annotated discussions, for the commenter's persona (default: the run's)")
    .option("--by <attribute...>", "break values down by these columns (sex, annot_age, annotator, message_order, …)")
    .option("--csv <file>", "also write every statistic to this CSV file")
    .option("--max-rows <n>", "rows of each per-comment table (0 for all)", wholeNumber(0), 20)
    .action(lazyAction(exit, async () => (await import("./commands/stats.js")).statsCommand));

  program
    .command("analyze")
    .description(
      "the measures papers report, by group: dataset, participation, diversity, annotations (CSV, LaTeX, JSON)",
    )
    .argument("<inputs...>", "folders of discussion files (a run's or a study's output), each as path or label=path")
    .requiredOption("-o, --output-dir <dir>", "the folder to write the tables into")
    .option("--by <field>", "group by a study's factor, model, folder or label (repeat for several)", collect, [])
    .option("--reference <csv>", "human discussions (conv_id, text, optional user) as one more group; label=path")
    .addOption(seedOption("the seed of the bootstrap intervals"))
    .option("--threads <n>", "worker threads for diversity (default: all cores)", wholeNumber(1))
    .action(lazyAction(exit, async () => (await import("./commands/analyze.js")).analyzeCommand));

  program
    .command("report")
    .description("write one self-contained HTML report of a run: threads, annotation badges and charts")
    .argument("<dir>", "a run's output folder (with discussions/ and annotations/)")
    .requiredOption("--out <file>", "the HTML file to write (it must not exist)")
    .option("--title <title>", "the page's title")
    .action(lazyAction(exit, async () => (await import("./commands/report.js")).reportCommand));

  program
    .command("view")
    .description("print a discussion or annotation file readably")
    .argument("<file>", "a discussion or annotation JSON file")
    .option("-d, --discussions <dir>", "the discussions that a SynDisco 2.2 annotation file annotates")
    .action(lazyAction(exit, async () => (await import("./commands/view.js")).viewCommand));

  program
    .command("backends")
    .description("list SynDisco's backends and whether they are installed")
    .action(lazyAction(exit, async () => (await import("./commands/backends.js")).backendsCommand));

  program
    .command("serve")
    .description("serve the config's models over an OpenAI-compatible HTTP API")
    .requiredOption("--config <file>", "the config whose models are served")
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .option("--port <port>", "the port (0 picks a free one)", wholeNumber(0), 8080)
    .option("--api-key <key>", "require this bearer key (default: the SYNDISCO_API_KEY environment variable)")
    .addOption(modelPathOption())
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
    .action(lazyAction(exit, async () => (await import("./commands/serve.js")).serveCommand));

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
