// The experiment that every framework row runs: discussions drawn from a pool of personas, then every
// discussion annotated by two annotators, as a SynDisco user's experiment would be, at a chosen concurrency.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addReply, emptyTally, meteredModel } from "./metered-model.mjs";

/** The size of a full run: 16 discussions of 8 turns among 3 participants, annotated by 2 annotators. */
export const FULL_WORKLOAD = Object.freeze({
  discussions: 16,
  turns: 8,
  participants: 3,
  annotators: 2,
  historyCtxLen: 3,
  maxOutTokens: 32,
});

/** `--quick`: enough to check that every row runs, not to measure. */
export const QUICK_WORKLOAD = Object.freeze({ ...FULL_WORKLOAD, discussions: 4, turns: 4 });

const CONTEXT = "You are taking part in an online conversation";

const PERSONAS = [
  { username: "Emma35", age: 35, sex: "female", education_level: "Bachelor's", personality_characteristics: ["calm"] },
  { username: "Giannis", age: 21, sex: "male", current_employment: "Student", personality_characteristics: ["bold"] },
  { username: "Lena", age: 48, sex: "female", demographic_group: "Urban", personality_characteristics: ["kind"] },
  { username: "Marco", age: 62, sex: "male", current_employment: "Retired", personality_characteristics: ["wry"] },
  { username: "Sofia", age: 29, sex: "female", education_level: "PhD", personality_characteristics: ["curious"] },
  { username: "Kai", age: 40, sex: "non-binary", current_employment: "Nurse", personality_characteristics: ["blunt"] },
];

const SEED_OPINIONS = [
  "Cities should ban cars from their centres.",
  "Homework does more harm than good.",
  "Every town needs a bigger park.",
  "Pets make people happier.",
];

const ANNOTATORS = [
  { username: "Annotator1", age: 38, sex: "female", personality_characteristics: ["careful"] },
  { username: "Annotator2", age: 44, sex: "male", personality_characteristics: ["strict"] },
];

/** The workload's participants (all of the persona pool) and annotators, speaking through `model`. */
export function workloadActors(core, model, workload) {
  const actor = (persona, instructions, actorType) =>
    new core.Actor({ model, persona: new core.Persona(persona), context: CONTEXT, instructions, actorType });
  const users = PERSONAS.map((persona) => actor(persona, "Act like a human would", core.ActorType.USER));
  const annotators = ANNOTATORS.slice(0, workload.annotators).map((persona) =>
    actor(
      persona,
      "Rate how toxic the last comment is, from 1 to 5. Answer with the number.",
      core.ActorType.ANNOTATOR,
    ),
  );
  return { users, annotators };
}

/** The workload's discussion experiment, `concurrency` discussions at once. */
export function workloadDiscussions(core, users, { workload, concurrency }) {
  return new core.DiscussionExperiment({
    users,
    seedOpinions: SEED_OPINIONS,
    numDiscussions: workload.discussions,
    numTurns: workload.turns,
    numActiveUsers: workload.participants,
    historyCtxLen: workload.historyCtxLen,
    seed: 7,
    concurrency,
  });
}

/**
 * Runs the discussions and then their annotation through `model`, `concurrency` at a time, into a temporary
 * folder that is removed afterwards.
 *
 * @param core - the imported `@syndisco/core`.
 * @param model - any SynDisco model; it is wrapped to count the tokens of every reply.
 * @param options.onReply - also sees every reply (with its phase), for example to record the prompts.
 * @returns per phase: wall-clock seconds and token counts; `discussions` also says how many ran.
 */
export async function runExperiments(core, model, { workload, concurrency, annotate = true, onReply }) {
  const tallies = { discussions: emptyTally(), annotations: emptyTally() };
  let phase = "discussions";
  const metered = meteredModel(core, model, (messages, options, reply) => {
    addReply(tallies[phase], reply);
    onReply?.({ phase, messages, options, reply });
  });
  const { users, annotators } = workloadActors(core, metered, workload);

  const folder = mkdtempSync(join(tmpdir(), "syndisco-bench-"));
  try {
    const discussionsDir = join(folder, "discussions");
    const discussions = workloadDiscussions(core, users, { workload, concurrency });
    const discussionSeconds = await timed(() => discussions.begin({ outputDir: discussionsDir, handleSignals: false }));
    let annotationSeconds = 0;
    if (annotate && annotators.length > 0) {
      phase = "annotations";
      const annotation = new core.AnnotationExperiment({
        annotators,
        historyCtxLen: workload.historyCtxLen,
        seed: 7,
        concurrency,
      });
      annotationSeconds = await timed(() =>
        annotation.begin({ discussionsDir, outputDir: join(folder, "annotations"), handleSignals: false }),
      );
    }
    return {
      discussions: { ...tallies.discussions, count: workload.discussions, seconds: discussionSeconds },
      annotations: { ...tallies.annotations, seconds: annotationSeconds },
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs one experiment, checks that every unit finished, and returns its wall-clock seconds. */
async function timed(begin) {
  const startedAt = performance.now();
  const summary = await begin();
  const seconds = (performance.now() - startedAt) / 1000;
  if (summary.failed.length > 0 || summary.finished !== summary.total) {
    const first = summary.failed[0];
    throw new Error(
      `${summary.total - summary.finished} of ${summary.total} units did not finish` +
        (first ? ` (${first.unitId}: ${first.error})` : ""),
    );
  }
  return seconds;
}

/**
 * The numbers a framework row reports for one run: discussions per minute (of the discussion phase),
 * generated tokens per second (both phases), and the share of discussion prompt tokens actually evaluated.
 */
export function experimentMetrics({ discussions, annotations }) {
  const seconds = discussions.seconds + annotations.seconds;
  const completionTokens = discussions.completionTokens + annotations.completionTokens;
  return {
    discussionsPerMinute: (discussions.count / discussions.seconds) * 60,
    tokensPerSecond: completionTokens / seconds,
    seconds,
    discussionSeconds: discussions.seconds,
    annotationSeconds: annotations.seconds,
    completionTokens,
    evaluatedShare: evaluatedShare(discussions),
    annotationEvaluatedShare: evaluatedShare(annotations),
  };
}

/** The share of prompt tokens evaluated, when every reply reported it (the openai backend's do not). */
function evaluatedShare(tally) {
  return tally.unmeteredCalls === 0 && tally.promptTokens > 0
    ? tally.evaluatedPromptTokens / tally.promptTokens
    : undefined;
}
