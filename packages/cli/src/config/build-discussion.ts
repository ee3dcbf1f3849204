import { Actor, ActorType, type CellSetup, InputError, type Persona } from "@syndisco/core";
import { buildTurnManager, type ModelLookup } from "./build-experiments.js";
import type { DiscussionSetup } from "./discussion-setup.js";
import type { LoadedConfig } from "./load-config.js";
import { inlinePersona } from "./load-personas.js";

/**
 * The options of the discussion experiment that a setup describes, over a persona pool, without the
 * number of discussions and the seed (a run's config or a study's cell gives those).
 *
 * @param where - what the setup belongs to, for errors: `discussions`, or a study cell's id.
 */
export function discussionOptions(
  config: LoadedConfig,
  setup: DiscussionSetup,
  personas: readonly Persona[],
  model: ModelLookup,
  where = "discussions",
): CellSetup {
  const mainModel = requireModel(config, setup, where);
  const users = personas.map(
    (persona) =>
      new Actor({
        model: model(mainModel),
        persona,
        context: setup.context,
        instructions: "text" in setup.instructions ? setup.instructions.text : "",
        actorType: ActorType.USER,
        promptStyle: config.data.promptStyle,
      }),
  );
  const { moderator } = setup;
  return {
    users,
    seedOpinions: setup.seedOpinions,
    ...(moderator
      ? {
          moderator: new Actor({
            model: model(moderator.model ?? mainModel),
            persona: inlinePersona(moderator.persona, config, `${moderator.field}.persona`),
            context: moderator.context ?? setup.context,
            instructions: moderator.instructions,
            actorType: ActorType.USER,
            promptStyle: config.data.promptStyle,
          }),
          moderatorPolicy: moderator.policy,
        }
      : {}),
    ...(setup.endAfterSilentTurns === undefined ? {} : { endAfterSilentTurns: setup.endAfterSilentTurns }),
    nextTurnManager: buildTurnManager(setup.turnManager, config.data.seed),
    historyCtxLen: setup.historyLength,
    numTurns: setup.turns,
    numActiveUsers: setup.activeUsers,
    concurrency: config.data.concurrency,
    ...("mix" in setup.instructions ? { instructionMix: setup.instructions.mix } : {}),
    usernames: setup.usernames,
  };
}

/** The keys of `models` a setup uses: its main model, then the moderator's when it differs. */
export function setupModels(config: LoadedConfig, setup: DiscussionSetup, where = "discussions"): string[] {
  const main = requireModel(config, setup, where);
  const moderator = setup.moderator?.model ?? main;
  return moderator === main ? [main] : [main, moderator];
}

function requireModel(config: LoadedConfig, setup: DiscussionSetup, where: string): string {
  if (setup.model !== undefined) return setup.model;
  throw new InputError(
    where === "discussions" ? "missing" : `the study cell ${where} has no model`,
    where === "discussions"
      ? { file: config.displayPath, field: "discussions.model", fix: "Name one of the models" }
      : {
          file: config.displayPath,
          field: "discussions.model",
          fix: "Name a model under discussions.model, or give every level of a factor its model",
        },
  );
}
