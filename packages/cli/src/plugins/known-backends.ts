/** A backend that SynDisco publishes, known to the CLI by a short id. */
export interface KnownBackend {
  /** The id a config names in `backend:`. */
  id: string;
  /** The npm package that holds it. */
  packageName: string;
  /** What it runs. */
  description: string;
  /** Whether its options name a model file or hub id in `modelPath` (which `--model-path` replaces). */
  takesModelPath: boolean;
}

/** The backends SynDisco publishes. Users install only those they use. */
export const KNOWN_BACKENDS: readonly KnownBackend[] = [
  {
    id: "llamacpp",
    packageName: "@syndisco/model-llamacpp",
    description: "GGUF models through llama.cpp (node-llama-cpp), on CPU or GPU",
    takesModelPath: true,
  },
  {
    id: "transformers",
    packageName: "@syndisco/model-transformers",
    description: "ONNX models through transformers.js (onnxruntime-node)",
    takesModelPath: true,
  },
  {
    id: "openai",
    packageName: "@syndisco/model-openai",
    description: "any OpenAI-compatible server: OpenAI, vLLM, llama.cpp server, Ollama, syndisco serve",
    takesModelPath: false,
  },
];

/** The known backend with this id, if any. */
export function findKnownBackend(id: string): KnownBackend | undefined {
  return KNOWN_BACKENDS.find((backend) => backend.id === id);
}

/** The exact command that installs a package. */
export function installCommand(packageName: string): string {
  return `npm install ${packageName}`;
}
