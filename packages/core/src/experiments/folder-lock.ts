import { readFile, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { InputError } from "../errors.js";
import { isErrnoException } from "../util/atomic-write.js";

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

/**
 * Takes the lock of an output folder so that two runs never write into it at once. A lock left behind by
 * a run that was killed (its process no longer exists on this machine) is taken over.
 *
 * @returns a function that releases the lock.
 * @throws {@link InputError} when another live run holds the lock.
 */
export async function acquireFolderLock(lockFile: string, outputDir: string): Promise<() => Promise<void>> {
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, `${JSON.stringify(owner)}\n`, { flag: "wx" });
      return () => unlink(lockFile).catch(() => undefined);
    } catch (error) {
      if (!(isErrnoException(error) && error.code === "EEXIST")) throw error;
    }
    const holder = await readOwner(lockFile);
    if (holder && isAlive(holder)) {
      throw new InputError(
        `another SynDisco run (process ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}) is writing to this folder`,
        {
          file: outputDir,
          fix: `Wait for it to finish or stop it. If no such run exists, delete ${lockFile}`,
        },
      );
    }
    await unlink(lockFile).catch(() => undefined);
  }
  throw new InputError("could not take the folder's lock", {
    file: outputDir,
    fix: `Make sure no other run uses this folder, then delete ${lockFile}`,
  });
}

async function readOwner(lockFile: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(lockFile, "utf8")) as LockOwner;
  } catch {
    // Empty or cut short: its writer died while taking the lock.
    return undefined;
  }
}

/** Whether the lock's owner still runs. Another machine's process cannot be checked, so it counts as alive. */
function isAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isErrnoException(error) && error.code === "EPERM";
  }
}
