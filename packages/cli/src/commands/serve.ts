import { loadConfig } from "../config/load-config.js";
import { ExitCode } from "../exit-codes.js";
import { openModels } from "../plugins/model-set.js";
import { prepareModels } from "../plugins/prepare-models.js";
import { createServeApp } from "../serve/create-app.js";
import type { ServeLimits } from "../serve/limits.js";
import { startServer } from "../serve/start-server.js";

/** Options of `syndisco serve`. */
export interface ServeCommandOptions {
  /** The config whose `models` are served. */
  config: string;
  /** Default 127.0.0.1: only this machine can connect. */
  host?: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Clients must send it as a bearer token. Default: the SYNDISCO_API_KEY environment variable, if set. */
  apiKey?: string;
  /** Replaces `modelPath` in every model that takes a model file. */
  modelPath?: string;
  /** The largest request body in bytes. Default 4 MiB. */
  maxBody?: number;
  /** Requests that may wait for each model beyond those it serves at once. Default 256. */
  maxQueue?: number;
}

/**
 * `syndisco serve`: loads every model of a config and serves them over an OpenAI-compatible API until
 * SIGINT or SIGTERM, then closes the server and frees the models.
 */
export async function serveCommand(options: ServeCommandOptions): Promise<ExitCode> {
  const config = await loadConfig(options.config, {
    ...(options.modelPath !== undefined ? { modelPath: options.modelPath } : {}),
  });
  const prepared = await prepareModels(config, Object.keys(config.data.models));
  const models = await openModels(prepared, config);
  try {
    const apiKey = options.apiKey ?? (process.env.SYNDISCO_API_KEY || undefined);
    const limits: Partial<ServeLimits> = {
      ...(options.maxBody !== undefined ? { maxBodyBytes: options.maxBody } : {}),
      ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
    };
    const app = createServeApp({
      models: new Map(models.names.map((name) => [name, models.get(name)])),
      ...(apiKey !== undefined ? { apiKey } : {}),
      limits,
    });
    const server = await startServer(app, { host: options.host ?? "127.0.0.1", port: options.port ?? 8080 });
    process.stdout.write(
      `Serving ${models.names.join(", ")} at ${server.url}/v1 (OpenAI-compatible${apiKey ? ", API key required" : ""}). Ctrl-C stops.\n`,
    );
    const signal = await waitForStopSignal();
    process.stderr.write(`${signal}: closing the server\n`);
    await server.close();
  } finally {
    await models.dispose();
  }
  return ExitCode.OK;
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
