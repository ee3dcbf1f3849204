import type { AnalysedComment } from "../load/analysed-discussion.js";
import type { DiscussionGroup } from "../load/group-by.js";
import { isBlankComment } from "../measures/text.js";
import { type TableRow, withGroupValues } from "./group-columns.js";

/** The model value of the row that pools every model of a group. */
export const ALL_MODELS = "all";

/**
 * Participation rate per model of a group, then over all its models (`all`): the share of non-moderator
 * comments whose text is not made only of whitespace and double quotes.
 */
export function participationRows(group: DiscussionGroup): TableRow[] {
  return rateRows(group, (comment) => !comment.isModerator, "participation_rate");
}

/** Moderator intervention rate per model of a group, then `all`: the same share over moderator comments. */
export function moderationRows(group: DiscussionGroup): TableRow[] {
  return rateRows(group, (comment) => comment.isModerator, "intervention_rate");
}

function rateRows(group: DiscussionGroup, counts: (comment: AnalysedComment) => boolean, column: string): TableRow[] {
  const byModel = new Map<string, { comments: number; nonBlank: number }>();
  const all = { comments: 0, nonBlank: 0 };
  for (const discussion of group.discussions) {
    for (const comment of discussion.comments) {
      if (!counts(comment)) continue;
      let tally = byModel.get(comment.model);
      if (!tally) {
        tally = { comments: 0, nonBlank: 0 };
        byModel.set(comment.model, tally);
      }
      const nonBlank = isBlankComment(comment.text) ? 0 : 1;
      tally.comments += 1;
      tally.nonBlank += nonBlank;
      all.comments += 1;
      all.nonBlank += nonBlank;
    }
  }
  const models = [...byModel.keys()].sort();
  const row = (model: string, tally: { comments: number; nonBlank: number }) =>
    withGroupValues(
      {
        group: group.name,
        model,
        comments: tally.comments,
        [column]: tally.comments === 0 ? null : tally.nonBlank / tally.comments,
      },
      group,
    );
  return [...models.map((model) => row(model, byModel.get(model) ?? all)), row(ALL_MODELS, all)];
}
