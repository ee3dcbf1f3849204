import { AutoTokenizer, type PreTrainedTokenizer } from "@huggingface/transformers";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import { createTokenCodec, type TokenCodec } from "./token-codec.js";

describe.skipIf(!haveTestModels())("the token codec of the stories260K tokenizer", () => {
  let tokenizer: PreTrainedTokenizer;
  let codec: TokenCodec;

  beforeAll(async () => {
    tokenizer = await AutoTokenizer.from_pretrained(modelPath("stories260K-onnx"), { local_files_only: true });
    codec = createTokenCodec(tokenizer);
  });

  it("tokenizes a prompt as the tokenizer does by default, with its BOS token", () => {
    const ids = codec.encodePrompt("Once upon a time");
    expect(ids).toEqual(tokenizer.encode("Once upon a time"));
    expect(ids[0]).toBe(tokenizer.bos_token_id);
  });

  it("does not add a second BOS token to a prompt that starts with one", () => {
    const ids = codec.encodePrompt("<s>Once upon a time");
    expect(ids.filter((id) => id === tokenizer.bos_token_id)).toHaveLength(1);
    expect(ids).toEqual(codec.encodePrompt("Once upon a time"));
  });

  /** The tokens that continue "The cat" into `text`, as the model would generate them. */
  function continuation(text: string): { prompt: number[]; reply: number[] } {
    const prompt = codec.encodePrompt("The cat");
    const whole = codec.encodePrompt(`The cat${text}`);
    expect(whole.slice(0, prompt.length)).toEqual(prompt);
    return { prompt, reply: whole.slice(prompt.length) };
  }

  it("keeps the space that starts a reply's first word", () => {
    const { prompt, reply } = continuation(" and the dog played.");
    // Decoded alone, SentencePiece drops the leading space.
    expect(tokenizer.decode(reply)).toBe("and the dog played.");
    expect(codec.decodeReply(prompt, reply)).toBe(" and the dog played.");
  });

  it("leaves special tokens out of a reply", () => {
    const { prompt, reply } = continuation(" sat.");
    expect(codec.decodeReply(prompt, [...reply, tokenizer.eos_token_id])).toBe(" sat.");
  });
});
