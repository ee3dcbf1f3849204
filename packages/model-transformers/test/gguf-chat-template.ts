import { readFileSync } from "node:fs";

// Byte sizes of GGUF's fixed-size value types, by type id (8 = string and 9 = array are read separately).
const FIXED_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;

/**
 * Reads `tokenizer.chat_template` from a GGUF file's metadata. The ONNX export of the random test model
 * lacks the template that its GGUF twin carries, so the tests take it from there.
 */
export function readGgufChatTemplate(file: string): string | undefined {
  const bytes = readFileSync(file);
  if (bytes.toString("latin1", 0, 4) !== "GGUF") throw new Error(`${file} is not a GGUF file`);
  let offset = 4 + 4 + 8; // magic, version, tensor count
  const metadataCount = Number(bytes.readBigUInt64LE(offset));
  offset += 8;

  const readString = (): string => {
    const length = Number(bytes.readBigUInt64LE(offset));
    const text = bytes.toString("utf8", offset + 8, offset + 8 + length);
    offset += 8 + length;
    return text;
  };
  const skipValue = (type: number): void => {
    if (type === STRING) {
      readString();
    } else if (type === ARRAY) {
      const itemType = bytes.readUInt32LE(offset);
      const count = Number(bytes.readBigUInt64LE(offset + 4));
      offset += 12;
      for (let item = 0; item < count; item += 1) skipValue(itemType);
    } else {
      const size = FIXED_SIZES[type];
      if (size === undefined) throw new Error(`unknown GGUF value type ${type} in ${file}`);
      offset += size;
    }
  };

  for (let entry = 0; entry < metadataCount; entry += 1) {
    const key = readString();
    const type = bytes.readUInt32LE(offset);
    offset += 4;
    if (key === "tokenizer.chat_template" && type === STRING) return readString();
    skipValue(type);
  }
  return undefined;
}
