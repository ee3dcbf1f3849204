import {
  type AnswerForm,
  answerJsonSchema,
  type BaseModel,
  type ChatMessage,
  InputError,
  Persona,
  parseAnswer,
} from "@syndisco/core";
import pLimit from "p-limit";
import { loadConfig } from "../config/load-config.js";
import { openModels } from "../plugins/model-set.js";
import { prepareModels } from "../plugins/prepare-models.js";

/** The answer a backstory writer gives: one JSON object, so that a constraining backend can hold it to it. */
const BACKSTORY_FORM: AnswerForm = { type: "json", fields: { backstory: "string" } };
// A backstory that does not parse (cut by the token limit, say) is asked for again this many times.
const RETRIES = 2;
const MAX_BACKSTORY_TOKENS = 200;

const SYSTEM_PROMPT =
  "You write short, realistic backstories for the personas of a social-science simulation. " +
  'Answer with a JSON object {"backstory": "..."}: two or three sentences, in the third person, that fit every ' +
  "attribute of the persona and add no new demographic facts.";

/** Options of {@link addBackstories}. */
export interface BackstoryOptions {
  /** A `syndisco` config whose `models` hold the writer. */
  config: string;
  /** The key under `models`; the config's first model by default. */
  model?: string | undefined;
}

/**
 * Adds a `backstory` attribute to every persona, written by a model of a config (any backend). The answer is
 * constrained to `{"backstory": string}` where the backend can, and checked everywhere.
 *
 * @throws {@link InputError} when the config or model cannot be used, or a persona gets no valid backstory.
 */
export async function addBackstories(personas: readonly Persona[], options: BackstoryOptions): Promise<Persona[]> {
  const config = await loadConfig(options.config);
  const name = options.model ?? Object.keys(config.data.models)[0];
  if (!name || !config.data.models[name]) {
    throw new InputError(`no model named "${name}"`, {
      file: config.displayPath,
      field: "models",
      fix: `Pass --backstory-model with one of: ${Object.keys(config.data.models).join(", ")}`,
    });
  }
  const models = await openModels(await prepareModels(config, [name]), config);
  try {
    const model = models.get(name);
    const limit = pLimit(config.data.concurrency);
    let done = 0;
    return await Promise.all(
      personas.map((persona) =>
        limit(async () => {
          const backstory = await writeBackstory(model, persona);
          done += 1;
          if (done % 10 === 0 || done === personas.length) {
            process.stderr.write(`Backstories: ${done} of ${personas.length}\n`);
          }
          return new Persona({ ...persona.toDict(), backstory });
        }),
      ),
    );
  } finally {
    await models.dispose();
  }
}

async function writeBackstory(model: BaseModel, persona: Persona): Promise<string> {
  const messages: ChatMessage[] = [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: `Persona: ${persona.toString()}\nBackstory as JSON:` },
  ];
  let problem = "";
  for (let attempt = 0; attempt <= RETRIES; attempt++) {
    const reply = await model.prompt(messages, {
      responseSchema: answerJsonSchema(BACKSTORY_FORM),
      maxOutTokens: MAX_BACKSTORY_TOKENS,
      seed: attempt,
    });
    const parsed = parseAnswer(BACKSTORY_FORM, reply.text);
    if (parsed.valid) {
      const { backstory } = parsed.value as { backstory: string };
      if (backstory.trim()) return backstory.trim();
      problem = "the backstory is empty";
    } else {
      problem = parsed.error;
    }
  }
  throw new InputError(
    `the model gave no valid backstory for ${persona.username} in ${RETRIES + 1} tries (${problem})`,
    {
      field: "--backstories",
      fix: "Use a larger or instruction-tuned model, or raise its maxOutTokens",
    },
  );
}
