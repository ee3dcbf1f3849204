import { type AnnotationPlanUnit, type DiscussionPlanUnit, hideUrlCredentials } from "@syndisco/core";
import { countOf } from "../plural.js";
import type { OutputFolders } from "./output-folders.js";
import type { PreparedRun } from "./prepare-run.js";

/** The plans of a dry run: the discussions, and the annotations where the discussions exist already. */
export interface RunPlan {
  discussions: DiscussionPlanUnit[] | undefined;
  annotations: AnnotationPlanUnit[] | undefined;
}

/**
 * What a model runs, without its other options (which may hold secrets such as API keys), and without the
 * credentials of a model URL.
 */
function modelSummary(run: PreparedRun, name: string): string {
  const entry = run.config.data.models[name];
  const target = entry?.options.modelPath ?? entry?.options.modelName;
  return [entry?.backend, typeof target === "string" ? hideUrlCredentials(target) : undefined]
    .filter(Boolean)
    .join("  ");
}

/** The plan as text for people. */
export function formatPlan(run: PreparedRun, plan: RunPlan, folders: OutputFolders): string {
  const { config } = run;
  const lines = [`Plan for ${config.displayPath} (dry run: no model is loaded, nothing is written)`, "Models:"];
  for (const prepared of run.models) lines.push(`  ${prepared.name}  ${modelSummary(run, prepared.name)}`);
  const section = config.data.discussions;
  if (run.parts.discussions && section && plan.discussions) {
    lines.push(
      `Discussions → ${folders.discussions}`,
      `  ${countOf(section.count, "discussion")} of ${countOf(section.turns, "turn")}, ${countOf(section.activeUsers, "active user")}, ` +
        `${section.turnManager.type} turns, moderator ${section.moderator ? String(section.moderator.persona.username) : "none"}, ` +
        `history ${section.historyLength}, concurrency ${config.data.concurrency}, seed ${config.data.seed ?? "random"}`,
    );
    for (const unit of plan.discussions) {
      const seed = unit.seedOpinions
        .map((text, index) => `  opens with ${unit.seedOpinionUsernames[index]}: ${JSON.stringify(text)}`)
        .join(";");
      lines.push(`  ${unit.id}  ${unit.participants.join(", ")}${seed}`);
    }
  }
  const annotation = config.data.annotation;
  if (run.parts.annotation && annotation) {
    const names = annotation.annotators.map((annotator) => String(annotator.persona.username)).join(", ");
    lines.push(
      `Annotation → ${folders.annotations}`,
      `  ${countOf(annotation.annotators.length, "annotator")} (${names}) on every discussion`,
    );
    if (plan.annotations) for (const unit of plan.annotations) lines.push(`  ${unit.id}`);
    else lines.push("  units are planned once the discussions exist");
  }
  return `${lines.join("\n")}\n`;
}

/** The plan as JSON, for scripts (`--dry-run --json`). */
export function planAsJson(run: PreparedRun, plan: RunPlan, folders: OutputFolders): string {
  return `${JSON.stringify(
    {
      config: run.config.file,
      outputDir: run.config.outputDir,
      models: run.models.map(({ name, entry }) => ({ name, backend: entry.backend })),
      discussions: run.parts.discussions ? { outputDir: folders.discussions, units: plan.discussions ?? [] } : null,
      annotation: run.parts.annotation ? { outputDir: folders.annotations, units: plan.annotations ?? null } : null,
    },
    null,
    2,
  )}\n`;
}
