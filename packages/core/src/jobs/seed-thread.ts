import { InputError } from "../errors.js";

/** One seed comment and its author. */
export interface SeedComment {
  name: string;
  text: string;
}

/** The two spellings of a discussion's seed options: 2.0's single seed opinion, 2.2's list. */
export interface SeedOptions {
  seedOpinion?: string | undefined;
  seedOpinionUsername?: string | undefined;
  seedOpinions?: readonly string[] | undefined;
  seedOpinionUsernames?: readonly string[] | undefined;
}

/**
 * The seed comments from either spelling of the options, checked; whitespace-only ones left out.
 *
 * @throws {@link InputError} naming the option when the authors do not match the comments.
 */
export function seedThread(options: SeedOptions): SeedComment[] {
  const { seedOpinion, seedOpinionUsername, seedOpinions, seedOpinionUsernames } = options;
  if (seedOpinions === undefined && seedOpinionUsernames === undefined) {
    if (!seedOpinion?.trim()) return [];
    if (!seedOpinionUsername?.trim()) {
      throw new InputError("a seed opinion needs the username of who wrote it", {
        field: "seedOpinionUsername",
        fix: "Pass seedOpinionUsername along with seedOpinion",
      });
    }
    return [{ name: seedOpinionUsername, text: seedOpinion }];
  }
  if (seedOpinion !== undefined || seedOpinionUsername !== undefined) {
    throw new InputError("seedOpinion and seedOpinions cannot be used together", {
      field: "seedOpinions",
      fix: "Put every seed comment in seedOpinions, with its author in seedOpinionUsernames",
    });
  }
  const texts = seedOpinions ?? [];
  const names = seedOpinionUsernames ?? [];
  if (!Array.isArray(texts) || !Array.isArray(names) || texts.length !== names.length) {
    throw new InputError(
      `seedOpinions has ${Array.isArray(texts) ? texts.length : "no list of"} comments but seedOpinionUsernames ` +
        `${Array.isArray(names) ? names.length : "no list of"} authors`,
      { field: "seedOpinionUsernames", fix: "Give one author per seed comment, in the same order" },
    );
  }
  const seeds: SeedComment[] = [];
  texts.forEach((text, index) => {
    const name = names[index];
    if (typeof text !== "string" || typeof name !== "string" || !name.trim()) {
      throw new InputError("every seed comment needs text and the username of who wrote it", {
        field: `seedOpinions[${index}]`,
        fix: "Pass strings in seedOpinions and seedOpinionUsernames",
      });
    }
    if (text.trim()) seeds.push({ name, text });
  });
  return seeds;
}
