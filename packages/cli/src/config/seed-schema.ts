import { z } from "zod";

/** A seed comment with its own author: `{ name: night_nurse, text: "Some of us work night shifts." }`. */
const authoredCommentSchema = z.strictObject({ name: z.string().min(1), text: z.string().min(1) });

/**
 * What opens the discussions, written in the config: each item is one comment, or a list of comments (a seed
 * thread, as in SynDisco 2.2). A thread's comment may name its author; one without is written by a participant.
 */
export const seedOpinionsSchema = z.array(
  z.union([z.string().min(1), z.array(z.union([z.string().min(1), authoredCommentSchema])).min(1)], {
    error: "expected a comment, or a list of comments (text, or { name, text })",
  }),
);

/**
 * Seed threads read from a CSV file: one row per comment, the rows that share a thread id make one thread
 * (in file order, or by `orderColumn`), each comment by the author its row names. Each discussion draws one
 * thread from the plan's seed.
 */
export const seedThreadsSchema = z.strictObject({
  /** The CSV file, read from the config's folder; its first line names the columns. */
  csv: z.string().min(1),
  /** The column that says which thread a row's comment belongs to. */
  threadColumn: z.string().min(1),
  /** The column of the comment's text. */
  textColumn: z.string().min(1),
  /** The column of the comment's author; without it, the discussion's first participants write the thread. */
  authorColumn: z.string().min(1).optional(),
  /** A column of numbers that orders each thread's comments; without it, they keep the file's order. */
  orderColumn: z.string().min(1).optional(),
});

export type SeedThreadsSetting = z.output<typeof seedThreadsSchema>;
