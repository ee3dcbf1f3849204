// pino-roll ships no type declarations; this covers the part SynDisco uses.
declare module "pino-roll" {
  import type { DestinationStream } from "pino";

  interface PinoRollOptions {
    file: string;
    extension?: string;
    frequency?: "daily" | "hourly" | number;
    dateFormat?: string;
    mkdir?: boolean;
    size?: string | number;
    /** Passed on to sonic-boom: write each line synchronously. */
    sync?: boolean;
  }

  /** A sonic-boom stream: a pino destination that can be closed. */
  interface RollingStream extends DestinationStream {
    end(): void;
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<RollingStream>;
}
