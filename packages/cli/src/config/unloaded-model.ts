import { BaseModel, type ModelReply } from "@syndisco/core";

/**
 * Stands in for a model that `--dry-run` does not load: experiments can be built and planned with it, but
 * it refuses to generate anything.
 */
export class UnloadedModel extends BaseModel {
  readonly concurrency = 1;

  constructor(name: string) {
    super({ name, maxOutTokens: 1 });
  }

  protected async generate(): Promise<ModelReply> {
    throw new Error(`the model "${this.name}" is not loaded (this is a dry run)`);
  }
}
