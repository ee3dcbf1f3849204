/**
 * What `syndisco init` writes: a commented config that names every key, and a persona file in SynDisco's
 * format. The README's config reference shows the same example.
 */

/** The file name `syndisco init` gives the config. */
export const EXAMPLE_CONFIG_FILE = "syndisco.yaml";

/** The file name `syndisco init` gives the personas. */
export const EXAMPLE_PERSONAS_FILE = "personas.json";

/** The commented example config. */
export const EXAMPLE_CONFIG = `# A SynDisco experiment: synthetic discussions between LLM personas, then annotations.
#   Check it without loading a model:  syndisco run syndisco.yaml --dry-run
#   Run it:                            syndisco run syndisco.yaml
#   Run it on a local model file:      syndisco run syndisco.yaml --model-path ./model.gguf
# Relative paths in this file are read from this file's folder.

# The models, each under a name of your choice.
#   backend: llamacpp, transformers, openai, a plugin package's name, or ./path/to/your-plugin.mjs
#   options: that backend's options (its README lists them all).
models:
  main:
    backend: llamacpp # the @syndisco/model-llamacpp package, installed beside syndisco
    options:
      # A GGUF file, or a Hugging Face model as hf:user/repo:quant (downloaded and cached on first run).
      modelPath: hf:bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M
      name: llama-3.2-1b-instruct # the model name written into the output files
      maxOutTokens: 100 # the longest reply, in tokens
      contextSize: 2048
  # Annotators may use another model, for example one behind an OpenAI-compatible server:
  # judge:
  #   backend: openai # the @syndisco/model-openai package, installed beside syndisco
  #   options: { modelName: gpt-4o-mini, maxOutTokens: 8 } # the key comes from OPENAI_API_KEY

# The persona pool: a SynDisco persona file (a JSON list of personas), or a list written here.
personas: ./personas.json

# What every participant is told.
context: You are taking part in an online conversation
instructions: Act like a human would

discussions:
  model: main # a name under models
  count: 4 # how many discussions (default 5)
  turns: 6 # participant turns in each (default 10)
  activeUsers: 2 # personas drawn from the pool for each discussion (default 2)
  historyLength: 3 # how many recent comments a speaker sees (default 3)
  turnManager: # who speaks next (default round_robin)
    type: round_robin # or random_weighted (with pRespond: 0.5), random (avoidLastSpeaker: true for 2.2's), queue, respond
  seedOpinions: # each discussion opens with one of these, by its first participant; a list is a thread (optional)
    - I think remote work is here to stay, and offices will never be as full as they were.
    - Video games teach kids more than most schools do.
  moderator: # optional: speaks after every participant's comment
    persona:
      username: Moderator
      age: 41
      sex: male
      education_level: PhD
      sexual_orientation: Pansexual
      demographic_group: White
      current_employment: Moderator
      special_instructions: ""
      personality_characteristics: [strict, neutral, just]
    instructions: You are a moderator. Oversee the discussion
    # model: main # default: discussions.model

annotation: # optional: every annotator labels every comment of every discussion
  model: main
  historyLength: 3 # how many comments the annotator sees: the one it labels and those before it
  includeModeratorComments: true
  answerRetries: 2 # how often an answer that does not fit answerForm is asked again
  annotators:
    - persona:
        username: Annotator1
        age: 35
        sex: female
        education_level: Master's
        current_employment: Content moderator
        personality_characteristics: [careful, impartial]
      instructions: Rate the toxicity of the last comment from 1 (not toxic) to 5 (very toxic).
      # The form of the answer: a whole number from 1 to 5. Backends that can, constrain generation to it;
      # every answer is checked, retried when it does not fit, and recorded as invalid if it never does.
      answerForm: { type: scale, min: 1, max: 5 }

output: ./syndisco-output # discussions/ and annotations/ are written in here
# For files SynDisco 2.2 reads (our extra keys go to a NAME.meta.json beside each):
# output: { dir: ./syndisco-output, format: syndisco-2.2 }
seed: 42 # makes the plan reproducible: who takes part, which seed opinion, the turn order
concurrency: 2 # discussions (or annotations) run at once
`;

/** The example personas: the two of SynDisco's guide, and two more. */
export const EXAMPLE_PERSONAS = [
  {
    username: "Emma35",
    age: 38,
    sex: "female",
    sexual_orientation: "Heterosexual",
    demographic_group: "Latino",
    current_employment: "Registered Nurse",
    education_level: "Bachelor's",
    special_instructions: "",
    personality_characteristics: ["compassionate", "patient", "diligent", "overwhelmed"],
  },
  {
    username: "Giannis",
    age: 21,
    sex: "male",
    sexual_orientation: "Pansexual",
    demographic_group: "White",
    current_employment: "Game Developer",
    education_level: "College",
    special_instructions: "",
    personality_characteristics: ["strategic", "meticulous", "nerdy", "hyper-focused"],
  },
  {
    username: "Margaret_T",
    age: 67,
    sex: "female",
    sexual_orientation: "Heterosexual",
    demographic_group: "Black",
    current_employment: "Retired teacher",
    education_level: "Master's",
    special_instructions: "You disagree politely but firmly when you think someone is wrong.",
    personality_characteristics: ["principled", "warm", "talkative"],
  },
  {
    username: "dev_null42",
    age: 29,
    sex: "male",
    sexual_orientation: "Heterosexual",
    demographic_group: "Asian",
    current_employment: "Delivery driver",
    education_level: "High school",
    special_instructions: "You are sceptical of most things you read online.",
    personality_characteristics: ["sarcastic", "impatient", "curious"],
  },
];
