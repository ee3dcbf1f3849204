import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { hideUrlCredentials, InputError, type Logger, ModelSourceUnreachableError } from "@syndisco/core";
import { createDownloadProgress, type ProgressStream } from "./download-progress.js";
import { assertModelUriForm } from "./model-uri-form.js";
import { importNodeLlamaCpp } from "./node-llama-cpp.js";

/** The prefixes node-llama-cpp resolves as model URIs rather than file paths. */
const URI_PREFIXES = ["hf:", "huggingface:", "hf.co/", "huggingface.co/", "http://", "https://"];

/** node-llama-cpp's own models folder, where model URIs go when no `cacheDir` is given. */
export const DEFAULT_CACHE_DIR = join(homedir(), ".node-llama-cpp", "models");

/** Whether `modelPath` is a model URI (`hf:…`, an `https://` URL, …) rather than a local file path. */
export function isModelUri(modelPath: string): boolean {
  const lower = modelPath.toLowerCase();
  return URI_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Options of {@link resolveModelUri}. */
export interface ResolveModelUriOptions {
  /** The download and cache folder. */
  cacheDir: string;
  /** Give up after this long without download progress. */
  stallTimeoutMs: number;
  logger: Logger;
  /** Where the progress bar is drawn. */
  progressStream: ProgressStream;
}

/**
 * Finds the local file of a model URI: in the cache folder if it was downloaded before, else by downloading
 * it there (with a progress bar). Offline with nothing cached, it fails fast with an error that says what to do.
 */
export async function resolveModelUri(uri: string, options: ResolveModelUriOptions): Promise<string> {
  const { resolveModelFile } = await importNodeLlamaCpp();
  const directory = options.cacheDir;
  const cached = await findCachedModel(uri, directory);
  if (cached) return cached;
  assertModelUriForm(uri);

  // The URI as it may be shown: a URL's user name and password are secret.
  const shown = hideUrlCredentials(uri);
  // node-llama-cpp's downloader retries a failed connection for minutes, so check first that the host answers.
  await assertReachable(uri, options.stallTimeoutMs, directory);
  options.logger.info({ uri: shown, cacheDir: directory }, "downloading model");
  const progress = createDownloadProgress(shown, options.progressStream);
  try {
    return await withStallTimeout(options.stallTimeoutMs, (signal, madeProgress) =>
      resolveModelFile(uri, {
        directory,
        cli: false,
        signal,
        onProgress: (status) => {
          madeProgress();
          progress.update(status);
        },
      }),
    );
  } catch (error) {
    throw new InputError(`could not download the model ${shown}: ${messageOf(error)}`, {
      field: "modelPath",
      fix: "Check the URI and the network (or the cache folder's permissions), or pass a local GGUF file as modelPath",
    });
  } finally {
    progress.finish();
  }
}

/** The file of a model URI in the cache folder, when it was downloaded before; no network is used. */
export async function findCachedModel(uri: string, directory: string): Promise<string | undefined> {
  const { resolveModelFile } = await importNodeLlamaCpp();
  return (
    (await resolveModelFile(uri, { directory, download: false, cli: false }).catch(() => undefined)) ??
    cachedUrlFile(uri, directory)
  );
}

/**
 * The earlier download of a plain `https://` URL. node-llama-cpp finds cached `hf:` files by name without
 * the network, but learns a plain URL's file name only from the server; the download keeps the URL's name.
 */
function cachedUrlFile(uri: string, directory: string): string | undefined {
  if (!/^https?:\/\//i.test(uri)) return undefined;
  const name = basename(new URL(uri).pathname);
  const file = join(directory, name);
  return name && existsSync(file) ? file : undefined;
}

/**
 * Fails with a `ModelSourceUnreachableError` (an InputError) that says what to do when the host a model URI
 * downloads from does not answer.
 */
export async function assertReachable(uri: string, timeoutMs: number, cacheDir: string): Promise<void> {
  const host = downloadHost(uri);
  try {
    await fetch(host, { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new ModelSourceUnreachableError(
      `the model ${hideUrlCredentials(uri)} is not in the cache folder ${cacheDir} and cannot be downloaded: ` +
        `${host} is unreachable (${messageOf(error)})`,
      {
        field: "modelPath",
        fix: "Download it once while online (the same options then find it in the cache), or pass a local GGUF file as modelPath",
      },
    );
  }
}

/** Where a URI downloads from: its own origin, or the Hugging Face endpoint that node-llama-cpp uses. */
function downloadHost(uri: string): string {
  if (/^https?:\/\//i.test(uri)) return new URL(uri).origin;
  const endpoint = process.env.MODEL_ENDPOINT ?? process.env.HF_ENDPOINT ?? "https://huggingface.co/";
  return URL.canParse(endpoint) ? new URL(endpoint).origin : "https://huggingface.co";
}

/**
 * Runs `task` and fails it when `madeProgress` is not called for `timeoutMs`. The task gets a signal that
 * is aborted at the same moment; the race also covers download phases that ignore the signal.
 */
async function withStallTimeout<T>(
  timeoutMs: number,
  task: (signal: AbortSignal, madeProgress: () => void) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let rejectStalled: (error: Error) => void = () => {};
  const stalled = new Promise<never>((_resolve, reject) => {
    rejectStalled = reject;
  });
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const error = new Error(`no download progress for ${timeoutMs} ms`);
      controller.abort(error);
      rejectStalled(error);
    }, timeoutMs);
  };
  arm();
  const running = task(controller.signal, arm);
  // Once the stall wins the race, the task's own later failure is expected and must not go unhandled.
  running.catch(() => {});
  try {
    return await Promise.race([running, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error's message and its cause's, with the credentials of any URL in them hidden. */
export function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return hideUrlCredentials(String(error));
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return hideUrlCredentials(`${error.message}${cause}`);
}
