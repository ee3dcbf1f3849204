import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A fresh folder under the system's temporary folder, and a way to remove it. */
export function temporaryFolder(label: string) {
  const path = mkdtempSync(join(tmpdir(), `syndisco-llamacpp-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
