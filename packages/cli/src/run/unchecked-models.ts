import type { InputError } from "@syndisco/core";

/**
 * For a dry run: says on stderr which model could not be checked and why (its source, a model hub, does not
 * answer), while the plan is printed all the same. The run itself stops on the same problem.
 */
export function warnUncheckedModel(name: string, reason: InputError): void {
  process.stderr.write(
    `warning: the model "${name}" could not be checked, because its source does not answer (no network?): ` +
      `${reason.message}\nThe dry run goes on without it; the run needs the model cached or downloadable.\n`,
  );
}
