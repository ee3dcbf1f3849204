import {
  Actor,
  ActorType,
  Annotation,
  type AnswerForm,
  answerJsonSchema,
  type DiscussionFile,
  loggingSetup,
  Persona,
} from "@syndisco/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Behaviour,
  completion,
  type ReceivedRequest,
  type TestServer,
  useTestServers,
} from "../test/misbehaving-server.js";
import { OpenAIModel, type OpenAIModelOptions } from "./index.js";
import { ModelServerError } from "./model-server-error.js";

const FORM: AnswerForm = { type: "label", labels: ["toxic", "not toxic"] };
const SCHEMA = answerJsonSchema(FORM);
const chat = [
  { role: "system" as const, content: "You are a content moderator." },
  { role: "user" as const, content: "User Giannis posted:\nOnly fools want that." },
];

// Keep SynDisco's log lines out of the test report.
beforeAll(() => loggingSetup({ printToTerminal: false, logWarnings: false }));

const startServer = useTestServers();

const serve = (behaviour: Behaviour): Promise<TestServer> => startServer(behaviour);

function modelFor(server: TestServer, options: Partial<OpenAIModelOptions> = {}): OpenAIModel {
  return new OpenAIModel({ modelName: "stories", baseUrl: server.url, maxOutTokens: 40, retryDelayMs: 20, ...options });
}

/** A server that knows no structured outputs: it refuses `response_format` as vLLM does an unknown field. */
const refusesResponseFormat: Behaviour = (request) =>
  "response_format" in request.body
    ? {
        status: 400,
        body: { error: { message: "response_format: extra inputs are not permitted", type: "invalid_request_error" } },
      }
    : { body: completion("not toxic") };

/** A server that answers a structured-output request with the first label of the schema's enum. */
const followsTheSchema: Behaviour = (request: ReceivedRequest) => {
  const format = request.body.response_format as { json_schema?: { schema?: typeof SCHEMA } } | undefined;
  const labels = (format?.json_schema?.schema?.properties as { answer: { enum: string[] } } | undefined)?.answer.enum;
  return { body: completion(labels ? JSON.stringify({ answer: labels[0] }) : "I am not sure.") };
};

describe("structured outputs over HTTP", () => {
  it("sends a prompt's response schema as response_format, and nothing when the prompt has none", async () => {
    const server = await serve(followsTheSchema);
    const model = modelFor(server);
    const reply = await model.prompt(chat, { responseSchema: SCHEMA, stop: ["\n\n"] });
    await model.prompt(chat);

    expect(reply.text).toBe('{"answer":"toxic"}');
    const [constrained, free] = server.requests;
    expect(constrained?.body.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "answer", schema: SCHEMA, strict: true },
    });
    expect(free?.body).not.toHaveProperty("response_format");
  });

  it("sends no response_format with structuredOutputs: false", async () => {
    const server = await serve(refusesResponseFormat);
    const reply = await modelFor(server, { structuredOutputs: false }).prompt(chat, { responseSchema: SCHEMA });
    expect(reply.text).toBe("not toxic");
    expect(server.requests[0]?.body).not.toHaveProperty("response_format");
  });

  it("when a server refuses response_format with 400, fails at once and says to set structuredOutputs: false", async () => {
    const server = await serve(refusesResponseFormat);
    const error = await modelFor(server)
      .prompt(chat, { responseSchema: SCHEMA })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ModelServerError);
    expect(error).toMatchObject({ problem: "http-status", status: 400, attempts: 1 });
    expect((error as ModelServerError).message).toBe(
      `${server.url} (model stories): the server answered 400: response_format: extra inputs are not permitted; ` +
        "the request asked for structured output (response_format with the answer's JSON schema): " +
        "if this server does not support it, set structuredOutputs: false",
    );
    expect(server.requests).toHaveLength(1);
  });

  it("carries a core annotator's answer form to the server in every request of an annotation", async () => {
    const server = await serve(followsTheSchema);
    const annotator = new Actor({
      model: modelFor(server),
      persona: new Persona({ username: "Annotator1", age: 33 }),
      context: "You are a content moderator",
      instructions: "Rate the toxicity of the last comment",
      actorType: ActorType.ANNOTATOR,
      answerForm: FORM,
    });
    const conversation: DiscussionFile = {
      id: "d1",
      timestamp: "26-01-15-10-30",
      users: ["Emma35", "Giannis"],
      moderator: null,
      user_prompts: [],
      moderator_prompt: null,
      ctx_length: 2,
      logs: [
        { name: "Emma35", text: "Should the park stay open at night?", model: "hardcoded" },
        { name: "Giannis", text: "Only fools want that.", model: "test_model" },
      ],
    };
    const annotation = new Annotation({ annotator, conversation });
    await annotation.begin({ verbose: false });

    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.body.response_format).toMatchObject({ json_schema: { schema: SCHEMA, strict: true } });
    }
    expect(annotation.toDict().annotation_details).toMatchObject([
      { valid: true, value: "toxic" },
      { valid: true, value: "toxic" },
    ]);
  });
});
