import { hideUrlCredentials, InputError } from "@syndisco/core";
import { assertGgufFile } from "./gguf-file.js";
import { assertReachable, findCachedModel, isModelUri, messageOf } from "./model-source.js";
import { assertModelUriForm } from "./model-uri-form.js";
import { importNodeLlamaCpp } from "./node-llama-cpp.js";

/** Options of {@link checkModelSource}. */
export interface CheckModelSourceOptions {
  /** The cache folder of model URIs. */
  cacheDir: string;
  /** How long the server of a model URI may take to answer. */
  timeoutMs: number;
}

/**
 * Checks what can be known about a model before it is loaded, without loading or downloading it (what a dry
 * run promises): a local file must be a GGUF file; a model URI must be well formed, and in the cache folder as
 * a GGUF file or fetchable now: its host answers and the file exists there (node-llama-cpp resolves the URI and
 * asks for the file's size; the cache folder is created if missing, and nothing is downloaded).
 *
 * @throws InputError for the field `modelPath`, with the same messages that loading the model gives; a
 *   `ModelSourceUnreachableError` when the URI's host does not answer (offline), so the model is unchecked.
 */
export async function checkModelSource(modelPath: string, options: CheckModelSourceOptions): Promise<void> {
  if (!isModelUri(modelPath)) return assertGgufFile(modelPath);
  const cached = await findCachedModel(modelPath, options.cacheDir);
  if (cached) return assertGgufFile(cached);
  assertModelUriForm(modelPath);
  await assertReachable(modelPath, options.timeoutMs, options.cacheDir);
  await assertFetchable(modelPath, options);
}

async function assertFetchable(uri: string, { cacheDir, timeoutMs }: CheckModelSourceOptions): Promise<void> {
  const { createModelDownloader } = await importNodeLlamaCpp();
  const creating = createModelDownloader({ modelUri: uri, dirPath: cacheDir, showCliProgress: false });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const downloader = await Promise.race([creating, timeout]);
    await downloader.cancel({ deleteTempFile: true });
    // node-llama-cpp learns the file's size from the server's first answer; a missing file has none.
    if (!(downloader.totalSize > 0)) throw new Error("the server has no file there: not found, or empty");
  } catch (error) {
    // A downloader made after the timeout is never used: cancel it too.
    creating.then((late) => late.cancel({ deleteTempFile: true })).catch(() => {});
    throw new InputError(`the model ${hideUrlCredentials(uri)} cannot be downloaded (${messageOf(error)})`, {
      field: "modelPath",
      fix: "Check the URI (owner, repository, file or quantization) and the network, or pass a local GGUF file as modelPath",
    });
  } finally {
    clearTimeout(timer);
  }
}
