/** Who wrote a chat message. */
export type ChatRole = "system" | "user" | "assistant";

/** One message of a chat prompt, as every chat-tuned model takes it. */
export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** Why generation ended. `length` means the token limit cut the reply. */
export type FinishReason = "stop" | "length" | "unknown";

/** What a model returns for one prompt. */
export interface ModelReply {
  /** The generated text, with the model's `removeStringList` already applied. */
  text: string;
  /** Tokens in the prompt, where the backend knows them. */
  promptTokens?: number;
  /** Prompt tokens actually evaluated (the rest came from a cache), where the backend knows them. */
  evaluatedPromptTokens?: number;
  /** Tokens generated, where the backend knows them. */
  completionTokens?: number;
  finishReason?: FinishReason;
}

/** Per-call options of {@link BaseModel.prompt}. */
export interface PromptOptions {
  /** Strings that end generation as soon as the model writes them (they are not part of the reply). */
  stop?: readonly string[];
  /** Cancels the call; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** A sampling seed, for backends that support one. */
  seed?: number;
  /** Overrides the model's `maxOutTokens` for this call. */
  maxOutTokens?: number;
  /**
   * A stable key for the conversation this prompt continues (for example one actor in one discussion).
   * Backends with a KV cache may keep that conversation's prompt prefix cached between calls.
   */
  sessionKey?: string;
  /**
   * A JSON schema the reply must match. Backends that can constrain generation (a llama.cpp grammar, OpenAI
   * structured outputs) do and say so in `supportsResponseSchema`; the others ignore it, and the caller checks
   * the reply.
   */
  responseSchema?: Record<string, unknown>;
}

/** The options a backend receives: every field of {@link PromptOptions}, with the token limit resolved. */
export interface GenerateOptions extends Omit<PromptOptions, "maxOutTokens"> {
  maxOutTokens: number;
  stop: readonly string[];
}
