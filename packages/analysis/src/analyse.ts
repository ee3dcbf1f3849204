import type { AnnotationRow } from "@syndisco/core";
import type { AnalysedDiscussion } from "./load/analysed-discussion.js";
import { type DiscussionGroup, groupDiscussions } from "./load/group-by.js";
import { parseLabelledPath } from "./load/input-argument.js";
import { joinAnnotations } from "./load/join-annotations.js";
import { readFolder } from "./load/read-folder.js";
import { readReference } from "./load/read-reference.js";
import { computeDiversities } from "./parallel/diversity-pool.js";
import { annotationMeanRows, annotationSeries, anovaRows } from "./tables/annotation-table.js";
import { datasetRow, wordsPerComment } from "./tables/dataset-table.js";
import {
  type DiversityOf,
  divergenceRows,
  diversityRows,
  diversitySummaryRow,
  diversityValues,
} from "./tables/diversity-table.js";
import type { TableRow } from "./tables/group-columns.js";
import { moderationRows, participationRows } from "./tables/participation-table.js";
import { polarisationRows } from "./tables/polarisation-table.js";

/** Options of {@link analyse}. */
export interface AnalyseOptions {
  /** Group by these fields: a study's factor (any field of the discussion files), `model`, `folder` or `label`. */
  by?: readonly string[];
  /** A CSV of human discussions (`conv_id`, `text`, optional `user`), as `path` or `label=path`. */
  reference?: string;
  /** The seed of the bootstrap resampling. Default 0. */
  seed?: number;
  /** Bootstrap resamples. Default 2,000. */
  resamples?: number;
  /** Worker threads for diversity; default all cores. */
  threads?: number;
}

/** The tables of an analysis, by the name of their CSV file. */
export interface AnalysisTables {
  dataset: TableRow[];
  participation: TableRow[];
  moderation: TableRow[];
  diversity: TableRow[];
  diversity_summary: TableRow[];
  divergence: TableRow[];
  annotations: TableRow[];
  anova: TableRow[];
  polarisation: TableRow[];
}

/** Everything an analysis found: its tables, and each group's raw values for charts. */
export interface Analysis {
  /** The inputs: each folder's (or the reference's) label, path and number of discussions. */
  inputs: { label: string; path: string; discussions: number; reference: boolean }[];
  by: string[];
  seed: number;
  resamples: number;
  /** Annotation rows joined to a comment, and those whose discussion is in no input. */
  annotationsJoined: number;
  annotationsWithoutDiscussion: number;
  /** Seed comments (model `hardcoded`) in the discussions read, which no table counts as comments. */
  seedCommentsLeftOut: number;
  tables: AnalysisTables;
  /** Per group: words of each comment and the diversity of each discussion, for charts. */
  values: { group: string; reference: boolean; wordsPerComment: number[]; diversity: number[] }[];
}

/**
 * Analyses folders of discussion files (ours, SynDisco 2.0.x and 2.2; a run's or a study's output folder,
 * with their annotations) and optionally human discussions from a CSV, by group.
 *
 * @param inputs - folders, each as `path` or `label=path`.
 * @throws {@link InputError} for a folder without discussion files, a broken file, a reference CSV without
 *   `conv_id` or `text`, or a `by` field that no discussion file has. Nothing is computed then.
 */
export async function analyse(inputs: readonly string[], options: AnalyseOptions = {}): Promise<Analysis> {
  const by = [...(options.by ?? [])];
  const seed = options.seed ?? 0;
  const resamples = options.resamples ?? 2000;
  const discussions: AnalysedDiscussion[] = [];
  const annotationRowsRead: AnnotationRow[] = [];
  const inputSummaries: Analysis["inputs"] = [];
  for (const argument of inputs) {
    const input = parseLabelledPath(argument);
    const contents = await readFolder(input);
    discussions.push(...contents.discussions);
    annotationRowsRead.push(...contents.annotations);
    inputSummaries.push({ ...input, discussions: contents.discussions.length, reference: false });
  }
  if (options.reference !== undefined) {
    const input = parseLabelledPath(options.reference, "reference");
    const references = await readReference(input);
    discussions.push(...references);
    inputSummaries.push({ ...input, discussions: references.length, reference: true });
  }
  const groups = groupDiscussions(discussions, by);
  const joined = joinAnnotations(discussions, annotationRowsRead);
  const diversityOf = await diversityByDiscussion(discussions, options.threads);
  const series = annotationSeries(groups);
  return {
    inputs: inputSummaries,
    by,
    seed,
    resamples,
    annotationsJoined: joined.joined,
    annotationsWithoutDiscussion: joined.withoutDiscussion,
    seedCommentsLeftOut: discussions.reduce((total, discussion) => total + discussion.seedComments, 0),
    tables: {
      dataset: groups.map(datasetRow),
      participation: groups.flatMap(participationRows),
      moderation: groups.filter((group) => !group.reference).flatMap(moderationRows),
      diversity: groups.flatMap((group) => diversityRows(group, diversityOf)),
      diversity_summary: groups.map((group) => diversitySummaryRow(group, diversityOf)),
      divergence: divergenceRows(groups, diversityOf),
      annotations: annotationMeanRows(groups, series, { seed, resamples }),
      anova: anovaRows(groups, series),
      polarisation: groups.flatMap(polarisationRows),
    },
    values: groups.map((group: DiscussionGroup) => ({
      group: group.name,
      reference: group.reference,
      wordsPerComment: wordsPerComment(group),
      diversity: diversityValues(group, diversityOf),
    })),
  };
}

async function diversityByDiscussion(
  discussions: readonly AnalysedDiscussion[],
  threads: number | undefined,
): Promise<DiversityOf> {
  const texts = discussions.map((discussion) => discussion.comments.map((comment) => comment.text));
  const results = await computeDiversities(texts, threads === undefined ? {} : { threads });
  return new Map(
    discussions.map((discussion, index) => [discussion, results[index] ?? { comments: 0, diversity: null }]),
  );
}
