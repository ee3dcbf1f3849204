import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import {
  drawPopulation,
  InputError,
  type Persona,
  populationSpecSchema,
  randomSeed,
  writeFileAtomic,
} from "@syndisco/core";
import { ConfigError } from "../config/config-error.js";
import { describeIssues } from "../config/describe-issue.js";
import { parseConfigText } from "../config/parse-config-text.js";
import { ExitCode } from "../exit-codes.js";
import { countOf } from "../plural.js";

/** Options of `syndisco personas`. */
export interface PersonasCommandOptions {
  /** How many personas to draw. */
  count: number;
  /** The seed; one is drawn (and printed) when omitted. */
  seed?: number;
  /** The persona file to write; standard output when omitted. */
  out?: string;
  /** Replace `out` when it exists. */
  force?: boolean;
  /** Add a backstory to every persona, written by a model of this config. */
  backstories?: string;
  /** The key under `models` of the backstory config; its first model by default. */
  backstoryModel?: string;
}

/**
 * `syndisco personas <spec>`: draws a SynDisco persona file from a population spec. The same spec, count and
 * seed give the same file; shares are met by quota.
 */
export async function personasCommand(specFile: string, options: PersonasCommandOptions): Promise<ExitCode> {
  if (options.out && !options.force && existsSync(options.out)) {
    throw new InputError("already exists; nothing was written", {
      file: options.out,
      fix: "Choose another path with -o, or pass --force to replace it",
    });
  }
  const spec = parseConfigText(await readSpec(specFile), specFile);
  // Checked here as well as in core, for the config's messages: every problem, the allowed keys, "did you mean".
  const checked = populationSpecSchema.safeParse(spec ?? {}, { reportInput: true });
  if (!checked.success) throw new ConfigError(specFile, describeIssues(checked.error.issues, populationSpecSchema));
  const seed = options.seed ?? randomSeed();
  let personas: Persona[] = drawPopulation(spec, { count: options.count, seed, file: specFile });
  if (options.backstories) {
    const { addBackstories } = await import("../personas/add-backstories.js");
    personas = await addBackstories(personas, { config: options.backstories, model: options.backstoryModel });
  }
  const text = `${JSON.stringify(
    personas.map((persona) => persona.toDict()),
    null,
    2,
  )}\n`;
  if (!options.out) {
    process.stdout.write(text);
  } else {
    await writeFileAtomic(options.out, text, { overwrite: options.force ?? false });
    process.stderr.write(`Wrote ${countOf(personas.length, "persona")} to ${options.out}\n`);
  }
  if (options.seed === undefined) {
    process.stderr.write(`Seed ${seed}: pass --seed ${seed} to draw the same personas again.\n`);
  }
  return ExitCode.OK;
}

async function readSpec(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(`cannot read the population spec (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
      file,
      fix: "Check the path; `syndisco init` writes an example population.yaml",
    });
  }
}
