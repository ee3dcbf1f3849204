import { InputError, type ModeratorPolicy, type SeedItem } from "@syndisco/core";
import type { LoadedConfig } from "./load-config.js";
import { readSeedThreads } from "./read-seed-threads.js";
import { type ResolvedInstructions, readInstructions, readTextSetting } from "./read-texts.js";
import type { LevelSetting, PersonasSetting, TurnManagerSetting } from "./schema.js";
import type { SeedThreadsSetting } from "./seed-schema.js";

/** A moderator with its instructions read. */
export interface ModeratorSetup {
  persona: Record<string, unknown>;
  instructions: string;
  /** A key of `models`; the discussions' model when absent. */
  model: string | undefined;
  context: string | undefined;
  /** When it speaks. */
  policy: ModeratorPolicy;
  /** Where its persona came from in the config, for errors. */
  field: string;
}

/**
 * Everything one discussion experiment (a run's, or one study cell's) is made of, with every file read: the
 * `discussions` section with the top-level `context`, `instructions` and `personas`, and, in a study, the
 * cell's levels applied over them.
 */
export interface DiscussionSetup {
  model: string | undefined;
  context: string;
  instructions: ResolvedInstructions;
  personas: PersonasSetting | undefined;
  /** Where the persona pool is set in the config, for errors. */
  personasField: string;
  moderator: ModeratorSetup | undefined;
  turnManager: TurnManagerSetting;
  turns: number;
  activeUsers: number;
  historyLength: number;
  /** The seed pool: `seedOpinions` as written, or the threads `seedThreads` reads from its CSV file. */
  seedOpinions: SeedItem[];
  endAfterSilentTurns: number | undefined;
  usernames: "persona" | "random";
}

/** The setup of a config's `discussions` section (which must exist). */
export function baseSetup(config: LoadedConfig): DiscussionSetup {
  const { data } = config;
  const section = data.discussions;
  if (!section) throw new Error("the config has no discussions section");
  const moderator = section.moderator;
  return {
    model: section.model,
    context: data.context,
    instructions: readInstructions(config, data.instructions, "instructions"),
    personas: data.personas,
    personasField: "personas",
    moderator: moderator
      ? {
          persona: moderator.persona,
          instructions: readTextSetting(config, moderator.instructions, "discussions.moderator.instructions"),
          model: moderator.model,
          context: moderator.context,
          policy: moderator.policy,
          field: "discussions.moderator",
        }
      : undefined,
    turnManager: section.turnManager,
    turns: section.turns,
    activeUsers: section.activeUsers,
    historyLength: section.historyLength,
    seedOpinions: seedPool(config, section, "discussions") ?? [],
    endAfterSilentTurns: section.endAfterSilentTurns,
    usernames: section.usernames,
  };
}

/**
 * A setup with one level's changes applied.
 *
 * @param field - the level in the config (`study.factors.moderation.rules`), for errors.
 * @throws {@link InputError} naming the level when it changes a moderator that does not exist into half a one.
 */
export function applyLevel(
  config: LoadedConfig,
  setup: DiscussionSetup,
  level: LevelSetting,
  field: string,
): DiscussionSetup {
  const next: DiscussionSetup = { ...setup };
  if (level.model !== undefined) next.model = level.model;
  if (level.context !== undefined) next.context = level.context;
  if (level.instructions !== undefined) {
    next.instructions = readInstructions(config, level.instructions, `${field}.instructions`);
  }
  if (level.personas !== undefined) {
    next.personas = level.personas;
    next.personasField = `${field}.personas`;
  }
  if (level.turnManager !== undefined) next.turnManager = level.turnManager;
  if (level.turns !== undefined) next.turns = level.turns;
  if (level.activeUsers !== undefined) next.activeUsers = level.activeUsers;
  if (level.historyLength !== undefined) next.historyLength = level.historyLength;
  const seeds = seedPool(config, level, field);
  if (seeds !== undefined) next.seedOpinions = seeds;
  if (level.usernames !== undefined) next.usernames = level.usernames;
  if (level.endAfterSilentTurns !== undefined) next.endAfterSilentTurns = level.endAfterSilentTurns;
  if (level.moderator === "none") next.moderator = undefined;
  else if (level.moderator !== undefined) next.moderator = changedModerator(config, setup.moderator, level, field);
  return next;
}

/**
 * The seed pool a section or level sets, if it sets one: its `seedOpinions`, or the threads of its
 * `seedThreads` (not both).
 */
function seedPool(
  config: LoadedConfig,
  where: { seedOpinions?: SeedItem[] | undefined; seedThreads?: SeedThreadsSetting | undefined },
  field: string,
): SeedItem[] | undefined {
  if (where.seedThreads === undefined) return where.seedOpinions;
  if (where.seedOpinions !== undefined && where.seedOpinions.length > 0) {
    throw new InputError("seedOpinions and seedThreads cannot be used together", {
      file: config.displayPath,
      field: `${field}.seedThreads`,
      fix: "Keep one: the comments written in the config, or the threads of the CSV file",
    });
  }
  return readSeedThreads(config, where.seedThreads, `${field}.seedThreads`);
}

function changedModerator(
  config: LoadedConfig,
  moderator: ModeratorSetup | undefined,
  level: LevelSetting,
  field: string,
): ModeratorSetup {
  const change = level.moderator === "none" ? {} : (level.moderator ?? {});
  const persona = change.persona ?? moderator?.persona;
  const instructions =
    change.instructions !== undefined
      ? readTextSetting(config, change.instructions, `${field}.moderator.instructions`)
      : moderator?.instructions;
  if (!persona || instructions === undefined) {
    throw new InputError(`the level adds a moderator without ${persona ? "instructions" : "a persona"}`, {
      file: config.displayPath,
      field: `${field}.moderator`,
      fix: "Give it persona and instructions, or define the moderator under discussions and change only what differs",
    });
  }
  return {
    persona,
    instructions,
    model: change.model ?? moderator?.model,
    context: change.context ?? moderator?.context,
    policy: change.policy ?? moderator?.policy ?? "always",
    field: change.persona ? `${field}.moderator` : (moderator?.field ?? `${field}.moderator`),
  };
}
