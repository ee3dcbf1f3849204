import type { AnalysedDiscussion } from "../load/analysed-discussion.js";
import type { DiscussionGroup } from "../load/group-by.js";
import { describeDistribution } from "../measures/describe.js";
import type { DiscussionDiversity } from "../measures/diversity.js";
import { densityDivergence } from "../measures/kde.js";
import { type TableRow, withGroupValues } from "./group-columns.js";

/** Each discussion's diversity, computed beforehand (in parallel). */
export type DiversityOf = ReadonlyMap<AnalysedDiscussion, DiscussionDiversity>;

/** One row per discussion of a group: its comments compared and its diversity (empty with fewer than two). */
export function diversityRows(group: DiscussionGroup, diversityOf: DiversityOf): TableRow[] {
  return group.discussions.map((discussion) => {
    const result = diversityOf.get(discussion);
    return withGroupValues(
      {
        group: group.name,
        conv_id: discussion.id,
        comments: result?.comments ?? 0,
        diversity: result?.diversity ?? null,
        label: discussion.label,
      },
      group,
    );
  });
}

/** The diversities a group's discussions have (those with at least two comments). */
export function diversityValues(group: DiscussionGroup, diversityOf: DiversityOf): number[] {
  const values: number[] = [];
  for (const discussion of group.discussions) {
    const diversity = diversityOf.get(discussion)?.diversity;
    if (diversity !== undefined && diversity !== null) values.push(diversity);
  }
  return values;
}

/** The distribution of a group's diversities: discussions with one, mean, sd, min, quartiles, max. */
export function diversitySummaryRow(group: DiscussionGroup, diversityOf: DiversityOf): TableRow {
  const { n, ...distribution } = describeDistribution(diversityValues(group, diversityOf));
  return withGroupValues({ group: group.name, discussions: n, ...distribution }, group);
}

/** The Jensen–Shannon divergence of each generated group's diversity density from each reference group's. */
export function divergenceRows(groups: readonly DiscussionGroup[], diversityOf: DiversityOf): TableRow[] {
  const rows: TableRow[] = [];
  for (const reference of groups.filter((group) => group.reference)) {
    const referenceValues = diversityValues(reference, diversityOf);
    for (const group of groups.filter((candidate) => !candidate.reference)) {
      const values = diversityValues(group, diversityOf);
      rows.push(
        withGroupValues(
          {
            group: group.name,
            reference: reference.name,
            n: values.length,
            js_divergence: densityDivergence(values, referenceValues),
            reference_n: referenceValues.length,
          },
          group,
        ),
      );
    }
  }
  return rows;
}
