import packageJson from "../package.json" with { type: "json" };

/** The version of `@syndisco/cli`, shown by `syndisco --version`. */
export const CLI_VERSION: string = packageJson.version;
