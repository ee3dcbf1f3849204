import type { DiscussionGroup } from "../load/group-by.js";
import { mean, sampleSd } from "../measures/describe.js";
import { countWords } from "../measures/text.js";
import { type TableRow, withGroupValues } from "./group-columns.js";

/**
 * Dataset statistics of a group: discussions, comments, mean and sample sd of comments per discussion and of
 * words per comment (whitespace-separated tokens; empty comments count, with 0 words).
 */
export function datasetRow(group: DiscussionGroup): TableRow {
  const perDiscussion = group.discussions.map((discussion) => discussion.comments.length);
  const words: number[] = [];
  for (const discussion of group.discussions) {
    for (const comment of discussion.comments) words.push(countWords(comment.text));
  }
  return withGroupValues(
    {
      group: group.name,
      discussions: group.discussions.length,
      comments: words.length,
      comments_per_discussion_mean: mean(perDiscussion),
      comments_per_discussion_sd: sampleSd(perDiscussion),
      words_per_comment_mean: mean(words),
      words_per_comment_sd: sampleSd(words),
    },
    group,
  );
}

/** Words per comment of a group, for the report's histogram. */
export function wordsPerComment(group: DiscussionGroup): number[] {
  return group.discussions.flatMap((discussion) => discussion.comments.map((comment) => countWords(comment.text)));
}
