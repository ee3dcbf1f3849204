import { loggingSetup } from "@syndisco/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  completion,
  inOrder,
  type ScriptedResponse,
  type TestServer,
  useTestServers,
} from "../test/misbehaving-server.js";
import { OpenAIModel } from "./index.js";
import { ModelServerError } from "./model-server-error.js";

// What this backend puts on the wire itself, now that it builds its requests and reads its replies without
// the openai SDK: headers, the address, and how a reply that is not JSON is read.

const chat = [{ role: "user" as const, content: "User Alex posted:\nHello?" }];

beforeAll(() => loggingSetup({ printToTerminal: false, logWarnings: false }));

const startServer = useTestServers();

const serve = (...responses: ScriptedResponse[]): Promise<TestServer> => startServer(inOrder(...responses));

describe("requests on the wire", () => {
  it("carry the key as a bearer token, a JSON body, and OpenAI's organization and project from the environment", async () => {
    const server = await serve({ body: completion("Hi.") });
    const saved = { org: process.env.OPENAI_ORG_ID, project: process.env.OPENAI_PROJECT_ID };
    process.env.OPENAI_ORG_ID = "org-test";
    process.env.OPENAI_PROJECT_ID = "proj_test";
    let model: OpenAIModel;
    try {
      model = new OpenAIModel({ modelName: "stories", baseUrl: server.url, apiKey: "sk-wire", maxOutTokens: 5 });
    } finally {
      restore("OPENAI_ORG_ID", saved.org);
      restore("OPENAI_PROJECT_ID", saved.project);
    }
    expect((await model.prompt(chat)).text).toBe("Hi.");
    await model.dispose();

    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers).toMatchObject({
      authorization: "Bearer sk-wire",
      "content-type": "application/json",
      accept: "application/json",
      "openai-organization": "org-test",
      "openai-project": "proj_test",
    });
    expect(request?.body).toMatchObject({ model: "stories", messages: chat, max_tokens: 5, temperature: 0 });
  });

  it("keep a query that the base URL carries after the path", async () => {
    const server = await serve({ body: completion("Hi.") });
    const model = new OpenAIModel({
      modelName: "stories",
      baseUrl: `${server.url}/?api-version=2024-06-01`,
      maxOutTokens: 5,
    });
    expect((await model.prompt(chat)).text).toBe("Hi.");
    await model.dispose();
    expect(server.requests.map((request) => request.path)).toEqual(["/v1/chat/completions?api-version=2024-06-01"]);
  });
});

describe("replies that are not what was asked for", () => {
  it("retries a page that is not JSON, and says what came when it keeps coming", async () => {
    const page = { headers: { "content-type": "text/html" }, body: "<html>Bad gateway</html>" };
    const server = await serve(page, page, { body: completion("Back.") });
    const model = new OpenAIModel({ modelName: "stories", baseUrl: server.url, maxOutTokens: 5, retryDelayMs: 10 });
    expect((await model.prompt(chat)).text).toBe("Back.");
    expect(server.requests).toHaveLength(3);

    const failing = await serve(page);
    const strict = new OpenAIModel({
      modelName: "stories",
      baseUrl: failing.url,
      maxOutTokens: 5,
      retryDelayMs: 10,
      maxRetries: 1,
    });
    const error = await strict.prompt(chat).catch((caught: unknown) => caught);
    await Promise.all([model.dispose(), strict.dispose()]);
    expect(error).toBeInstanceOf(ModelServerError);
    expect(error).toMatchObject({ problem: "invalid-json", attempts: 2 });
    expect((error as Error).message).toBe(
      `${failing.url} (model stories): the reply is not a JSON object (got text: <html>Bad gateway</html>); ` +
        "gave up after 2 attempts",
    );
  });

  it("quotes the text of an error status whose body is not JSON", async () => {
    const server = await serve({ status: 400, headers: { "content-type": "text/plain" }, body: "bad request\n" });
    const model = new OpenAIModel({ modelName: "stories", baseUrl: server.url, maxOutTokens: 5 });
    const error = await model.prompt(chat).catch((caught: unknown) => caught);
    await model.dispose();
    expect(error).toMatchObject({ problem: "http-status", status: 400, attempts: 1 });
    expect((error as Error).message).toBe(`${server.url} (model stories): the server answered 400: bad request`);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
