import { InputError } from "@syndisco/core";
import type { ConfigProblem } from "./describe-issue.js";

/**
 * Every problem found in a config file, one per line as `<file>: <field>: <problem>. <fix>`, so that the
 * whole file can be fixed in one go. It is an {@link InputError}: the command exits with code 2.
 */
export class ConfigError extends InputError {
  /** The problems, in the order they were found. */
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    const first = problems[0];
    super(first?.problem ?? "invalid config", {
      file,
      ...(first?.field ? { field: first.field } : {}),
      ...(first?.fix ? { fix: first.fix } : {}),
    });
    this.problems = problems;
    this.message = problems.map((problem) => formatProblem(file, problem)).join("\n");
  }
}

/** `<file>: <field>: <problem>. <fix>` */
function formatProblem(file: string, { field, problem, fix }: ConfigProblem): string {
  const where = [file, field].filter(Boolean).join(": ");
  return fix ? `${where}: ${problem}. ${fix}` : `${where}: ${problem}`;
}
