/** An error as OpenAI's API writes it, which OpenAI clients know how to read. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}

/** Builds an OpenAI-style error body. */
export function openAIError(
  message: string,
  {
    type = "invalid_request_error",
    param = null,
    code = null,
  }: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}
