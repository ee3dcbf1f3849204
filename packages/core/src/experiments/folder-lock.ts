import { link, readFile, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { InputError } from "../errors.js";
import { isErrnoException } from "../util/atomic-write.js";
import { delay } from "../util/delay.js";
import { isOwnerAlive, type LockOwner, lockOwner, markHeld } from "./lock-owner.js";

// How long a start keeps trying while other starts take over a stale lock, and how long it waits between tries.
const TAKE_TIMEOUT_MS = 10_000;
const RETRY_MS = 20;

/**
 * Takes the lock of an output folder so that two runs never write into it at once. A lock left behind by
 * a run that was killed (its process no longer exists on this machine) is taken over.
 *
 * The lock file is created whole by `link` from a temporary file that already holds its owner, so a reader
 * never sees it empty and only one of many simultaneous starts can create it. A stale lock is removed only
 * by the holder of a second, short-lived lock (`<lock>.takeover`), after checking again that it is the same
 * stale lock: two starts that both found it stale can never remove each other's fresh lock.
 *
 * @returns a function that releases the lock.
 * @throws {@link InputError} when another live run holds the lock.
 */
export async function acquireFolderLock(lockFile: string, outputDir: string): Promise<() => Promise<void>> {
  const owner = lockOwner();
  const ownerText = `${JSON.stringify(owner)}\n`;
  const ownerFile = `${lockFile}.${owner.token}.tmp`;
  await writeFile(ownerFile, ownerText, { flag: "wx" });
  try {
    const deadline = Date.now() + TAKE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (await createExclusively(ownerFile, lockFile)) {
        markHeld(owner.token, true);
        return async () => {
          await releaseLock(lockFile, ownerText);
          markHeld(owner.token, false);
        };
      }
      const holder = await readLock(lockFile);
      if (holder === undefined) continue; // released in between: try again
      if (holder.owner && isOwnerAlive(holder.owner)) throw heldByAnother(holder.owner, lockFile, outputDir);
      if (!(await removeStaleLock(lockFile, holder.text, ownerFile))) await delay(RETRY_MS);
    }
  } finally {
    await unlink(ownerFile).catch(() => undefined);
  }
  throw new InputError("could not take the folder's lock", {
    file: outputDir,
    fix: `Make sure no other run uses this folder, then delete ${lockFile} and ${lockFile}.takeover`,
  });
}

/** Gives `target` the content of `source` unless `target` exists; `link` makes that one atomic step. */
async function createExclusively(source: string, target: string): Promise<boolean> {
  try {
    await link(source, target);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === "EEXIST") return false;
    throw error;
  }
}

interface LockContent {
  text: string;
  /** Undefined when the text is not an owner: an empty file that an older version left when it died. */
  owner: LockOwner | undefined;
}

/** The lock file's text and owner, or undefined when there is no lock file. */
async function readLock(lockFile: string): Promise<LockContent | undefined> {
  let text: string;
  try {
    text = await readFile(lockFile, "utf8");
  } catch (error) {
    if (isErrnoException(error) && error.code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return { text, owner: typeof owner?.pid === "number" ? owner : undefined };
  } catch {
    return { text, owner: undefined };
  }
}

/**
 * Removes the lock file if it still holds `staleText`, while holding the takeover lock.
 *
 * @returns false when another start holds the takeover lock (try again shortly).
 */
async function removeStaleLock(lockFile: string, staleText: string, ownerFile: string): Promise<boolean> {
  const takeoverFile = `${lockFile}.takeover`;
  if (!(await createExclusively(ownerFile, takeoverFile))) {
    const taker = await readLock(takeoverFile);
    // Its holder died between taking and releasing it (a few system calls): nobody else can clear it.
    if (taker && !(taker.owner && isOwnerAlive(taker.owner))) await removeIfUnchanged(takeoverFile, taker.text);
    return false;
  }
  try {
    // A lock file is only ever created whole and removed by its owner or under this takeover lock, so the
    // same text means the same stale lock.
    await removeIfUnchanged(lockFile, staleText);
  } finally {
    await unlink(takeoverFile).catch(() => undefined);
  }
  return true;
}

async function removeIfUnchanged(file: string, text: string): Promise<void> {
  const current = await readLock(file);
  if (current?.text === text) await unlink(file).catch(() => undefined);
}

/** Removes the lock if it is still ours (a lock taken over by mistake is left to its new owner). */
async function releaseLock(lockFile: string, ownerText: string): Promise<void> {
  const current = await readLock(lockFile).catch(() => undefined);
  if (current?.text === ownerText) await unlink(lockFile).catch(() => undefined);
}

function heldByAnother(holder: LockOwner, lockFile: string, outputDir: string): InputError {
  const where = holder.hostname === hostname() ? "on this machine" : `on ${holder.hostname}`;
  return new InputError(
    `another SynDisco run (process ${holder.pid} ${where}, started ${holder.startedAt}) is writing to this folder`,
    {
      file: outputDir,
      fix: `Wait for it to finish or stop it. If no such run exists, delete ${lockFile}`,
    },
  );
}
