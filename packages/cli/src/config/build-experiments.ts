import {
  Actor,
  ActorType,
  AnnotationExperiment,
  type BaseModel,
  DiscussionExperiment,
  type Persona,
  QueueTurnManager,
  RandomTurnManager,
  RandomWeighted,
  RespondTurnManager,
  RoundRobin,
  type TurnManager,
} from "@syndisco/core";
import { discussionOptions, setupModels } from "./build-discussion.js";
import { baseSetup } from "./discussion-setup.js";
import type { LoadedConfig } from "./load-config.js";
import { inlinePersona } from "./load-personas.js";
import { readTextSetting } from "./read-texts.js";
import type { TurnManagerSetting } from "./schema.js";

/** Gives the model loaded for a key of `models`. */
export type ModelLookup = (name: string) => BaseModel;

/** The keys of `models` that the discussions and/or the annotation of a config use, in config order. */
export function modelsUsed(config: LoadedConfig, parts: { discussions: boolean; annotation: boolean }): string[] {
  const used = new Set<string>();
  const { discussions, annotation } = config.data;
  if (parts.discussions && discussions) {
    for (const name of setupModels(config, baseSetup(config))) used.add(name);
  }
  if (parts.annotation && annotation) {
    used.add(annotation.model);
    for (const annotator of annotation.annotators) used.add(annotator.model ?? annotation.model);
  }
  return Object.keys(config.data.models).filter((name) => used.has(name));
}

/** The turn manager a config's `discussions.turnManager` describes. */
export function buildTurnManager(setting: TurnManagerSetting, seed: number | undefined): TurnManager {
  const seeded = seed === undefined ? {} : { seed };
  switch (setting.type) {
    case "round_robin":
      return new RoundRobin();
    case "random_weighted":
      return new RandomWeighted({ pRespond: setting.pRespond, ...seeded });
    case "random":
      return new RandomTurnManager({ avoidLastSpeaker: setting.avoidLastSpeaker, ...seeded });
    case "queue":
      return new QueueTurnManager({ randomizeFirstSpeaker: setting.randomizeFirstSpeaker, ...seeded });
    case "respond":
      return new RespondTurnManager({ pRespond: setting.pRespond, ...seeded });
  }
}

/** The discussion experiment of a config's `discussions` section, over the persona pool. */
export function buildDiscussionExperiment(
  config: LoadedConfig,
  personas: readonly Persona[],
  model: ModelLookup,
): DiscussionExperiment {
  const { data } = config;
  const section = data.discussions;
  if (!section) throw new Error("the config has no discussions section");
  return new DiscussionExperiment({
    ...discussionOptions(config, baseSetup(config), personas, model),
    numDiscussions: section.count,
    format: data.output.format,
    ...(data.seed === undefined ? {} : { seed: data.seed }),
  });
}

/** The annotation experiment of a config's `annotation` section. */
export function buildAnnotationExperiment(config: LoadedConfig, model: ModelLookup): AnnotationExperiment {
  const { data } = config;
  const section = data.annotation;
  if (!section) throw new Error("the config has no annotation section");
  const annotators = section.annotators.map(
    (annotator, index) =>
      new Actor({
        model: model(annotator.model ?? section.model),
        persona: inlinePersona(annotator.persona, config, `annotation.annotators[${index}].persona`),
        context: annotator.context ?? data.context,
        instructions: readTextSetting(config, annotator.instructions, `annotation.annotators[${index}].instructions`),
        actorType: ActorType.ANNOTATOR,
        promptStyle: data.promptStyle,
        ...(annotator.answerForm ? { answerForm: annotator.answerForm } : {}),
      }),
  );
  return new AnnotationExperiment({
    annotators,
    historyCtxLen: section.historyLength,
    includeModComments: section.includeModeratorComments,
    answerRetries: section.answerRetries,
    ...(section.commentConcurrency === undefined ? {} : { commentConcurrency: section.commentConcurrency }),
    concurrency: data.concurrency,
    format: data.output.format,
    ...(data.seed === undefined ? {} : { seed: data.seed }),
  });
}
