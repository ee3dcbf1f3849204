/**
 * SynDisco analysis: the measures synthetic-discussion papers report, computed by condition from discussion
 * and annotation files (ours, SynDisco 2.0.x and 2.2) and from human discussions in a CSV.
 *
 * @packageDocumentation
 */

export { type AnalyseOptions, type Analysis, type AnalysisTables, analyse } from "./analyse.js";
export type { AnalysedComment, AnalysedDiscussion, AnnotationValue } from "./load/analysed-discussion.js";
export { type Anova, oneWayAnova } from "./measures/anova.js";
export { type BootstrapOptions, bootstrapMeanInterval, type MeanInterval } from "./measures/bootstrap.js";
export { type Distribution, describeDistribution, mean, quantileOfSorted, sampleSd } from "./measures/describe.js";
export { type DiscussionDiversity, DiversityCalculator } from "./measures/diversity.js";
export { densityDivergence, gaussianKde, jensenShannon } from "./measures/kde.js";
export { LcsScratch } from "./measures/lcs.js";
export { histogram, ndfu, ndfuOfHistogram } from "./measures/ndfu.js";
export { rougeLF1 } from "./measures/rouge-l.js";
export { countWords, diversityTokens, isBlankComment } from "./measures/text.js";
export { type AnalysisCharts, analysisCharts } from "./output/chart-data.js";
export { TABLE_LAYOUTS, type TableLayout } from "./output/table-layouts.js";
export { analysisFiles, SUMMARY_FILE, writeAnalysis } from "./output/write-analysis.js";
export { computeDiversities, type DiversityOptions } from "./parallel/diversity-pool.js";
export type { TableRow } from "./tables/group-columns.js";
