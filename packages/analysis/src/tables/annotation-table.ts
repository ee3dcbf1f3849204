import type { AnnotationValue } from "../load/analysed-discussion.js";
import type { DiscussionGroup } from "../load/group-by.js";
import { oneWayAnova } from "../measures/anova.js";
import { type BootstrapOptions, bootstrapMeanInterval } from "../measures/bootstrap.js";
import { type TableRow, withGroupValues } from "./group-columns.js";

/** The annotator value of the rows that pool every annotator. */
export const ALL_ANNOTATORS = "all";

/** One annotator's values for one measure, and the pooled `all` when there are several annotators. */
interface Series {
  annotator: string;
  measure: string;
}

/** The (annotator, measure) pairs found in any group, `all` after each measure's annotators when useful. */
export function annotationSeries(groups: readonly DiscussionGroup[]): Series[] {
  const annotatorsByMeasure = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const discussion of group.discussions) {
      for (const { annotator, measure } of discussion.annotations) {
        let annotators = annotatorsByMeasure.get(measure);
        if (!annotators) {
          annotators = new Set();
          annotatorsByMeasure.set(measure, annotators);
        }
        annotators.add(annotator);
      }
    }
  }
  const series: Series[] = [];
  for (const measure of [...annotatorsByMeasure.keys()].sort()) {
    const annotators = [...(annotatorsByMeasure.get(measure) ?? [])].sort();
    for (const annotator of annotators) series.push({ annotator, measure });
    if (annotators.length > 1) series.push({ annotator: ALL_ANNOTATORS, measure });
  }
  return series;
}

/** A series' values in each discussion of a group (one list per discussion). */
function valuesByDiscussion(group: DiscussionGroup, { annotator, measure }: Series): number[][] {
  const matches = (value: AnnotationValue) =>
    value.measure === measure && (annotator === ALL_ANNOTATORS || value.annotator === annotator);
  return group.discussions.map((discussion) => discussion.annotations.filter(matches).map((value) => value.value));
}

/**
 * Annotation means by group: for each annotator (and all of them pooled) and measure, the mean of the
 * values with a 95% bootstrap percentile interval over resampled discussions.
 */
export function annotationMeanRows(
  groups: readonly DiscussionGroup[],
  series: readonly Series[],
  bootstrap: BootstrapOptions,
): TableRow[] {
  const rows: TableRow[] = [];
  for (const group of groups) {
    for (const entry of series) {
      const interval = bootstrapMeanInterval(valuesByDiscussion(group, entry), bootstrap);
      if (interval.n === 0) continue;
      rows.push(
        withGroupValues(
          {
            group: group.name,
            annotator: entry.annotator,
            measure: entry.measure,
            n: interval.n,
            mean: interval.mean,
            ci_low: interval.low,
            ci_high: interval.high,
            discussions: interval.clusters,
          },
          group,
        ),
      );
    }
  }
  return rows;
}

/** One-way ANOVA of each series' values across the groups. */
export function anovaRows(groups: readonly DiscussionGroup[], series: readonly Series[]): TableRow[] {
  return series.map((entry) => {
    const result = oneWayAnova(groups.map((group) => valuesByDiscussion(group, entry).flat()));
    return {
      annotator: entry.annotator,
      measure: entry.measure,
      groups: result.groups,
      n: result.n,
      df_between: result.dfBetween,
      df_within: result.dfWithin,
      f: result.f,
      p: result.p,
    };
  });
}
