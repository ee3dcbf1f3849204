import { BaseModel } from "../model/base-model.js";
import type { ModelReply } from "../model/messages.js";

/**
 * Stands in for a model that is not loaded, so that a study can build and plan its cells (their unit ids
 * and fingerprints) before it loads anything. It refuses to generate.
 */
export class PlaceholderModel extends BaseModel {
  readonly concurrency = 1;

  /** @param name - the name the loaded model will have. */
  constructor(name: string) {
    super({ name, maxOutTokens: 1 });
  }

  protected async generate(): Promise<ModelReply> {
    throw new Error(`the model "${this.name}" is not loaded (this is a plan)`);
  }
}
