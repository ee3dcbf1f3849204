import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import { isErrnoException, writeFileAtomic } from "../util/atomic-write.js";
import { VERSION } from "../version.js";
import { canonicalJson, differingKeys } from "./fingerprint.js";

/** What identifies an experiment: its kind, seed, and the hash of everything that decides its outputs. */
export interface PlanIdentity {
  kind: "discussion" | "annotation";
  seed: number;
  /** SHA-256 of `description`'s canonical JSON. */
  fingerprint: string;
  /** The settings the fingerprint covers, kept readable so that a mismatch can say what changed. */
  description: Record<string, unknown>;
  /**
   * Each model's `identity()` by model name (file, sampling options...), checked apart from the fingerprint
   * so that a plan can be made before its models are loaded. Absent in plans of older versions.
   */
  models?: Record<string, unknown>;
}

/** The plan file in an output folder's `.syndisco` folder. */
interface PlanFile extends PlanIdentity {
  format: "syndisco-experiment-plan";
  formatVersion: 1;
  createdAt: string;
  syndiscoVersion: string;
}

/**
 * Reads the plan file that an earlier run left in the output folder.
 *
 * @returns `undefined` when the folder has none (a new experiment).
 * @throws {@link InputError} naming the file when it is not a plan file.
 */
export async function readPlanFile(planFile: string): Promise<PlanIdentity | undefined> {
  let text: string;
  try {
    text = await readFile(planFile, "utf8");
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return undefined;
    throw error;
  }
  let data: Partial<PlanFile>;
  try {
    data = JSON.parse(text) as Partial<PlanFile>;
  } catch {
    data = {};
  }
  if (
    data.format !== "syndisco-experiment-plan" ||
    typeof data.seed !== "number" ||
    typeof data.fingerprint !== "string" ||
    typeof data.description !== "object" ||
    data.description === null
  ) {
    throw new InputError("not a SynDisco experiment plan", {
      file: planFile,
      fix: "Use a new output folder for the experiment",
    });
  }
  return data as PlanIdentity;
}

/**
 * Records the plan in a new output folder, or checks that the folder's plan is this experiment's.
 *
 * @throws {@link InputError} naming the folder when it holds a different experiment's plan.
 */
export async function recordPlan(
  planFile: string,
  outputDir: string,
  stored: PlanIdentity | undefined,
  identity: PlanIdentity,
): Promise<void> {
  if (stored) {
    if (stored.kind === identity.kind && stored.fingerprint === identity.fingerprint) {
      requireSameModels(stored, identity, outputDir);
      return;
    }
    const differences =
      stored.kind === identity.kind
        ? `it differs in: ${differingKeys(stored.description, identity.description).join(", ")}`
        : `it holds ${stored.kind}s, not ${identity.kind}s`;
    throw new InputError(`this folder holds the output of a different experiment (${differences})`, {
      file: outputDir,
      fix: "Use a new output folder for a new experiment; to finish the old one, run it unchanged",
    });
  }
  const content: PlanFile = {
    format: "syndisco-experiment-plan",
    formatVersion: 1,
    ...identity,
    createdAt: new Date().toISOString(),
    syndiscoVersion: VERSION,
  };
  await writeFileAtomic(planFile, `${JSON.stringify(content, null, 2)}\n`);
}

/** @throws {@link InputError} when a model of the folder's plan had another identity (file, sampling...). */
function requireSameModels(stored: PlanIdentity, identity: PlanIdentity, outputDir: string): void {
  if (!stored.models || !identity.models) return;
  const changed = differingKeys(stored.models, identity.models);
  if (changed.length === 0) return;
  const details = changed.map((name) => {
    const before = stored.models?.[name];
    const after = identity.models?.[name];
    if (!isRecord(before) || !isRecord(after)) return `"${name}"`;
    return `"${name}" (${differingKeys(before, after).join(", ")})`;
  });
  throw new InputError(
    `this folder was made with other model settings (they differ in the model ${details.join(", ")})`,
    {
      file: outputDir,
      fix: "Use a new output folder for a new model or new settings; to finish the old run, use the model it used",
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && canonicalJson(value) !== "{}";
}
