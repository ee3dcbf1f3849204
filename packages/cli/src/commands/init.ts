import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { InputError, writeError, writeFileAtomic } from "@syndisco/core";
import {
  EXAMPLE_CONFIG,
  EXAMPLE_CONFIG_FILE,
  EXAMPLE_PERSONAS,
  EXAMPLE_PERSONAS_FILE,
} from "../config/example-config.js";
import { EXAMPLE_POPULATION, EXAMPLE_POPULATION_FILE } from "../config/example-population.js";
import { ExitCode } from "../exit-codes.js";

/** Options of `syndisco init`. */
export interface InitOptions {
  /** Replace files that already exist. */
  force?: boolean;
}

/**
 * `syndisco init [dir]`: writes a commented example config, a persona file and a population spec into `dir`.
 *
 * @throws {@link InputError} when one of the files exists already (and `force` is not set), or the folder cannot be
 *   written; nothing is written then.
 */
export async function initCommand(dir = ".", { force = false }: InitOptions = {}): Promise<ExitCode> {
  const configFile = join(dir, EXAMPLE_CONFIG_FILE);
  const personasFile = join(dir, EXAMPLE_PERSONAS_FILE);
  const populationFile = join(dir, EXAMPLE_POPULATION_FILE);
  if (!force) {
    for (const file of [configFile, personasFile, populationFile]) {
      if (existsSync(file)) {
        throw new InputError("already exists; nothing was written", {
          file,
          fix: "Choose another folder (syndisco init my-experiment), or pass --force to replace it",
        });
      }
    }
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeError(dir, error, { problem: "cannot create the folder" });
  }
  await writeFileAtomic(configFile, EXAMPLE_CONFIG, { overwrite: force });
  await writeFileAtomic(personasFile, `${JSON.stringify(EXAMPLE_PERSONAS, null, 2)}\n`, { overwrite: force });
  await writeFileAtomic(populationFile, EXAMPLE_POPULATION, { overwrite: force });
  const shown = relative(process.cwd(), configFile) || configFile;
  process.stdout.write(
    `Wrote ${shown}, ${relative(process.cwd(), personasFile) || personasFile} and ${relative(process.cwd(), populationFile) || populationFile}.\n` +
      `Next, with the llamacpp backend installed beside syndisco (in a checkout of SynDisco it is, and these run as pnpm syndisco …;\n` +
      `the packages are not on the npm registry yet: the README says how to install them from a checkout):\n` +
      `  syndisco run ${shown} --dry-run\n  syndisco run ${shown}\n` +
      `To draw personas from a population instead of writing them: syndisco personas ${relative(process.cwd(), populationFile) || populationFile} -n 200 -o ${relative(process.cwd(), personasFile) || personasFile} --force\n`,
  );
  return ExitCode.OK;
}
