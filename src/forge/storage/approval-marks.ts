import type { KvsPort } from './kvs-port';

/**
 * The approval time the app last acted on, per change request (`approval-acted:<project>:<key>`):
 * events come at least once, and Asana tells a reopen and a completion apart only by reading the
 * task, so one approval is recorded and queued once however often it is told. Forgotten once the
 * request is decided; a repeat after that finds the request settled.
 */
export function approvalMarks(kvs: KvsPort, projectKey: string) {
  const keyOf = (key: string) => `approval-acted:${projectKey}:${key}`;
  return {
    async actedOn(key: string, at: string): Promise<boolean> {
      return (await kvs.get(keyOf(key))) === at;
    },
    mark: (key: string, at: string) => kvs.set(keyOf(key), at),
    forget: (key: string) => kvs.delete(keyOf(key)),
  };
}
