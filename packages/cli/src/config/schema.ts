import { answerFormSchema, moderatorPolicySchema } from "@syndisco/core";
import { z } from "zod";
import { MAX_SEED } from "./limits.js";
import { seedOpinionsSchema, seedThreadsSchema } from "./seed-schema.js";
import { instructionsSchema, textOrFileSchema, usernamesSchema } from "./text-schema.js";

/**
 * The schema of a `syndisco` config file (YAML or JSON). Objects are strict, so a misspelt key is an error
 * instead of a silently ignored setting. The README's "Config reference" documents every key.
 */

/** What a persona looks like before core's `Persona` checks its fields. */
const personaObjectSchema = z.record(z.string(), z.unknown(), {
  error: 'expected a persona object such as { username: "Emma35", age: 38 }',
});

const modelNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a model name may hold letters, digits, '.', '_' and '-'");

/** One entry of `models`: which backend runs it, and that backend's options. */
const modelEntrySchema = z.strictObject({
  /** `llamacpp`, `transformers`, `openai`, a package name, or a path to a plugin module. */
  backend: z.string().min(1, "name a backend: llamacpp, transformers, openai, a package name or ./my-plugin.mjs"),
  /** The backend's own options, validated by the backend's plugin. */
  options: z.record(z.string(), z.unknown()).default({}),
});

/** Who speaks next: one of core's turn managers. */
const turnManagerSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("round_robin") }),
    z.strictObject({ type: z.literal("random_weighted"), pRespond: z.number().min(0).max(1) }),
    z.strictObject({ type: z.literal("random"), avoidLastSpeaker: z.boolean().default(false) }),
    // SynDisco 2.2's names: QueueTurnManager and RespondTurnManager.
    z.strictObject({ type: z.literal("queue"), randomizeFirstSpeaker: z.boolean().default(false) }),
    z.strictObject({ type: z.literal("respond"), pRespond: z.number().min(0).max(1).default(0.5) }),
  ],
  { error: "type must be round_robin, random_weighted, random, queue or respond" },
);

/** An actor that is not drawn from the persona pool: the moderator or an annotator. */
const extraActorSchema = z.strictObject({
  persona: personaObjectSchema,
  /** Text, or `{ file: ./path.txt }`. */
  instructions: textOrFileSchema,
  /** A key of `models`; by default the section's model. */
  model: modelNameSchema.optional(),
  /** By default the top-level `context`. */
  context: z.string().optional(),
});

/** The moderator: an extra actor with a policy for when it speaks. */
const moderatorSchema = extraActorSchema.extend({
  /** `always` (default), `decide`, `{ every: k }` or `{ probability: p }`. */
  policy: moderatorPolicySchema.default("always"),
});

/** An annotator: an extra actor that may declare the form of its answers. */
const annotatorSchema = extraActorSchema.extend({
  /** `{type: scale, min, max}`, `{type: label, labels}` or `{type: json, fields}`; free text when absent. */
  answerForm: answerFormSchema.optional(),
});

const wholeCount = (least: number) => z.int().min(least);

/** The `discussions` section: what `syndisco run` generates. */
const discussionsSchema = z.strictObject({
  /** Required, except in a study whose levels name every cell's model. */
  model: modelNameSchema.optional(),
  count: wholeCount(1).default(5),
  turns: wholeCount(1).default(10),
  activeUsers: wholeCount(1).default(2),
  historyLength: wholeCount(0).default(3),
  turnManager: turnManagerSchema.default({ type: "round_robin" }),
  seedOpinions: seedOpinionsSchema.default([]),
  /** Seed threads from a CSV file, instead of `seedOpinions`. */
  seedThreads: seedThreadsSchema.optional(),
  moderator: moderatorSchema.optional(),
  /** Ends a discussion after this many participant turns in a row without a comment. */
  endAfterSilentTurns: wholeCount(1).optional(),
  usernames: usernamesSchema.default("persona"),
});

/** The persona pool: a SynDisco persona file, or a list of persona objects. */
const personasSchema = z.union([z.string().min(1), z.array(personaObjectSchema).min(1)], {
  error: "expected the path of a persona JSON file, or a list of persona objects",
});

/** A factor, level or set name: it goes into folder names and `--cells` filters. */
const designNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a factor, level or set name may hold letters, digits, '.', '_' and '-'");

/** What one level of a study's factor changes in the discussion setup; the rest stays as configured. */
const levelSchema = z.strictObject({
  model: modelNameSchema.optional(),
  /** `none`, or changes to the moderator (a whole one where `discussions` has none). */
  moderator: z
    .union([z.literal("none"), extraActorSchema.partial().extend({ policy: moderatorPolicySchema.optional() })])
    .optional(),
  instructions: instructionsSchema.optional(),
  context: z.string().optional(),
  personas: personasSchema.optional(),
  turnManager: turnManagerSchema.optional(),
  turns: wholeCount(1).optional(),
  activeUsers: wholeCount(1).optional(),
  historyLength: wholeCount(0).optional(),
  seedOpinions: seedOpinionsSchema.optional(),
  seedThreads: seedThreadsSchema.optional(),
  endAfterSilentTurns: wholeCount(1).optional(),
  usernames: usernamesSchema.optional(),
});

/** The levels a set takes of a factor: `all`, or a list. */
const levelChoiceSchema = z.union([z.literal("all"), z.array(designNameSchema).min(1)], {
  error: "expected all, or a list of level names",
});

/** A set of cells: a crossing, or (with `vary`) the crossing's cells with one factor changed at a time. */
const studySetSchema = z.strictObject({
  cross: z
    .union([z.array(designNameSchema).min(1), z.record(designNameSchema, levelChoiceSchema)], {
      error: "expected a list of factors, or factors with the levels to cross (all, or a list)",
    })
    .optional(),
  vary: z.record(designNameSchema, levelChoiceSchema).optional(),
  replicates: wholeCount(1),
});

/** The `study` section: factors with named levels, and the sets of cells to run. */
const studySchema = z.strictObject({
  factors: z
    .record(designNameSchema, z.record(designNameSchema, levelSchema))
    .refine((factors) => Object.keys(factors).length > 0, { message: "name at least one factor" }),
  /** Default: one set, `main`, the full crossing with `discussions.count` replicates. */
  sets: z.record(designNameSchema, studySetSchema).optional(),
  /** How many cells run at once while their model is loaded. */
  concurrency: wholeCount(1).default(1),
});

/** The `annotation` section: what `syndisco annotate` (and `run`, after the discussions) does. */
const annotationSchema = z.strictObject({
  model: modelNameSchema,
  annotators: z.array(annotatorSchema).min(1, "list at least one annotator"),
  historyLength: wholeCount(1).default(3),
  includeModeratorComments: z.boolean().default(true),
  answerRetries: wholeCount(0).default(2),
  /** Comments of a discussion annotated at once; by default the model's concurrency shared between annotations. */
  commentConcurrency: wholeCount(1).optional(),
});

/** The output folder (discussions/ and annotations/ go inside it) and the format of the files written there. */
const outputSchema = z
  .union(
    [
      z.string().min(1),
      z.strictObject({
        dir: z.string().min(1).default("./syndisco-output"),
        /** `syndisco-2.2` writes exactly SynDisco 2.2's files, our keys in a `NAME.meta.json` beside each. */
        format: z.enum(["syndisco-2.0", "syndisco-2.2"]).default("syndisco-2.0"),
      }),
    ],
    { error: "expected a folder, or { dir: ./folder, format: syndisco-2.0 or syndisco-2.2 }" },
  )
  .default("./syndisco-output")
  .transform((output) => (typeof output === "string" ? { dir: output, format: "syndisco-2.0" as const } : output));

/** The whole config file. */
export const configSchema = z.strictObject({
  models: z.record(modelNameSchema, modelEntrySchema).refine((models) => Object.keys(models).length > 0, {
    message: "name at least one model",
  }),
  personas: personasSchema.optional(),
  context: z.string().default("You are taking part in an online conversation"),
  /** Text, `{ file: ./path.txt }`, or a weighted mix that each participant draws from. */
  instructions: instructionsSchema.default("Act like a human would"),
  // "2.2" makes every actor send SynDisco 2.2's prompts, byte for byte.
  promptStyle: z.enum(["2.0", "2.2"]).default("2.0"),
  discussions: discussionsSchema.optional(),
  study: studySchema.optional(),
  annotation: annotationSchema.optional(),
  output: outputSchema,
  seed: z.int().min(0).max(MAX_SEED).optional(),
  concurrency: wholeCount(1).default(1),
});

/** A config file as written (before defaults). */
export type ConfigInput = z.input<typeof configSchema>;
/** A validated config, with defaults filled in. */
export type ConfigData = z.output<typeof configSchema>;
/** One validated entry of `models`. */
export type ModelEntry = z.output<typeof modelEntrySchema>;
/** A validated `discussions` section. */
export type DiscussionsSection = z.output<typeof discussionsSchema>;
/** A validated `annotation` section. */
export type AnnotationSection = z.output<typeof annotationSchema>;
/** A validated `study` section. */
export type StudySection = z.output<typeof studySchema>;
/** What one level of a study's factor changes. */
export type LevelSetting = z.output<typeof levelSchema>;
/** A validated moderator (or annotator) entry. */
export type ExtraActorSetting = z.output<typeof extraActorSchema>;
/** A validated persona pool setting. */
export type PersonasSetting = z.output<typeof personasSchema>;
/** A validated turn manager setting. */
export type TurnManagerSetting = z.output<typeof turnManagerSchema>;
