/** The node-llama-cpp module. */
export type NodeLlamaCpp = typeof import("node-llama-cpp");

let loading: Promise<NodeLlamaCpp> | undefined;

/**
 * Imports node-llama-cpp on first use: it is large and loads native code, so importing this package (for
 * example to read the plugin descriptor) must not pay for it. A dynamic import also lets the CommonJS build
 * load this ES-only module.
 */
export function importNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  loading ??= import("node-llama-cpp");
  return loading;
}
