import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { isErrnoException, writeFileAtomic } from "../util/atomic-write.js";
import { VERSION } from "../version.js";
import type { StudyCell, StudyFactor, StudySet } from "./design.js";

/** The manifest's name, in the study's output folder beside `discussions/`. */
export const MANIFEST_FILE = "study.json";

/** One cell as the manifest lists it. */
export interface ManifestCell extends StudyCell {
  /** The cell's folder, relative to the study's output folder. */
  folder: string;
  /** The fingerprint of the cell's experiment (its plan), as its folder's `.syndisco/plan.json` records it. */
  fingerprint: string;
  /** `false` for a cell of an earlier design that the current one no longer has (its files are kept). */
  inDesign: boolean;
}

/** `study.json`: the study's seed, design and cells, rewritten at the start of every run. */
export interface StudyManifest {
  format: "syndisco-study";
  formatVersion: 1;
  seed: number;
  factors: StudyFactor[];
  sets: { name: string; replicates: number }[];
  cells: ManifestCell[];
  updatedAt: string;
  syndiscoVersion: string;
}

/**
 * Reads the manifest an earlier run left in the output folder.
 *
 * @returns `undefined` when there is none (a new study).
 * @throws {@link InputError} naming the file when it is not a study manifest.
 */
export async function readManifest(outputDir: string): Promise<StudyManifest | undefined> {
  const file = join(outputDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (isErrnoException(error) && (error.code === "ENOENT" || error.code === "ENOTDIR")) return undefined;
    throw error;
  }
  let data: Partial<StudyManifest>;
  try {
    data = JSON.parse(text) as Partial<StudyManifest>;
  } catch {
    data = {};
  }
  if (data.format !== "syndisco-study" || typeof data.seed !== "number" || !Array.isArray(data.cells)) {
    throw new InputError("not a SynDisco study manifest", {
      file,
      fix: "Use a new output folder for the study",
    });
  }
  return data as StudyManifest;
}

/** Writes the manifest: the current design's cells, then the earlier design's cells it no longer has. */
export async function writeManifest(
  outputDir: string,
  content: { seed: number; factors: readonly StudyFactor[]; sets: readonly StudySet[]; cells: ManifestCell[] },
  earlier: StudyManifest | undefined,
): Promise<void> {
  const current = new Set(content.cells.map((cell) => cell.id));
  const retired = (earlier?.cells ?? [])
    .filter((cell) => !current.has(cell.id))
    .map((cell) => ({ ...cell, inDesign: false }));
  const manifest: StudyManifest = {
    format: "syndisco-study",
    formatVersion: 1,
    seed: content.seed,
    factors: content.factors.map(({ name, levels }) => ({ name, levels: [...levels] })),
    sets: content.sets.map(({ name, replicates }) => ({ name, replicates })),
    cells: [...content.cells, ...retired],
    updatedAt: new Date().toISOString(),
    syndiscoVersion: VERSION,
  };
  await writeFileAtomic(join(outputDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
    overwrite: true,
  });
}
