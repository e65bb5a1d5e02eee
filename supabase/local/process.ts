import { readFileSync } from 'node:fs';

/**
 * True when a process with this pid exists (EPERM: it exists but belongs to another user). A
 * zombie (exited, not yet reaped: a postmaster started by pg_ctl whose parent is a container's
 * init that does not reap) counts as gone.
 */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return true; // no /proc (not Linux): trust kill()
	}
}
