import { join } from "node:path";

/** Where a run writes: discussions and annotations in their own folders under the output folder. */
export interface OutputFolders {
  discussions: string;
  annotations: string;
}

/** The discussion and annotation folders inside an output folder. */
export function outputFolders(outputDir: string): OutputFolders {
  return { discussions: join(outputDir, "discussions"), annotations: join(outputDir, "annotations") };
}
