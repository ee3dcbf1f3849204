/** The prefix of the columns that hold a study cell's levels: `factor_model`, `factor_moderation`, … */
export const FACTOR_COLUMN_PREFIX = "factor_";

/**
 * One column per factor of the study cell that a discussion file (or an annotation of one, which carries the
 * discussion's `study` on) belongs to: its `study.levels`, named `factor_<factor>` so that a factor such as
 * `model` never takes the place of a SynDisco column. A file that no study wrote has none.
 */
export function studyColumns(file: Record<string, unknown>): Record<string, string> {
  const study = file.study;
  if (typeof study !== "object" || study === null) return {};
  const levels = (study as { levels?: unknown }).levels;
  if (typeof levels !== "object" || levels === null) return {};
  const columns: Record<string, string> = {};
  for (const [factor, level] of Object.entries(levels)) {
    if (typeof level === "string") columns[`${FACTOR_COLUMN_PREFIX}${factor}`] = level;
  }
  return columns;
}
