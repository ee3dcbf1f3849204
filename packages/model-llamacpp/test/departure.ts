import type { LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";

/** Where a greedy reply departs from the greedy reply of the same prompt made another way. */
export interface Departure {
  /** The reply token at which they part (0 for the first). */
  step: number;
  /** The probability of the most likely next token there. */
  top: number;
  /** The probability of the token that the reference reply took there. */
  reference: number;
  /** The probability of the token that the other reply took there, 0 if it is none of the likeliest. */
  other: number;
  /** The text both replies share before they part. */
  shared: string;
}

/** How many of the likeliest next tokens are tried as the one a reply took. */
const CANDIDATES = 32;

/** Softmax of the raw logits: no temperature change, no truncation. */
const PROBABILITIES = { probabilities: true, options: { temperature: 1, topK: 0, topP: 1, minP: 0 } } as const;

/**
 * Finds where two greedy replies to one prompt part, by walking the reference reply token by token on a
 * sequence of its own and reading the model's next-token probabilities at each step. At each step the token a
 * reply took is the likeliest one whose text continues that reply (or, where the reply ends, one that starts a
 * stop string, or the end-of-text token).
 *
 * Decoding the same tokens in other batches changes logits only in their last digits, so it can turn a greedy
 * reply only where the two likeliest tokens are nearly tied. A reply made from a wrong prompt or cache parts
 * from the reference at any token, usually one the model is sure of.
 *
 * @param promptTokens - the prompt as the sequence evaluates it, beginning-of-text token included.
 * @param maxTokens - the most tokens either reply may have.
 */
export async function findDeparture(
  model: LlamaModel,
  sequence: LlamaContextSequence,
  {
    promptTokens,
    reference,
    other,
    stop,
    maxTokens,
  }: { promptTokens: Token[]; reference: string; other: string; stop: string[]; maxTokens: number },
): Promise<Departure | undefined> {
  await sequence.clearHistory();
  const taken: Token[] = [];
  let input: Parameters<LlamaContextSequence["controlledEvaluate"]>[0] = promptTokens.map((token, index) =>
    index === promptTokens.length - 1 ? [token, { generateNext: PROBABILITIES }] : token,
  );
  while (taken.length <= maxTokens) {
    const results = await sequence.controlledEvaluate(input);
    const probabilities = results[input.length - 1]?.next?.probabilities;
    if (!probabilities) throw new Error("the sequence gave no probabilities");
    const likeliest = [...probabilities.entries()].slice(0, CANDIDATES);
    const tookFor = (reply: string) =>
      likeliest.find(([token]) => continues(model, taken, token, reply, stop)) ?? [undefined, 0];
    const [referenceToken, referenceProbability] = tookFor(reference);
    const [otherToken, otherProbability] = tookFor(other);
    if (referenceToken === undefined || referenceToken !== otherToken || model.isEogToken(referenceToken)) {
      return {
        step: taken.length,
        top: likeliest[0]?.[1] ?? 0,
        reference: referenceProbability,
        other: otherProbability,
        shared: model.detokenize(taken),
      };
    }
    taken.push(referenceToken);
    const text = model.detokenize(taken);
    // Both replies ended here together: they are the same reply.
    if (text.length >= reference.length && text.length >= other.length) return undefined;
    input = [[referenceToken, { generateNext: PROBABILITIES }]];
  }
  throw new Error(`the walk took ${maxTokens} tokens without finding where "${reference}" and "${other}" part`);
}

/** Whether `reply` may have taken `token` after `taken`: its text goes on with it, or ends with it. */
function continues(model: LlamaModel, taken: Token[], token: Token, reply: string, stop: string[]): boolean {
  const before = model.detokenize(taken);
  if (model.isEogToken(token)) return before === reply;
  const text = model.detokenize([...taken, token]);
  // A token may add no text of its own (SentencePiece's word-start mark at the start of a reply).
  if (reply.startsWith(text)) return true;
  // A stop string ends a reply without its own text: the token may start it past the reply's end.
  if (!text.startsWith(reply) || before.length > reply.length) return false;
  const beyond = text.slice(reply.length);
  return stop.some((string) => string !== "" && (beyond.startsWith(string) || string.startsWith(beyond)));
}
