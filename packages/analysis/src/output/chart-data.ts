import type { Analysis } from "../analyse.js";
import { DENSITY_POINTS, evenlySpaced, gaussianKde } from "../measures/kde.js";
import { ALL_MODELS } from "../tables/participation-table.js";

/** Bins of the words-per-comment histogram. */
const WORD_BINS = 20;

/** What `syndisco report` draws of an analysis: small, already binned and estimated. */
export interface AnalysisCharts {
  /** Words per comment: shared bins `[edges[i], edges[i + 1])` (the last closed), counts per group. */
  words: { edges: number[]; groups: { group: string; counts: number[] }[] };
  /** Each group's diversity density (Gaussian KDE, Scott's rule) at 50 points on [0, 1]; `null` if undefined. */
  diversity: { points: number[]; groups: { group: string; density: number[] | null }[] };
  /** Participation rate per group and model (the `all` rows left out). */
  participation: { group: string; model: string; comments: number; rate: number | null }[];
  /** Annotation means with their 95% bootstrap intervals. */
  annotations: {
    group: string;
    annotator: string;
    measure: string;
    mean: number | null;
    low: number | null;
    high: number | null;
  }[];
}

/** The chart data of an analysis: histogram counts, densities, rates and intervals by group. */
export function analysisCharts(analysis: Analysis): AnalysisCharts {
  const most = Math.max(1, ...analysis.values.flatMap((group) => group.wordsPerComment));
  const width = Math.ceil(most / WORD_BINS);
  const edges = Array.from({ length: WORD_BINS + 1 }, (_, index) => index * width);
  const points = evenlySpaced(0, 1, DENSITY_POINTS);
  return {
    words: {
      edges,
      groups: analysis.values.map(({ group, wordsPerComment }) => {
        const counts = new Array<number>(WORD_BINS).fill(0);
        for (const words of wordsPerComment) {
          const bin = Math.min(Math.floor(words / width), WORD_BINS - 1);
          counts[bin] = (counts[bin] as number) + 1;
        }
        return { group, counts };
      }),
    },
    diversity: {
      points,
      groups: analysis.values.map(({ group, diversity }) => ({ group, density: gaussianKde(diversity, points) })),
    },
    participation: analysis.tables.participation
      .filter((row) => row.model !== ALL_MODELS)
      .map((row) => ({
        group: String(row.group),
        model: String(row.model),
        comments: row.comments as number,
        rate: row.participation_rate as number | null,
      })),
    annotations: analysis.tables.annotations.map((row) => ({
      group: String(row.group),
      annotator: String(row.annotator),
      measure: String(row.measure),
      mean: row.mean as number | null,
      low: row.ci_low as number | null,
      high: row.ci_high as number | null,
    })),
  };
}
