// The larger model of the last row set: a random-weight llama of about 25M parameters (dim 512, 8 layers),
// written at run time by the shared models' generator into bench/.cache (about 100 MB, not committed).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR, MODELS_DIR } from "./paths.mjs";

/** The generated model file. */
export const LARGER_GGUF = join(CACHE_DIR, "random-llama-25M.gguf");

const GENERATOR = join(MODELS_DIR, "tools/make-random-llama-gguf.mjs");
const SHAPE = ["--dim", "512", "--layers", "8", "--heads", "8", "--ffn", "1408", "--ctx", "2048"];

/** Writes the model unless it is there already (the generator gives the same bytes for the same seed). */
export function ensureLargerModel() {
  if (existsSync(LARGER_GGUF)) return;
  mkdirSync(CACHE_DIR, { recursive: true });
  const run = spawnSync(process.execPath, [GENERATOR, LARGER_GGUF, "1", ...SHAPE], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`could not generate ${LARGER_GGUF}: ${run.stderr.trim() || run.stdout.trim()}`);
}
