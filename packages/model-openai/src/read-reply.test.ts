import { describe, expect, it } from "vitest";
import { completion } from "../test/misbehaving-server.js";
import { AttemptFailure } from "./attempt-failure.js";
import { readReply } from "./read-reply.js";

function failureOf(body: unknown, apiKey?: string): AttemptFailure {
  try {
    readReply(body, apiKey);
  } catch (error) {
    if (error instanceof AttemptFailure) return error;
    throw error;
  }
  throw new Error("readReply accepted the body");
}

describe("readReply", () => {
  it("quotes a text body without the key, wherever its 120-character cut falls", () => {
    const key = "sk-Q7vX2mZ9pL4wR8tK1nB6cY3hJ5dF0gS";
    for (let start = 120 - key.length - 2; start <= 122; start += 1) {
      const page = `<html>${"x".repeat(start - "<html>".length)}${key} echoed by a proxy</html>`;
      const message = failureOf(page, key).message;
      for (let piece = 0; piece + 4 <= key.length; piece += 1) {
        expect(message, `key at ${start}`).not.toContain(key.slice(piece, piece + 4));
      }
    }
  });

  it("takes the text, the token counts and the finish reason", () => {
    expect(readReply(completion("Hello there.", { promptTokens: 20, completionTokens: 3 }))).toEqual({
      text: "Hello there.",
      promptTokens: 20,
      completionTokens: 3,
      finishReason: "stop",
    });
  });

  it("reports a reply cut by the token limit as length, and a missing finish reason as unknown", () => {
    expect(readReply(completion("Once upon", { finishReason: "length" })).finishReason).toBe("length");
    const body = completion("Hi");
    (body.choices as unknown[])[0] = { message: { content: "Hi" } };
    expect(readReply(body).finishReason).toBe("unknown");
  });

  it("counts prompt tokens served from the server's cache as not evaluated", () => {
    const body = {
      ...completion("Hi"),
      usage: { prompt_tokens: 100, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 64 } },
    };
    expect(readReply(body)).toMatchObject({ promptTokens: 100, evaluatedPromptTokens: 36 });
  });

  it("leaves token counts out when the server sends no usage", () => {
    const { usage: _usage, ...body } = completion("Hi");
    expect(readReply(body)).toEqual({ text: "Hi", finishReason: "stop" });
  });

  it("rejects a reply without choices, without retrying", () => {
    for (const choices of [[], undefined, "x"]) {
      const failure = failureOf({ ...completion("x"), choices });
      expect(failure).toMatchObject({ problem: "no-choices", retriable: false, message: "the reply has no choices" });
    }
  });

  it("rejects a choice without a message", () => {
    expect(failureOf({ choices: [{ index: 0, finish_reason: "stop" }] })).toMatchObject({
      problem: "no-message",
      retriable: false,
    });
  });

  it("rejects null content and says why when the server does", () => {
    const toolCall = { choices: [{ message: { content: null, tool_calls: [{ id: "call_1", type: "function" }] } }] };
    expect(failureOf(toolCall)).toMatchObject({ problem: "null-content", retriable: false });
    expect(failureOf(toolCall).message).toContain("tool call");
    const refusal = { choices: [{ message: { content: null, refusal: "I can't help with that." } }] };
    expect(failureOf(refusal).message).toContain("the model refused: I can't help with that.");
  });

  it("rejects empty and whitespace-only text", () => {
    expect(failureOf(completion(""))).toMatchObject({ problem: "empty-text", retriable: false });
    expect(failureOf(completion(" \n\t"))).toMatchObject({ problem: "empty-text", retriable: false });
  });

  it("treats a body that is not a JSON object as a server fault worth retrying", () => {
    expect(failureOf(undefined)).toMatchObject({ problem: "invalid-json", retriable: true });
    expect(failureOf(undefined).message).toContain("an empty body");
    expect(failureOf("<html>Bad gateway</html>").message).toContain("text: <html>Bad gateway</html>");
    expect(failureOf([1, 2]).message).toContain("a JSON array");
  });
});
