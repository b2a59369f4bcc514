/**
 * Tells the page that its synth worker is gone even when the worker had no chance to say so. A worker the browser
 * ends (out of memory, `terminate()`, a crash of its thread) fires no `error` event, and a Comlink call pending on
 * it would wait forever. So the worker holds a Web Lock of its own for its whole life, and the page asks for the
 * same lock: the browser grants it to the page exactly when the worker's context is destroyed.
 *
 * The worker names its lock (random, since locks are shared by every tab of the origin) and posts the name only once
 * the lock is granted, so the page's request always queues behind the worker's. Comlink ignores the message (it has
 * no call id). Where Web Locks are missing (a page served over plain http from another host is not a secure
 * context) nothing is watched: the `error` and `messageerror` events remain the only signals.
 */

/** The worker's one message outside Comlink: the name of the lock it holds. */
interface LifeLockMessage {
  localsynthLifeLock: string;
}

function isLifeLockMessage(data: unknown): data is LifeLockMessage {
  return typeof data === 'object' && data !== null && typeof Reflect.get(data, 'localsynthLifeLock') === 'string';
}

/** Worker side: takes a lock for the rest of the worker's life, then posts its name to the page. */
export function holdLifeLock(locks: LockManager | undefined, post: (m: LifeLockMessage) => void): void {
  if (!locks) return;
  const bytes = new Uint32Array(4);
  crypto.getRandomValues(bytes);
  const name = `localsynth-worker-${Array.from(bytes, (b) => b.toString(36)).join('-')}`;
  void locks.request(name, () => {
    post({ localsynthLifeLock: name });
    return new Promise<never>(() => {}); // held until the worker is gone
  });
}

/**
 * Page side: calls `onDeath` once the worker that posts its lock name is gone. The returned function stops watching
 * (the bridge calls it when it terminates the worker itself).
 */
export function watchLifeLock(worker: Worker, locks: LockManager | undefined, onDeath: () => void): () => void {
  const abort = new AbortController();
  if (!locks) return () => {};
  const onMessage = (ev: MessageEvent<unknown>): void => {
    if (!isLifeLockMessage(ev.data)) return;
    worker.removeEventListener('message', onMessage);
    locks
      .request(ev.data.localsynthLifeLock, { signal: abort.signal }, () => {
        if (!abort.signal.aborted) onDeath();
      })
      .catch(() => {}); // aborted: the bridge stopped the worker itself
  };
  worker.addEventListener('message', onMessage);
  return () => {
    worker.removeEventListener('message', onMessage);
    abort.abort();
  };
}
