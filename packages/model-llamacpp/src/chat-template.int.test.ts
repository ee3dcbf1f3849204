import { readFileSync } from "node:fs";
import { type ChatMessage, formatPlainChat, formatRawChat, InputError } from "@syndisco/core";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { captureLog } from "../test/capture-log.js";
import { loadTestModel } from "../test/load-test-model.js";

const CHAT: ChatMessage[] = [
  { role: "system", content: "You are Emma, a kind teacher." },
  { role: "user", content: "User Giannis posted:\nHello!\nUser Emma posted:" },
];

/** What tiny-random-llama's template renders: each message as `<|role|>\ncontent</s>\n`, then `<|assistant|>\n`. */
function renderTinyRandomTemplate(messages: readonly ChatMessage[]): string {
  return `${messages.map(({ role, content }) => `<|${role}|>\n${content}</s>\n`).join("")}<|assistant|>\n`;
}

describe.skipIf(!haveTestModels())("chat templates", () => {
  it("uses the Jinja chat template of tiny-random-llama.gguf", async () => {
    // The template this test expects is the one stored in the GGUF's metadata.
    const gguf = readFileSync(modelPath("tiny-random-llama.gguf")).toString("latin1");
    expect(gguf).toContain("tokenizer.chat_template");
    expect(gguf).toContain("{{ '<|' + message['role'] + '|>\\n' + message['content'] + '</s>\\n' }}");

    const log = captureLog();
    const model = await loadTestModel("tiny-random-llama.gguf", { maxOutTokens: 8, logger: log.logger });
    try {
      expect(model.promptFormat).toBe("gguf-template");
      expect(model.chatWrapperName).toBe("JinjaTemplate");
      expect(model.renderPrompt(CHAT)).toBe(renderTinyRandomTemplate(CHAT));

      const reply = await model.prompt(CHAT);
      // A byte-level vocabulary: at least one token per byte of the rendered prompt.
      expect(reply.promptTokens).toBeGreaterThanOrEqual(Buffer.byteLength(renderTinyRandomTemplate(CHAT)) / 2);
      expect(reply.completionTokens).toBe(8);
      const again = await model.prompt(CHAT);
      expect(again.text).toBe(reply.text);
      expect(again.evaluatedPromptTokens).toBe(1);
      expect(log.warnings()).toEqual([]);
      // Its training context (256) is below the default 2048, so the context defaults to it.
      expect(model.contextSize).toBe(256);
    } finally {
      await model.dispose();
    }
  });

  it("falls back to SynDisco's plain format, with one warning, for a GGUF without a template", async () => {
    const log = captureLog();
    const model = await loadTestModel("stories260K.gguf", { maxOutTokens: 20, logger: log.logger });
    try {
      expect(model.promptFormat).toBe("plain");
      expect(model.renderPrompt(CHAT)).toBe(formatPlainChat(CHAT));
      const first = await model.prompt(CHAT);
      await model.prompt(CHAT);
      // No default system prompt was added (node-llama-cpp's Llama 2 one is about 300 tokens here): the
      // prompt has at most one token per byte of the plain text, plus the beginning-of-text token.
      expect(first.promptTokens).toBeLessThanOrEqual(Buffer.byteLength(formatPlainChat(CHAT)) + 1);
      expect(first.text.length).toBeGreaterThan(0);
      expect(log.warnings()).toHaveLength(1);
      expect(log.warnings()[0]).toMatch(/the GGUF has no chat template.*set chatTemplate to "plain" to silence/);
    } finally {
      await model.dispose();
    }
  });

  it('uses the plain format without a warning when asked with chatTemplate: "plain"', async () => {
    const log = captureLog();
    const model = await loadTestModel("tiny-random-llama.gguf", { chatTemplate: "plain", logger: log.logger });
    try {
      expect(model.promptFormat).toBe("plain");
      expect(model.renderPrompt(CHAT)).toBe(formatPlainChat(CHAT));
      expect(log.warnings()).toEqual([]);
    } finally {
      await model.dispose();
    }
  });

  it('uses the raw format with chatTemplate: "raw"', async () => {
    const model = await loadTestModel("tiny-random-llama.gguf", { chatTemplate: "raw" });
    try {
      expect(model.renderPrompt(CHAT)).toBe(formatRawChat(CHAT));
    } finally {
      await model.dispose();
    }
  });

  it("uses a Jinja template given as chatTemplate, with the model's special tokens", async () => {
    const template =
      "{{ bos_token }}{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}" +
      "{% if add_generation_prompt %}[assistant] {% endif %}";
    const model = await loadTestModel("stories260K.gguf", { chatTemplate: template, maxOutTokens: 10 });
    try {
      expect(model.promptFormat).toBe("custom-template");
      expect(model.renderPrompt(CHAT)).toBe(
        `<s>[system] ${CHAT[0]?.content}\n[user] ${CHAT[1]?.content}\n[assistant] `,
      );
      const reply = await model.prompt(CHAT);
      expect(reply.completionTokens).toBeGreaterThan(0);
    } finally {
      await model.dispose();
    }
  });

  it("refuses a Jinja template that does not render, naming chatTemplate", async () => {
    const loading = loadTestModel("stories260K.gguf", { chatTemplate: "{% for m in messages %}{{ m.content }}" });
    await expect(loading).rejects.toThrow(InputError);
    await expect(loading).rejects.toThrow(/^chatTemplate: the Jinja chat template does not (load|render)/);
  });
});
