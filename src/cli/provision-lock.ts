import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliExit, EXIT } from './exit-codes';

/**
 * Two provisionings of one record into one place at the same time would each search, find
 * nothing and create everything: one proceeds, the other is told so. The lock is a file made
 * with O_EXCL holding the holder's pid; a lock whose process is gone (a run killed with
 * SIGKILL) is taken over at once. Stale-by-age libraries (proper-lockfile) would make the
 * next run wait out the timeout instead. This covers processes on one machine; the Forge app
 * has its own lock in Forge storage.
 */
export async function lockProvisioning(
  recordId: string,
  where: string,
  root = resolve('.handoff'),
): Promise<() => Promise<void>> {
  const dir = join(root, 'locks');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${`${recordId}@${where}`.replace(/[^A-Za-z0-9._@-]+/g, '_')}.lock`);
  if (!(await take(file)) && !(await takeOverIfDead(file))) {
    throw new CliExit(
      EXIT.invalid,
      `another provisioning of ${recordId} into ${where} is running on this machine ` +
        `(pid ${await holder(file)}); nothing was done — wait for it to finish, then run again`,
    );
  }
  return () => unlink(file).catch(() => undefined);
}

async function take(file: string): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

async function holder(file: string): Promise<number | null> {
  const pid = Number(await readFile(file, 'utf8').catch(() => ''));
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Takers race on O_EXCL after removing a dead holder's file. Two processes that both saw the
 * same dead holder at the same instant could, in theory, both pass; that needs a crash and
 * two simultaneous restarts on one machine, and the engine's search-before-create still holds.
 */
async function takeOverIfDead(file: string): Promise<boolean> {
  const pid = await holder(file);
  if (pid !== null && isAlive(pid)) return false;
  await unlink(file).catch(() => undefined);
  return take(file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
