// The prompts of one framework run, saved so that the bare node-llama-cpp ceiling can replay exactly the
// same work: the same prompts in the same units and order, each followed by as many generated tokens.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CACHE_DIR } from "./paths.mjs";

/** Where the recording of a model's run goes; `--quick` runs keep their own, smaller one. */
export function recordingPath(modelName, quick) {
  return join(CACHE_DIR, `workload-${modelName}${quick ? "-quick" : ""}.json`);
}

/**
 * Collects every reply of a run with its prompt as the model evaluated it. `renderPrompt(messages)` gives
 * that text (`LlamaCppModel.renderPrompt`). Calls are grouped by unit (one discussion, or one annotator on
 * one discussion), which the actor's session key names before its "/".
 */
export function promptRecorder(renderPrompt) {
  const phases = { discussions: new Map(), annotations: new Map() };
  return {
    onReply({ phase, messages, options, reply }) {
      const unit = String(options.sessionKey ?? "").split("/")[0];
      const calls = phases[phase].get(unit) ?? [];
      calls.push({ prompt: renderPrompt(messages), completionTokens: reply.completionTokens ?? 0 });
      phases[phase].set(unit, calls);
    },
    save(file) {
      mkdirSync(dirname(file), { recursive: true });
      const units = (map) => [...map.values()];
      writeFileSync(
        file,
        JSON.stringify({ discussions: units(phases.discussions), annotations: units(phases.annotations) }),
      );
    },
  };
}

/**
 * Reads a recorded run: `{discussions, annotations}`, each a list of units, each a list of
 * `{prompt, completionTokens}` in order.
 *
 * @throws when the file is missing, naming the command that writes it.
 */
export function loadRecordedWorkload(file, writtenBy) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`no recorded workload at ${file}: run the ${writtenBy} rows first (they record it)`);
  }
  return JSON.parse(text);
}
