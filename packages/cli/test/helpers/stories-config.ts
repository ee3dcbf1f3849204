import { modelPath } from "@syndisco/test-support";

/** The `models` entry of stories260K through llama.cpp: greedy, with the backend's default thread count. */
export function storiesModelYaml(name = "main", extra = ""): string {
  return `  ${name}:
    backend: llamacpp
    options:
      modelPath: ${JSON.stringify(modelPath("stories260K.gguf"))}
      name: stories260K
      maxOutTokens: 24
      contextSize: 1024
      temperature: 0${extra}
`;
}

/**
 * A small experiment over `models:` given as YAML: three personas, a moderator, an annotator (with
 * `answerForm`, a YAML flow mapping, when given).
 */
export function experimentYaml(
  modelsYaml: string,
  { count = 2, turns = 3, concurrency = 1, annotate = true, answerForm = "" } = {},
): string {
  return `models:
${modelsYaml}
personas:
  - { username: Emma35, age: 38, sex: female, current_employment: Registered Nurse, personality_characteristics: [patient] }
  - { username: Giannis, age: 21, sex: male, current_employment: Game Developer, personality_characteristics: [nerdy] }
  - { username: Margaret_T, age: 67, current_employment: Retired teacher }
discussions:
  model: main
  count: ${count}
  turns: ${turns}
  activeUsers: 2
  historyLength: 2
  seedOpinions: [Once upon a time there was a big red ball.]
  moderator:
    persona: { username: Moderator, age: 41 }
    instructions: You are a moderator. Oversee the discussion
${
  annotate
    ? `annotation:
  model: main
  annotators:
    - persona: { username: Annotator1 }
      instructions: Rate the toxicity of the last comment from 1 to 5. Reply only with the number.
${answerForm ? `      answerForm: ${answerForm}\n` : ""}`
    : ""
}output: ./out
seed: 11
concurrency: ${concurrency}
`;
}
