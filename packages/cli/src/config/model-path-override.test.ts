import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempDirs } from "../../test/helpers/temp-dir.js";
import { loadConfig } from "./load-config.js";
import { modelNameOfPath } from "./model-path-override.js";

const tempDir = useTempDirs();

function configWith(modelsYaml: string): string {
  const dir = tempDir();
  const file = join(dir, "config.yaml");
  writeFileSync(file, `models:\n${modelsYaml}personas: ./personas.json\ndiscussions: { model: main }\n`);
  return file;
}

const llama = (key: string, path: string, name: string) =>
  `  ${key}: { backend: llamacpp, options: { modelPath: ${JSON.stringify(path)}, name: ${name}, maxOutTokens: 24 } }\n`;

describe("--model-path and the recorded model name", () => {
  it("records the file that runs, not the name the config gave another model", async () => {
    const file = configWith(llama("main", "hf:bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "llama-3.2-1b-instruct"));
    const config = await loadConfig(file, { modelPath: "/models/stories260K.gguf" });
    expect(config.data.models.main?.options.name).toBe("stories260K");
    expect(config.renamedModels).toEqual([
      { key: "main", configName: "llama-3.2-1b-instruct", recordedAs: "stories260K" },
    ]);
  });

  it("keeps the config's name when the config already names that file", async () => {
    const file = configWith(llama("main", "./stories260K.gguf", "tiny-stories"));
    const config = await loadConfig(file, { modelPath: join(file, "..", "stories260K.gguf") });
    expect(config.data.models.main?.options.name).toBe("tiny-stories");
    expect(config.renamedModels).toEqual([]);
  });

  it("gives several replaced models distinct names that say which file and which model of the config", async () => {
    const file = configWith(
      llama("main", "./a.gguf", "a") +
        llama("large", "./b.gguf", "b") +
        "  judge: { backend: openai, options: { modelName: gpt-4o-mini, name: judge, maxOutTokens: 5 } }\n",
    );
    const config = await loadConfig(file, { modelPath: "/m/stories260K.gguf" });
    expect(config.data.models.main?.options.name).toBe("stories260K (main)");
    expect(config.data.models.large?.options.name).toBe("stories260K (large)");
    expect(config.data.models.judge?.options.name).toBe("judge");
  });

  it("adds the key when a model that keeps its name already records the file's name", async () => {
    const file = configWith(llama("main", "/m/stories260K.gguf", "stories260K") + llama("other", "./b.gguf", "b"));
    const config = await loadConfig(file, { modelPath: "/m/stories260K.gguf" });
    expect(config.data.models.main?.options.name).toBe("stories260K");
    expect(config.data.models.other?.options.name).toBe("stories260K (other)");
  });

  it("refuses names that would still collide, naming the model and the fix", async () => {
    const file = configWith(
      llama("main", "/m/stories260K.gguf", "stories260K") +
        llama("other", "./b.gguf", "b") +
        "  judge: { backend: openai, options: { modelName: x, name: 'stories260K (other)', maxOutTokens: 5 } }\n",
    );
    await expect(loadConfig(file, { modelPath: "/m/stories260K.gguf" })).rejects.toThrow(
      /config\.yaml: models\.other\.options\.name: --model-path makes models\.other record the name "stories260K \(other\)", which another model of the config has/,
    );
  });

  it("names a model after the last part of its file or hub id, without the extension", () => {
    expect(modelNameOfPath("/work/shared/models/stories260K.gguf")).toBe("stories260K");
    expect(modelNameOfPath("/work/shared/models/stories260K-onnx/")).toBe("stories260K-onnx");
    expect(modelNameOfPath("hf:bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")).toBe("Llama-3.2-1B-Instruct-GGUF:Q4_K_M");
    expect(modelNameOfPath("onnx-community/Qwen2.5-0.5B-Instruct")).toBe("Qwen2.5-0.5B-Instruct");
  });
});
