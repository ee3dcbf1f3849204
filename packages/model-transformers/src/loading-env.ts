/** The settings of transformers.js's global `env` that model loading depends on. */
export interface LoadingEnvSettings {
  allowRemoteModels: boolean;
  cacheDir: string | null;
}

let previous: Promise<unknown> = Promise.resolve();

/**
 * Runs a model load with transformers.js's global `env` set to `settings`, one load at a time, and puts the
 * earlier values back afterwards.
 *
 * Per-call options are not enough: transformers.js 4.3 looks up a tokenizer's files with the global
 * `env.cacheDir` and `env.allowRemoteModels` only, and would otherwise reach for the network although the
 * call says `local_files_only`.
 */
export function withLoadingEnv<T>(env: LoadingEnvSettings, settings: LoadingEnvSettings, load: () => Promise<T>) {
  const run = previous.then(async () => {
    const saved: LoadingEnvSettings = { allowRemoteModels: env.allowRemoteModels, cacheDir: env.cacheDir };
    Object.assign(env, settings);
    try {
      return await load();
    } finally {
      Object.assign(env, saved);
    }
  });
  previous = run.catch(() => undefined);
  return run;
}
