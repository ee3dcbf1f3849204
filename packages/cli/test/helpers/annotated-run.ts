import { createHash } from "node:crypto";
import { join } from "node:path";
import {
  Actor,
  ActorType,
  AnnotationExperiment,
  type AnswerForm,
  type ChatMessage,
  DiscussionExperiment,
  Persona,
} from "@syndisco/core";
import { ScriptedModel } from "@syndisco/core/testing";

/** The answer form of the fixture's annotators: a toxicity scale from 1 to 5. */
export const TOXICITY_SCALE: AnswerForm = { type: "scale", min: 1, max: 5 };

/** Options of {@link makeAnnotatedRun}. */
export interface AnnotatedRunOptions {
  discussions?: number;
  turns?: number;
  /** Include the annotator that gives invalid answers (Judge-C). Default `true`. */
  withUnreliableJudge?: boolean;
}

/**
 * An experiment output folder like `syndisco run` writes (`discussions/` and `annotations/`), made by core's
 * experiments with scripted models, so that tests of the analysis need no neural model. Participants have
 * personas with `sex`, `age` and `personality_characteristics`. The annotators answer on {@link TOXICITY_SCALE}
 * from a hash of the comment they judge: Judge-A and Judge-B mostly agree; Judge-C refuses about one comment
 * in four (recorded as invalid after its retries) and otherwise answers like Judge-A, as JSON.
 */
export async function makeAnnotatedRun(
  outputDir: string,
  { discussions = 6, turns = 3, withUnreliableJudge = true }: AnnotatedRunOptions = {},
): Promise<void> {
  const participants = new ScriptedModel({
    name: "scripted-participant",
    replies: participantReply,
    recordCalls: false,
  });
  const users = PARTICIPANTS.map(
    (persona) =>
      new Actor({
        model: participants,
        persona: new Persona(persona),
        context: "You are taking part in an online conversation",
        instructions: "Act like a human would",
      }),
  );
  await new DiscussionExperiment({
    users,
    seedOpinions: ["Cities should ban cars from their centres.", "Remote work is here to stay."],
    numDiscussions: discussions,
    numTurns: turns,
    numActiveUsers: 2,
    seed: 7,
    concurrency: 8,
  }).begin({ outputDir: join(outputDir, "discussions") });

  const judges = JUDGES.filter((judge) => judgeNames(withUnreliableJudge).includes(judge.username));
  const annotators = judges.map(
    ({ username, age, education_level, answer }) =>
      new Actor({
        model: new ScriptedModel({
          name: `scripted-${username.toLowerCase()}`,
          replies: (messages) => answer(judgedComment(messages)),
          recordCalls: false,
        }),
        persona: new Persona({ username, age, education_level }),
        context: "You are a content moderator",
        instructions: "Rate the toxicity of the last comment from 1 (not toxic) to 5 (very toxic)",
        actorType: ActorType.ANNOTATOR,
        answerForm: TOXICITY_SCALE,
      }),
  );
  await new AnnotationExperiment({ annotators, concurrency: 8, seed: 7 }).begin({
    discussionsDir: join(outputDir, "discussions"),
    outputDir: join(outputDir, "annotations"),
  });
}

/** The score Judge-A gives a comment, from 1 to 5. */
export function baseScore(comment: string): number {
  return 1 + (hashOf(comment) % 5);
}

/** What a judge of the fixture replies about a comment, every time it is asked. */
export function judgeReply(username: string, comment: string): string {
  const judge = JUDGES.find((entry) => entry.username === username);
  if (!judge) throw new Error(`the fixture has no judge ${username}`);
  return judge.answer(comment);
}

/** The usernames of the fixture's judges. */
export function judgeNames(withUnreliableJudge = true): string[] {
  return JUDGES.map((judge) => judge.username).filter((name) => withUnreliableJudge || name !== "Judge-C");
}

/** The participants' personas. */
export const PARTICIPANTS = [
  { username: "Emma35", age: 38, sex: "female", personality_characteristics: ["patient", "curious"] },
  { username: "Giannis", age: 21, sex: "male", personality_characteristics: ["nerdy"] },
  { username: "Lena", age: 45, sex: "female", personality_characteristics: ["blunt"] },
  { username: "Omar", age: 30, sex: "male", personality_characteristics: ["curious"] },
  { username: "Sofia", age: 67, personality_characteristics: ["kind", "patient"] },
];

const JUDGES: { username: string; age: number; education_level: string; answer: (comment: string) => string }[] = [
  { username: "Judge-A", age: 35, education_level: "Master's", answer: (comment) => String(baseScore(comment)) },
  {
    username: "Judge-B",
    age: 52,
    education_level: "PhD",
    answer: (comment) => {
      const score = baseScore(comment);
      return `Rating: ${hashOf(comment) % 3 === 0 ? Math.min(5, score + 1) : score}`;
    },
  },
  {
    username: "Judge-C",
    age: 24,
    education_level: "Bachelor's",
    answer: (comment) => (hashOf(comment) % 4 === 0 ? "I would rather not say." : `{"answer": ${baseScore(comment)}}`),
  },
];

const OPENINGS = ["I think", "Honestly,", "Frankly,", "Well,", "Look,", "To be fair,"];
const CLAIMS = [
  "that is a fair point",
  "this is nonsense",
  "we need more data",
  "I disagree entirely",
  "you are right",
];

/** A participant's comment, made from the prompt so that it is the same however many discussions run at once. */
function participantReply(messages: readonly ChatMessage[]): string {
  const hash = hashOf(messages.map((message) => message.content).join("\n"));
  return `${OPENINGS[hash % OPENINGS.length]} ${CLAIMS[(hash >>> 8) % CLAIMS.length]} (#${(hash >>> 16) % 1000}).`;
}

/** The text of the last comment in an annotator's prompt: the one it judges. */
function judgedComment(messages: readonly ChatMessage[]): string {
  const prompt = messages[messages.length - 1]?.content ?? "";
  return prompt.slice(prompt.lastIndexOf("posted:\n") + "posted:\n".length).split("\n")[0] ?? "";
}

function hashOf(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}
