import type { DiscussionGroup } from "../load/group-by.js";
import { describeDistribution } from "../measures/describe.js";
import { ndfu } from "../measures/ndfu.js";
import { type TableRow, withGroupValues } from "./group-columns.js";

/**
 * Polarisation by group and measure: the nDFU of each comment's annotations (all annotators' values for it,
 * comments with at least two), summarised by count, mean, sd and quartiles.
 */
export function polarisationRows(group: DiscussionGroup): TableRow[] {
  const byMeasure = new Map<string, number[]>();
  for (const discussion of group.discussions) {
    const valuesByComment = new Map<string, number[]>();
    for (const { measure, order, value } of discussion.annotations) {
      const key = `${measure}\u0000${order}`;
      const values = valuesByComment.get(key);
      if (values) values.push(value);
      else valuesByComment.set(key, [value]);
    }
    for (const [key, values] of valuesByComment) {
      if (values.length < 2) continue;
      const measure = key.slice(0, key.indexOf("\u0000"));
      const scores = byMeasure.get(measure);
      if (scores) scores.push(ndfu(values));
      else byMeasure.set(measure, [ndfu(values)]);
    }
  }
  return [...byMeasure.keys()].sort().map((measure) => {
    const { n, mean, sd, q1, median, q3 } = describeDistribution(byMeasure.get(measure) ?? []);
    return withGroupValues(
      {
        group: group.name,
        measure,
        comments: n,
        ndfu_mean: mean,
        ndfu_sd: sd,
        ndfu_q1: q1,
        ndfu_median: median,
        ndfu_q3: q3,
      },
      group,
    );
  });
}
