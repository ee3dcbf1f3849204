import type { AnalysisTables } from "../analyse.js";

/** How a table is laid out: its leading columns, and the decimals of each number column in LaTeX. */
export interface TableLayout {
  /** The columns every row starts with, in order (more may follow: the `--by` fields). */
  columns: readonly string[];
  /** Decimals in LaTeX per column; columns not listed are counts (integers) or text. */
  decimals: Readonly<Record<string, number>>;
  /** Whether the table also goes to LaTeX (the per-discussion table does not: it is data, not a table). */
  latex: boolean;
}

const MEANS = 2; // means, standard deviations, F
const SHARES = 3; // rates, diversity, divergence, nDFU and p: values in [0, 1] that differ in the third place

/**
 * The tables in the order they are written, with the leading columns that the issue fixes. LaTeX shows two
 * decimals, three where values in [0, 1] differ in the third place (rates, diversity, divergence, nDFU, p).
 */
export const TABLE_LAYOUTS: Readonly<Record<keyof AnalysisTables, TableLayout>> = {
  dataset: {
    columns: [
      "group",
      "discussions",
      "comments",
      "comments_per_discussion_mean",
      "comments_per_discussion_sd",
      "words_per_comment_mean",
      "words_per_comment_sd",
    ],
    decimals: {
      comments_per_discussion_mean: MEANS,
      comments_per_discussion_sd: MEANS,
      words_per_comment_mean: MEANS,
      words_per_comment_sd: MEANS,
    },
    latex: true,
  },
  participation: {
    columns: ["group", "model", "comments", "participation_rate"],
    decimals: { participation_rate: SHARES },
    latex: true,
  },
  moderation: {
    columns: ["group", "model", "comments", "intervention_rate"],
    decimals: { intervention_rate: SHARES },
    latex: true,
  },
  diversity: { columns: ["group", "conv_id", "comments", "diversity"], decimals: { diversity: SHARES }, latex: false },
  diversity_summary: {
    columns: ["group", "discussions", "mean", "sd", "min", "q1", "median", "q3", "max"],
    decimals: { mean: SHARES, sd: SHARES, min: SHARES, q1: SHARES, median: SHARES, q3: SHARES, max: SHARES },
    latex: true,
  },
  divergence: {
    columns: ["group", "reference", "n", "js_divergence"],
    decimals: { js_divergence: SHARES },
    latex: true,
  },
  annotations: {
    columns: ["group", "annotator", "measure", "n", "mean", "ci_low", "ci_high"],
    decimals: { mean: MEANS, ci_low: MEANS, ci_high: MEANS },
    latex: true,
  },
  anova: {
    columns: ["annotator", "measure", "groups", "n", "df_between", "df_within", "f", "p"],
    decimals: { f: MEANS, p: SHARES },
    latex: true,
  },
  polarisation: {
    columns: ["group", "measure", "comments", "ndfu_mean", "ndfu_sd", "ndfu_q1", "ndfu_median", "ndfu_q3"],
    decimals: {
      ndfu_mean: SHARES,
      ndfu_sd: SHARES,
      ndfu_q1: SHARES,
      ndfu_median: SHARES,
      ndfu_q3: SHARES,
    },
    latex: true,
  },
};
