// A model backend of your own, as a SynDisco plugin. The `syndisco` command loads it when a config names it:
//
//   models:
//     echo: { backend: ./index.mjs, options: { mode: reverse } }
//
// This one runs no neural network: it answers deterministically from the prompt, which makes it handy for
// trying a config end to end in a second. Replace `generate` with a call to your own model or service.
import { BaseModel, defineModelPlugin } from "@syndisco/core";
import { z } from "zod";

/** Replies with the previous comment's words (reversed, or as they were); annotators get its word count. */
export class EchoModel extends BaseModel {
  /** How many prompts this backend answers at once: any number, since it does no real work. */
  concurrency = Number.POSITIVE_INFINITY;

  constructor({ name, maxOutTokens, mode }) {
    super({ name, maxOutTokens });
    this.mode = mode;
  }

  async generate(messages, { maxOutTokens }) {
    const prompt = messages.at(-1)?.content ?? "";
    const comment = lastComment(prompt);
    // Annotator prompts end with "Output:"; participant prompts with "User NAME posted:".
    const words = comment.split(/\s+/).filter(Boolean);
    let reply;
    if (prompt.trimEnd().endsWith("Output:")) reply = String(words.length);
    else if (words.length === 0) reply = "Hello, everyone.";
    else reply = (this.mode === "reverse" ? [...words].reverse() : words).slice(0, maxOutTokens).join(" ");
    const completionTokens = reply.split(/\s+/).filter(Boolean).length;
    return { text: reply, promptTokens: prompt.split(/\s+/).length, completionTokens, finishReason: "stop" };
  }
}

/** The text of the last `User NAME posted:` comment in a prompt that has one. */
function lastComment(prompt) {
  const blocks = prompt.split(/^User \S+ posted:\n?/m);
  // The participant cue ("User ME posted:") leaves an empty last block; the comment is the one before it.
  const filled = blocks.map((block) => block.replace(/Output:\s*$/, "").trim()).filter(Boolean);
  return blocks.length > 1 ? (filled.at(-1) ?? "") : "";
}

/** The plugin the CLI looks for: an export named `plugin` (a default export works too). */
export const plugin = defineModelPlugin({
  id: "echo",
  description: "Echoes the previous comment; a template for your own backend",
  // Any Standard Schema works here (zod, valibot, arktype); the CLI reports its issues with the config's field.
  optionsSchema: z.strictObject({
    name: z.string().min(1).default("echo"),
    maxOutTokens: z.int().min(1).default(60),
    mode: z.enum(["reverse", "echo"]).default("reverse"),
  }),
  async create(options) {
    return new EchoModel(options);
  },
});
