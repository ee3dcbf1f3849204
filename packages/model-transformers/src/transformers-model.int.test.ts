import { availableParallelism } from "node:os";
import { AutoTokenizer } from "@huggingface/transformers";
import { formatPlainChat } from "@syndisco/core";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-logger.js";
import { TransformersModel } from "./transformers-model.js";

const PROMPT = "Once upon a time";
const GREEDY_CONTINUATION = STORIES_GREEDY_TEXT.slice(PROMPT.length);
const user = (content: string) => [{ role: "user" as const, content }];

describe.skipIf(!haveTestModels())("TransformersModel on stories260K-onnx", () => {
  let model: TransformersModel;

  beforeAll(async () => {
    model = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "stories",
      maxOutTokens: 50,
      chatTemplate: "raw",
    });
  });
  afterAll(() => model.dispose());

  it("gives the greedy text documented in ../shared/models/README.md", async () => {
    const reply = await model.prompt(user(PROMPT));
    expect(PROMPT + reply.text).toBe(STORIES_GREEDY_TEXT);
    expect(reply).toMatchObject({ promptTokens: 5, completionTokens: 50, finishReason: "length" });
    expect(model.device).toBe("cpu");
    expect(model.dtype).toBe("fp32");
  });

  it("generates four different prompts in one batch exactly as one by one", async () => {
    const prompts = ["The cat", "Lily and Tom went to the park to play with a", "Hi", PROMPT];
    const alone = [];
    for (const prompt of prompts) alone.push(await model.prompt(user(prompt), { maxOutTokens: 30 }));

    const before = model.batchStats;
    const together = await Promise.all(prompts.map((prompt) => model.prompt(user(prompt), { maxOutTokens: 30 })));
    const after = model.batchStats;

    expect(after.batches - before.batches).toBe(1);
    expect(after.prompts - before.prompts).toBe(4);
    expect(together).toEqual(alone);
    expect(new Set(together.map((reply) => reply.text)).size).toBe(4);
    // Each prompt's length as the model's own tokenizer counts it by default, its BOS token included: the
    // prompts of one batch have different lengths, so a row given another row's count (or its padded
    // length) would show here.
    const tokenizer = await AutoTokenizer.from_pretrained(modelPath("stories260K-onnx"), { local_files_only: true });
    const lengths = prompts.map((prompt) => tokenizer.encode(prompt).length);
    expect(new Set(lengths).size).toBe(4);
    expect(together.map((reply) => reply.promptTokens)).toEqual(lengths);
  });

  it("ends a reply at a stop string while generating, not by cutting a full-length reply", async () => {
    const reply = await model.prompt(user(PROMPT), { stop: ["Lily"] });
    expect(reply.text).toBe(GREEDY_CONTINUATION.slice(0, GREEDY_CONTINUATION.indexOf("Lily")));
    expect(reply.finishReason).toBe("stop");
    // "Lily" is the 8th or so token of the continuation: generation stopped there, far below the limit of 50.
    expect(reply.completionTokens).toBeLessThan(15);
  });

  it("gives each row of a batch its own token limit and stop strings", async () => {
    const calls = [
      { prompt: PROMPT, maxOutTokens: 10, stop: [] },
      { prompt: PROMPT, maxOutTokens: 50, stop: ["park"] },
      { prompt: "The cat", maxOutTokens: 25, stop: ["\n"] },
    ];
    const alone = [];
    for (const { prompt, ...options } of calls) alone.push(await model.prompt(user(prompt), options));
    const together = await Promise.all(calls.map(({ prompt, ...options }) => model.prompt(user(prompt), options)));

    expect(together).toEqual(alone);
    expect(together[0]).toMatchObject({ completionTokens: 10, finishReason: "length" });
    expect(together[1]?.finishReason).toBe("stop");
    expect(together[1]?.text).toBe(GREEDY_CONTINUATION.slice(0, GREEDY_CONTINUATION.indexOf("park")));
  });

  it("never puts more prompts in one batch than batchSize", async () => {
    const small = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "small-batches",
      maxOutTokens: 5,
      chatTemplate: "raw",
      batchSize: 2,
    });
    try {
      expect(small.concurrency).toBe(2);
      const replies = await Promise.all(["A", "B", "C", "D", "E"].map((text) => small.prompt(user(text))));
      expect(replies).toHaveLength(5);
      expect(small.batchStats).toEqual({ batches: 3, prompts: 5 });
    } finally {
      await small.dispose();
    }
  });

  it("rejects an aborted call between tokens while the rest of its batch finishes", async () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    const long = model.prompt(user(PROMPT), { maxOutTokens: 1500, signal: controller.signal });
    const neighbour = model.prompt(user(PROMPT));
    setTimeout(() => controller.abort(reason), 20);
    const started = performance.now();
    await expect(long).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(PROMPT + (await neighbour).text).toBe(STORIES_GREEDY_TEXT);
    // The model is still usable afterwards.
    expect(PROMPT + (await model.prompt(user(PROMPT))).text).toBe(STORIES_GREEDY_TEXT);
  });

  it("samples reproducibly with a seed", async () => {
    const sampler = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "sampler",
      maxOutTokens: 40,
      chatTemplate: "raw",
      temperature: 1,
    });
    try {
      const first = await sampler.prompt(user(PROMPT), { seed: 7 });
      const again = await sampler.prompt(user(PROMPT), { seed: 7 });
      const other = await sampler.prompt(user(PROMPT), { seed: 8 });
      expect(again.text).toBe(first.text);
      expect(other.text).not.toBe(first.text);
      expect(first.text).not.toBe(GREEDY_CONTINUATION.slice(0, first.text.length));
    } finally {
      await sampler.dispose();
    }
  });

  it("refuses prompts after dispose", async () => {
    const short = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "short-lived",
      maxOutTokens: 5,
      chatTemplate: "raw",
    });
    await short.dispose();
    await expect(short.prompt(user(PROMPT))).rejects.toThrow(/has been disposed/);
  });
});

describe.skipIf(!haveTestModels())("the intra-op threads of TransformersModel", () => {
  it("are picked without an option, logged at debug level, and never more than the cores", async () => {
    const log = captureLog();
    const model = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "stories",
      maxOutTokens: 5,
      chatTemplate: "raw",
      logger: log.logger,
    });
    try {
      // stories260K's 1.2 MB of weights are too few for a second thread to pay, on any machine.
      expect(model.intraOpNumThreads).toBe(1);
      const [line] = log.debugLines().filter((entry) => String(entry.msg).startsWith("intraOpNumThreads not set"));
      expect(line).toMatchObject({ model: "stories", intraOpNumThreads: 1, modelsInProcess: 1 });
      expect(line?.cores).toBeLessThanOrEqual(availableParallelism());
      expect(line?.msg).toMatch(/using 1 intra-op thread\(s\): .* core\(s\) free .*Set intraOpNumThreads/);
      expect((await model.prompt(user(PROMPT))).completionTokens).toBe(5);
    } finally {
      await model.dispose();
    }
  });

  it("are the option, or sessionOptions' value, when given", async () => {
    const log = captureLog();
    const load = (options: object) =>
      TransformersModel.load({
        modelPath: modelPath("stories260K-onnx"),
        name: "stories",
        maxOutTokens: 5,
        chatTemplate: "raw",
        logger: log.logger,
        ...options,
      });
    const byOption = await load({ intraOpNumThreads: 2 });
    await byOption.dispose();
    const bySession = await load({ sessionOptions: { intraOpNumThreads: 3 } });
    await bySession.dispose();
    expect([byOption.intraOpNumThreads, bySession.intraOpNumThreads]).toEqual([2, 3]);
    expect(log.debugLines().filter((entry) => String(entry.msg).startsWith("intraOpNumThreads not set"))).toEqual([]);
  });
});

describe("new TransformersModel(…)", () => {
  it("says to use TransformersModel.load, which is what loads a model", () => {
    const options = { modelPath: "stories260K-onnx", name: "m", maxOutTokens: 5 };
    // A JavaScript caller can reach the private constructor; TypeScript would refuse this call.
    const construct = TransformersModel as unknown as new (options: object) => TransformersModel;
    expect(() => new construct(options)).toThrow(
      "a TransformersModel cannot be made with new, because loading a model takes time. Use `await TransformersModel.load(options)` with the same options",
    );
  });
});

describe.skipIf(!haveTestModels())("prompt formats", () => {
  it('falls back to SynDisco\'s plain format with one warning when the tokenizer has no template ("auto")', async () => {
    const log = captureLog();
    const model = await TransformersModel.load({
      modelPath: modelPath("stories260K-onnx"),
      name: "stories",
      maxOutTokens: 5,
      logger: log.logger,
    });
    try {
      const chat = [
        { role: "system" as const, content: "You are a storyteller" },
        { role: "user" as const, content: "Tell me a story" },
      ];
      expect(model.promptFormat).toBe("plain");
      expect(model.formatPrompt(chat)).toBe(formatPlainChat(chat));
      await model.prompt(chat);
      await model.prompt(chat);
      expect(log.warnings()).toHaveLength(1);
      expect(log.warnings()[0]).toMatch(/no chat template/);
    } finally {
      await model.dispose();
    }
  });
});
