import { createHash } from "node:crypto";

/** SynDisco's message id: the MD5 of `<conversation id>_<message>`, as hex. */
export function messageId(convId: string, message: string): string {
  return createHash("md5").update(`${convId}_${message}`).digest("hex");
}
