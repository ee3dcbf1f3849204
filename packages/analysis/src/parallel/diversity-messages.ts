import type { DiscussionDiversity } from "../measures/diversity.js";

/** A batch of discussions (each as its comments' texts) sent to a diversity worker. */
export interface DiversityJob {
  batch: number;
  discussions: string[][];
}

/** A worker's answer: the batch's diversities, in order. */
export interface DiversityResult {
  batch: number;
  results: DiscussionDiversity[];
}
