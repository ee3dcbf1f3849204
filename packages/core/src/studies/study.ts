import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { DiscussionExperiment, type DiscussionExperimentOptions } from "../experiments/discussion-experiment.js";
import { ExperimentSeed } from "../experiments/experiment-options.js";
import { differingKeys } from "../experiments/fingerprint.js";
import { readPlanFile } from "../experiments/plan-file.js";
import { statePaths } from "../experiments/state-paths.js";
import type { FileFormat } from "../formats/discussion-file.js";
import { requireFileFormat } from "../jobs/write-output.js";
import { randomSeed } from "../random.js";
import { matchesFilter } from "./cell-id.js";
import { expandDesign, type StudyCell, type StudyFactor, type StudySet } from "./design.js";
import { readManifest } from "./manifest.js";
import { runStudy } from "./run-study.js";
import type { CellSelection, ModelLookup, StudyRunOptions, StudySummary } from "./study-events.js";

/** What a cell's experiment is made of; the study adds the number of discussions, the seed and the levels. */
export type CellSetup = Omit<DiscussionExperimentOptions, "numDiscussions" | "seed" | "metadata" | "format">;

/** Options of {@link Study}. */
export interface StudyOptions {
  /** The factors, in the order cell ids name them. */
  factors: readonly StudyFactor[];
  /** The sets of cells; a cell that two sets produce runs once. */
  sets: readonly StudySet[];
  /** Builds the setup of a cell's experiment from its levels, over the models `model` gives. */
  cellSetup(cell: StudyCell, model: ModelLookup): CellSetup;
  /** The keys of the models a cell uses, its main model first; cells are scheduled by their main model. */
  cellModels(cell: StudyCell): string[];
  /** The seed of every cell's plan. When omitted, one is drawn and kept in `study.json` for reruns. */
  seed?: number;
  /** How many cells run at once (while their model is loaded). Default 1. */
  concurrency?: number;
  /**
   * The format of every cell's discussion files: `"syndisco-2.0"` (default) or `"syndisco-2.2"` (what SynDisco
   * 2.2 writes, with our keys, the cell's levels included, in a sidecar `NAME.meta.json` beside each file).
   */
  format?: FileFormat;
}

/** One cell's plan, as a dry run shows it. */
export interface CellPlan {
  cell: StudyCell;
  /** The cell's folder. */
  folder: string;
  /** Discussions this run would take on (the cell's replicates, capped by `maxReplicates`). */
  discussions: number;
  /** Of those, how many have their file already. */
  done: number;
  fingerprint: string;
  /** The settings that differ from the plan the cell's folder holds, when it holds another one. */
  changed?: string[];
}

/**
 * A study: many discussion experiments, one per cell of a factorial design, each in its own folder named by
 * its levels, with a `study.json` manifest beside them. Cells are run model by model (each model loaded
 * once), every discussion file records its cell's levels, and running the study again finishes every cell:
 * each cell has its own fingerprint, so adding a level runs only the new cells, and a cell whose setup
 * changed is refused with what changed.
 *
 * @example
 * ```ts
 * const study = new Study({
 *   factors: [{ name: "model", levels: ["small", "large"] }, { name: "moderation", levels: ["none", "strict"] }],
 *   sets: [{ name: "main", replicates: 30 }],
 *   cellModels: (cell) => [cell.levels.model],
 *   cellSetup: (cell, model) => ({ users: personas.map((persona) => new Actor({ model: model(cell.levels.model), persona, context, instructions })),
 *     ...(cell.levels.moderation === "strict" ? { moderator: makeModerator(model(cell.levels.model)) } : {}) }),
 *   seed: 42,
 * });
 * await study.begin({ outputDir: "./study", loadModel: (key) => LlamaCppModel.load({ modelPath: files[key] }) });
 * ```
 */
export class Study {
  readonly factors: readonly StudyFactor[];
  readonly sets: readonly StudySet[];
  /** Every cell of the design, sets in order. */
  readonly cells: readonly StudyCell[];
  readonly concurrency: number;
  /** The format of every cell's discussion files. */
  readonly format: FileFormat;
  readonly #options: StudyOptions;
  readonly #givenSeed: number | undefined;
  readonly #drawnSeed = randomSeed();

  /** @throws {@link InputError} naming the set, factor and level when the design is not valid. */
  constructor(options: StudyOptions) {
    this.factors = options.factors.map(({ name, levels }) => ({ name, levels: [...levels] }));
    this.sets = [...options.sets];
    this.cells = expandDesign(this.factors, this.sets);
    this.concurrency = options.concurrency ?? 1;
    this.format = options.format ?? "syndisco-2.0";
    requireFileFormat(this.format);
    if (options.seed !== undefined) new ExperimentSeed(options.seed);
    this.#givenSeed = options.seed;
    this.#options = options;
  }

  /** The seed of the cells' plans: the one given, else the one `study.json` records, else a drawn one. */
  async seedFor(outputDir: string): Promise<number> {
    return this.#givenSeed ?? (await readManifest(resolve(outputDir)))?.seed ?? this.#drawnSeed;
  }

  /** The cells a selection takes on, in design order. */
  select(selection: CellSelection = {}): StudyCell[] {
    return this.cells.filter((cell) => matchesFilter(cell, selection.cells));
  }

  /** The experiment of one cell, over the given models. */
  cellExperiment(cell: StudyCell, model: ModelLookup, seed: number): DiscussionExperiment {
    return new DiscussionExperiment({
      ...this.#options.cellSetup(cell, model),
      numDiscussions: cell.replicates,
      seed,
      format: this.format,
      metadata: { study: { cell: cell.id, levels: cell.levels, sets: cell.sets } },
    });
  }

  /** The models a cell uses, its main model first. */
  cellModels(cell: StudyCell): string[] {
    return this.#options.cellModels(cell);
  }

  /**
   * Each selected cell's plan against what its folder holds: how many discussions are done, and whether the
   * folder holds a different setup. Loads no model (`model` gives stand-ins) and writes nothing.
   */
  async plan(outputDir: string, model: ModelLookup, selection: CellSelection = {}): Promise<CellPlan[]> {
    const root = resolve(outputDir);
    const seed = await this.seedFor(root);
    const plans: CellPlan[] = [];
    for (const cell of this.select(selection)) {
      const experiment = this.cellExperiment(cell, model, seed);
      const folder = studyCellFolder(root, cell.id);
      const discussions = Math.min(cell.replicates, selection.maxReplicates ?? cell.replicates);
      const identity = experiment.identity();
      const stored = existsSync(folder) ? await readPlanFile(statePaths(folder).planFile) : undefined;
      const changed =
        stored && stored.fingerprint !== identity.fingerprint
          ? differingKeys(stored.description, identity.description)
          : undefined;
      const present = existsSync(folder) ? new Set(await readdir(folder)) : new Set<string>();
      const done = changed
        ? 0
        : experiment
            .plan()
            .slice(0, discussions)
            .filter((unit) => present.has(`${unit.id}.json`)).length;
      plans.push({
        cell,
        folder,
        discussions,
        done,
        fingerprint: identity.fingerprint,
        ...(changed ? { changed } : {}),
      });
    }
    return plans;
  }

  /**
   * Runs every selected cell that is not finished, model by model: loads a model, runs its cells
   * `concurrency` at once (each resuming what an earlier run left), and disposes of it before the next. Writes
   * `study.json` first.
   *
   * @throws {@link InputError} before any model is loaded when a cell's folder holds a different setup
   *   (with `planningModels`), or the output folder cannot be used.
   * @throws {@link StudyInterruptedError} when stopped by SIGINT, SIGTERM or `signal`.
   */
  begin(options: StudyRunOptions): Promise<StudySummary> {
    return runStudy(this, options);
  }
}

/** The folder of a study's cell: `<outputDir>/discussions/<cell id>`. */
export function studyCellFolder(outputDir: string, cellId: string): string {
  return join(outputDir, "discussions", cellId);
}
