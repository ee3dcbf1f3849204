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
  }

  export default function pinoRoll(options: PinoRollOptions): Promise<DestinationStream>;
}
