import { readdir, readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { readSidecar } from "../export/read-output-file.js";
import { META_SUFFIX, sidecarPathOf } from "../formats/sidecar-22.js";
import { readJournal } from "./journal.js";
import { unitOutputFile } from "./state-paths.js";

/**
 * The ids of the units whose output file exists and holds their finished output, and the number of units.
 *
 * @param checkOutput - throws unless `data` (a parsed output file, with its parsed sidecar `NAME.meta.json` when
 *   there is one: a SynDisco 2.2 file keeps the unit's id there) is a finished output of `unit`.
 * @throws {@link InputError} naming the output file that is not valid JSON.
 */
export async function findFinishedUnits<Unit extends { id: string }>(
  outputDir: string,
  units: Iterable<Unit>,
  checkOutput: (data: unknown, file: string, unit: Unit, sidecar: unknown) => void,
): Promise<{ done: Set<string>; total: number }> {
  const present = new Set(await readdir(outputDir));
  const done = new Set<string>();
  let total = 0;
  for (const unit of units) {
    total += 1;
    if (!present.has(`${unit.id}.json`)) continue;
    const file = unitOutputFile(outputDir, unit.id);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new InputError(`the output file is not valid JSON (${(error as Error).message})`, {
        file,
        fix: "Delete it and run the experiment again to redo this unit",
      });
    }
    const sidecar = present.has(`${unit.id}${META_SUFFIX}`) ? await readSidecar(sidecarPathOf(file)) : undefined;
    checkOutput(data, file, unit, sidecar);
    done.add(unit.id);
  }
  return { done, total };
}

/** The units that the journal records as finished (or found finished). */
export async function journaledUnits(journalFile: string): Promise<Set<string>> {
  const units = new Set<string>();
  for (const record of await readJournal(journalFile)) {
    if (record.event === "unit-finished" || record.event === "unit-found") units.add(record.unit);
  }
  return units;
}
