import { z } from "zod";

/** Text written in the config, or read from a file (relative to the config's folder): `{ file: ./rules.txt }`. */
export const textOrFileSchema = z.union([z.string().min(1), z.strictObject({ file: z.string().min(1) })], {
  error: "expected text, or { file: ./path.txt }",
});

/** One choice of a weighted instruction mix: its text (or file), its weight, and a label for the files. */
const weightedChoiceSchema = z
  .strictObject({
    text: z.string().min(1).optional(),
    file: z.string().min(1).optional(),
    weight: z.number().refine((weight) => weight > 0, "a weight must be a number above 0"),
    label: z.string().min(1).optional(),
  })
  .refine((choice) => (choice.text === undefined) !== (choice.file === undefined), {
    message: "give each choice either text or file, not both",
  });

/**
 * Participants' instructions: one text (or file) for everyone, or a weighted mix from which each participant
 * of each discussion draws one, e.g. `[{ file: ./normal.txt, weight: 0.7 }, { file: ./troll.txt, weight: 0.3 }]`.
 */
export const instructionsSchema = z.union([textOrFileSchema, z.array(weightedChoiceSchema).min(1)], {
  error: "expected text, { file: ./path.txt }, or a list of { text or file, weight }",
});

/** How participants are named: by their personas' usernames, or by random adjective-noun names. */
export const usernamesSchema = z.enum(["persona", "random"]);

export type TextOrFile = z.output<typeof textOrFileSchema>;
export type InstructionsSetting = z.output<typeof instructionsSchema>;
