import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { isErrnoException } from "../util/atomic-write.js";

/** Who holds a folder's lock, as written in the lock file. */
export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Unique to one taking of the lock; absent in locks written by older versions. */
  token?: string;
  /**
   * When the owning process started (Linux: boot id and start time in clock ticks), so that a process that
   * got the same id later is not taken for the owner. Absent where it cannot be read.
   */
  processStart?: string;
}

// The tokens of the locks this process holds: a lock with our own process id is live only if it is one of
// them. In a container every run is often process 1, so the id alone would make a crashed run's lock live.
const heldTokens = new Set<string>();

/** A new owner record for this process. */
export function lockOwner(): LockOwner & { token: string } {
  return {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
    processStart: processStartOf(process.pid),
  };
}

/** Records that this process holds (or no longer holds) the lock with `token`. */
export function markHeld(token: string, held: boolean): void {
  if (held) heldTokens.add(token);
  else heldTokens.delete(token);
}

/** Whether the lock's owner still runs. Another machine's process cannot be checked, so it counts as alive. */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return true;
  if (owner.pid === process.pid) return owner.token !== undefined && heldTokens.has(owner.token);
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if (!(isErrnoException(error) && error.code === "EPERM")) return false;
  }
  const start = owner.processStart === undefined ? undefined : processStartOf(owner.pid);
  return start === undefined || start === owner.processStart;
}

/** When a process started, as `<boot id>:<start ticks>`; undefined where /proc cannot tell (not Linux). */
export function processStartOf(pid: number): string | undefined {
  try {
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces; start time is field 22.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const startTicks = fields[22 - 3];
    return startTicks ? `${bootId}:${startTicks}` : undefined;
  } catch {
    return undefined;
  }
}
