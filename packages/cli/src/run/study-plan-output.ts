import type { CellPlan } from "@syndisco/core";
import type { PreparedStudyRun } from "./prepare-study-run.js";

/** The study's plan as JSON, for scripts: each selected cell's id, levels, discussions and those done. */
export function studyPlanAsJson(plans: readonly CellPlan[]): string {
  const cells = plans.map((plan) => ({
    id: plan.cell.id,
    levels: plan.cell.levels,
    discussions: plan.discussions,
    done: plan.done,
  }));
  const totalDiscussions = plans.reduce((sum, plan) => sum + plan.discussions, 0);
  return `${JSON.stringify({ cells, totalDiscussions }, null, 2)}\n`;
}

/** The study's plan as a table for people: one row per cell, then the totals by set. */
export function formatStudyPlan(run: PreparedStudyRun, plans: readonly CellPlan[]): string {
  const { config, study } = run;
  const lines = [
    `Study plan for ${config.displayPath} (dry run: no model is loaded, nothing is written)`,
    `Output: ${config.outputDir}/discussions/<cell>, manifest ${config.outputDir}/study.json`,
    `Factors: ${study.factors.map((factor) => `${factor.name} (${factor.levels.join(", ")})`).join("; ")}`,
    `Models: ${run.models.map(({ name, entry }) => `${name} (${entry.backend})`).join(", ")}`,
    "",
  ];
  const rows = plans.map((plan, index) => [
    String(index + 1),
    plan.cell.id,
    plan.cell.sets.join("+"),
    String(plan.discussions),
    String(plan.done),
    String(plan.discussions - plan.done),
    plan.changed ? `setup changed: ${plan.changed.join(", ")}` : "",
  ]);
  const header = ["cell", "levels", "set", "replicates", "done", "to do", ""];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of [header, ...rows]) {
    lines.push(
      row
        .map((value, column) =>
          column >= 3 && column <= 5 ? value.padStart(widths[column] ?? 0) : value.padEnd(widths[column] ?? 0),
        )
        .join("  ")
        .trimEnd(),
    );
  }
  const total = plans.reduce((sum, plan) => sum + plan.discussions, 0);
  const done = plans.reduce((sum, plan) => sum + plan.done, 0);
  const bySet = study.sets.map((set) => {
    const cells = plans.filter((plan) => plan.cell.sets.includes(set.name));
    return `${set.name}: ${cells.length} cells, ${cells.reduce((sum, plan) => sum + plan.discussions, 0)} discussions`;
  });
  lines.push(
    "",
    `${plans.length} cells, ${total} discussions: ${done} done, ${total - done} to do (${bySet.join("; ")})`,
    `${study.concurrency} cell(s) at once, ${config.data.concurrency} discussion(s) at once per cell, seed ${config.data.seed ?? "recorded in study.json"}`,
  );
  const changed = plans.filter((plan) => plan.changed).length;
  if (changed > 0) lines.push(`${changed} cell(s) hold a different setup: \`syndisco run\` refuses them until undone.`);
  return `${lines.join("\n")}\n`;
}
