import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { haveTestModels } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { startCli } from "./helpers/cli-process.js";
import { storiesModelYaml } from "./helpers/stories-config.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const CLIENTS = ["Emma", "Giannis", "Lena", "Marco"];
const ROUNDS = 12;
/** Short replies run to their limit, so that a round's replies end together and rounds are what is tested. */
const MAX_TOKENS = 8;

/**
 * A client's chat at a round: the same system prompt every time, then a history that changes from round to
 * round, so that each request reuses its sequence's cached beginning and must erase the rest, as a discussion
 * actor's requests do.
 */
function messages(client: string, round: number) {
  return [
    { role: "system", content: `You are ${client}. You take part in a conversation about a park in the town.` },
    { role: "user", content: `Round ${round}: ${client} says the park needs more trees and a big red ball.` },
  ];
}

interface ChatResponse {
  choices: { message: { content: string } }[];
  usage: { prompt_tokens_details?: { cached_tokens: number } };
}

describe.skipIf(!haveTestModels())("syndisco serve batches concurrent clients over real HTTP", () => {
  it("decodes the requests of clients that each send their next request after their reply in the same batches", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "serve.yaml"),
      `models:\n${storiesModelYaml("main", `\n      parallel: ${CLIENTS.length}`)}`,
    );
    // Its own process, as users run it: the clients' requests then arrive as they would from other programs.
    const server = startCli(["serve", "--config", "serve.yaml", "--port", "0", "--log-level", "debug"], { cwd: dir });
    const [, baseUrl] = await server.waitFor(/Serving main at (http:\/\/127\.0\.0\.1:\d+\/v1)/);
    const chat = async (client: string, round: number): Promise<ChatResponse> => {
      const response = await fetch(`${baseUrl}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: "main",
          messages: messages(client, round),
          max_tokens: MAX_TOKENS,
          prompt_cache_key: client,
        }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as ChatResponse;
    };

    const replies = await Promise.all(
      CLIENTS.map(async (client) => {
        const bodies: ChatResponse[] = [];
        for (let round = 0; round < ROUNDS; round++) bodies.push(await chat(client, round));
        return bodies;
      }),
    );
    server.child.kill("SIGTERM");
    const ended = await server.exited;
    expect(ended.code).toBe(0);

    for (const bodies of replies) {
      for (const body of bodies) expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
      // Every request after the first found its system prompt cached on its sequence.
      for (const body of bodies.slice(1)) expect(body.usage.prompt_tokens_details?.cached_tokens).toBeGreaterThan(10);
    }
    // The model logs how its batches went when serve frees it. A request arrives a round trip after its client's
    // reply. Before a round waited for its clients to come back, the first request of a round started alone and
    // the others (which must erase their sequence's old reply, under a lock that node-llama-cpp's batch loop
    // holds while any sequence generates) waited for it to end: the clients took turns in groups, about two
    // sequences per batch.
    const match = /(\d+(?:\.\d+)?) sequences per batch \(of 4\)/.exec(ended.stderr);
    expect(match, ended.stderr.slice(-2000)).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThanOrEqual(3);
  });
});
