import packageJson from "../package.json" with { type: "json" };

/** The version of `@syndisco/core`, written into every output file. */
export const VERSION: string = packageJson.version;
