import { existsSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();

/** An experiment whose one model is the given Hugging Face id, cached (if ever) in the run's own folder. */
function hubConfig(dir: string, modelPath: string): void {
  writeFileSync(
    join(dir, "config.yaml"),
    `models:
  main:
    backend: llamacpp
    options: { modelPath: ${JSON.stringify(modelPath)}, name: hub, maxOutTokens: 24, cacheDir: ./cache }
personas: [{ username: Emma35 }, { username: Giannis }]
discussions: { model: main, count: 1 }
output: ./out
`,
  );
}

let hub: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (hub ? hub.close(() => resolve()) : resolve()));
  hub = undefined;
});

describe("a dry run checks hub models as far as the network lets it", () => {
  it("prints the plan when the hub does not answer, naming the model it could not check and why", async () => {
    const dir = tempDir();
    hubConfig(dir, "hf:syndisco/absent-GGUF:Q4_K_M");
    const result = await runCli(["run", "config.yaml", "--dry-run"], {
      cwd: dir,
      env: { MODEL_ENDPOINT: "http://127.0.0.1:9/" },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Plan for config\.yaml/);
    expect(result.stderr).toMatch(
      /warning: the model "main" could not be checked, because its source does not answer \(no network\?\): config\.yaml: models\.main\.options\.modelPath: the model hf:syndisco\/absent-GGUF:Q4_K_M is not in the cache folder .* http:\/\/127\.0\.0\.1:9 is unreachable/,
    );
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("still fails, exit 2, on a malformed hub id, before the network is asked", async () => {
    const dir = tempDir();
    hubConfig(dir, "hf:syndisco");
    const result = await runCli(["run", "config.yaml", "--dry-run"], {
      cwd: dir,
      env: { MODEL_ENDPOINT: "http://127.0.0.1:9/" },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "config.yaml: models.main.options.modelPath: the Hugging Face model id hf:syndisco is malformed. " +
        "Write it as hf:owner/repo:Q4_K_M (a quantization) or hf:owner/repo/file.gguf",
    );
    expect(result.stderr).not.toContain("warning");
  });

  it("still fails, exit 2, on a hub id that the hub answers is not there", async () => {
    const requests: string[] = [];
    hub = createServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.statusCode = 404;
      response.end("Not found");
    });
    await new Promise<void>((resolve) => hub?.listen(0, "127.0.0.1", resolve));
    const { port } = hub.address() as AddressInfo;
    const dir = tempDir();
    hubConfig(dir, "hf:syndisco/absent-GGUF:Q4_K_M");
    const result = await runCli(["run", "config.yaml", "--dry-run"], {
      cwd: dir,
      env: { MODEL_ENDPOINT: `http://127.0.0.1:${port}/` },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /config\.yaml: models\.main\.options\.modelPath: the model hf:syndisco\/absent-GGUF:Q4_K_M cannot be downloaded \(/,
    );
    expect(result.stderr).not.toContain("warning");
    expect(requests.some((request) => request.includes("/syndisco/absent-GGUF"))).toBe(true);
  });
});
