// A pass-through model that adds up what the backend reports for every reply, so that a row can count
// generated tokens (from the replies' completionTokens) and evaluated prompt tokens without touching the
// backend. It costs one extra async call per prompt, which is nothing beside a model call.

/** Token counts of the replies of one phase (discussions or annotations). */
export function emptyTally() {
  return { calls: 0, promptTokens: 0, evaluatedPromptTokens: 0, completionTokens: 0, unmeteredCalls: 0 };
}

/**
 * Wraps `inner` (any SynDisco `BaseModel`) in a model of core's `BaseModel` class that forwards each
 * prompt and passes the reply to `onReply(messages, options, reply)`.
 */
export function meteredModel(core, inner, onReply) {
  class MeteredModel extends core.BaseModel {
    concurrency = inner.concurrency;

    async generate(messages, options) {
      const reply = await inner.prompt(messages, options);
      onReply(messages, options, reply);
      return reply;
    }
  }
  return new MeteredModel({ name: inner.name, maxOutTokens: inner.maxOutTokens });
}

/** Adds one reply to a tally; `unmeteredCalls` counts the replies that did not say how much was evaluated. */
export function addReply(tally, reply) {
  tally.calls += 1;
  tally.promptTokens += reply.promptTokens ?? 0;
  tally.completionTokens += reply.completionTokens ?? 0;
  if (reply.evaluatedPromptTokens === undefined) tally.unmeteredCalls += 1;
  else tally.evaluatedPromptTokens += reply.evaluatedPromptTokens;
}
