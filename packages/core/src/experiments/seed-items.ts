import { InputError } from "../errors.js";
import type { SeedItem } from "./discussion-plan.js";

/**
 * Checks an experiment's seed pool: a list whose items are a non-empty comment or a non-empty list of them,
 * each a comment or a `{ name, text }` comment with its author.
 *
 * @throws {@link InputError} naming the item (`seedOpinions[2]`, `seedOpinions[1][0]`, `seedOpinions[1][0].name`).
 */
export function requireSeedOpinions(seedOpinions: readonly SeedItem[]): void {
  if (!Array.isArray(seedOpinions)) {
    throw new InputError("seedOpinions must be a list of comments", { field: "seedOpinions" });
  }
  const requireText = (opinion: unknown, field: string) => {
    if (typeof opinion !== "string" || opinion.trim() === "") {
      throw new InputError("every seed opinion must be non-empty text", {
        field,
        fix: "Remove the empty entry, or pass no seedOpinions for discussions without one",
      });
    }
  };
  seedOpinions.forEach((item, index) => {
    if (!Array.isArray(item)) {
      requireText(item, `seedOpinions[${index}]`);
      return;
    }
    if (item.length === 0) {
      throw new InputError("a seed thread needs at least one comment", {
        field: `seedOpinions[${index}]`,
        fix: "Remove the empty list",
      });
    }
    item.forEach((opinion, n) => {
      const field = `seedOpinions[${index}][${n}]`;
      if (typeof opinion !== "object" || opinion === null) {
        requireText(opinion, field);
        return;
      }
      requireText(opinion.text, `${field}.text`);
      if (typeof opinion.name !== "string" || opinion.name.trim() === "") {
        throw new InputError("a seed comment's author must be a non-empty name", {
          field: `${field}.name`,
          fix: "Give the author's username, or write the comment as plain text for a participant to write",
        });
      }
    });
  });
}
