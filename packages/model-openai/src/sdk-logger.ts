import { format } from "node:util";
import type { Logger } from "@syndisco/core";
import type { ClientOptions } from "openai";
import { redactSecret } from "./redact.js";

type SdkLogger = NonNullable<ClientOptions["logger"]>;

/**
 * A logger for the `openai` SDK that writes into SynDisco's logger, with the API key taken out of every
 * line. (The SDK hides auth headers itself; this also covers anything a server echoes back.) The SDK
 * decides what to log from its own `OPENAI_LOG` variable (default `warn`).
 */
export function sdkLogger(logger: Logger, secret: string | undefined): SdkLogger {
  const forward =
    (level: "error" | "warn" | "info" | "debug") =>
    (message: string, ...rest: unknown[]) => {
      logger[level]({ source: "openai-sdk" }, redactSecret(format(message, ...rest), secret));
    };
  return { error: forward("error"), warn: forward("warn"), info: forward("info"), debug: forward("debug") };
}
