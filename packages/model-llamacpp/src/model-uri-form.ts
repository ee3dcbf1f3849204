import { hideUrlCredentials, InputError } from "@syndisco/core";

/** The Hugging Face prefixes node-llama-cpp resolves, longest first. */
const HUB_PREFIXES = ["huggingface.co/", "huggingface:", "hf.co/", "hf:"];

// A Hugging Face user or repository name, as the hub allows them.
const NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
// owner/repo, with a quantization or tag (`:Q4_K_M`), or a GGUF file path in the repository (and `#branch`).
const HUB_ID = new RegExp(`^${NAME}/${NAME}(?::[A-Za-z0-9._-]+|/[^\\s#]+\\.gguf(?:#[^\\s]+)?)?$`, "i");

/**
 * Checks the form of a model URI without the network: a Hugging Face id must be `hf:owner/repo`,
 * `hf:owner/repo:QUANT` or `hf:owner/repo/path/file.gguf` (optionally `#branch`); a URL must be a valid
 * `http(s)://host/…` address. What is malformed can never be downloaded, online or not.
 *
 * @throws InputError for the field `modelPath`, saying which forms are accepted.
 */
export function assertModelUriForm(uri: string): void {
  const lower = uri.toLowerCase();
  if (lower.startsWith("http://") || lower.startsWith("https://")) {
    if (URL.canParse(uri) && new URL(uri).hostname !== "") return;
    throw new InputError(`the model URL ${hideUrlCredentials(uri)} is not a valid address`, {
      field: "modelPath",
      fix: "Write it as https://host/path/model.gguf",
    });
  }
  const prefix = HUB_PREFIXES.find((candidate) => lower.startsWith(candidate));
  if (prefix === undefined || HUB_ID.test(uri.slice(prefix.length))) return;
  throw new InputError(`the Hugging Face model id ${uri} is malformed`, {
    field: "modelPath",
    fix: "Write it as hf:owner/repo:Q4_K_M (a quantization) or hf:owner/repo/file.gguf",
  });
}
