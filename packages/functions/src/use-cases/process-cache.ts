import type { Deps } from "../deps.js";

/**
 * A value loaded at most once per cache period per process (per `Deps`), shared by the
 * requests that need it meanwhile: a burst of cold requests waits on one load instead of each
 * reading the table (issue 13). A load that fails is not kept: the next request tries again.
 */
export function processCache<T>(load: (deps: Deps) => Promise<T>) {
  const entries = new WeakMap<Deps, { value: Promise<T>; loadedAt: number }>();
  return {
    get(deps: Deps): Promise<T> {
      const now = deps.now().getTime();
      const hit = entries.get(deps);
      if (hit && now - hit.loadedAt < deps.directoryCacheMs) return hit.value;
      const value = load(deps);
      entries.set(deps, { value, loadedAt: now });
      value.catch(() => {
        if (entries.get(deps)?.value === value) entries.delete(deps);
      });
      return value;
    },
    /** After an edit: the next request loads again. */
    forget(deps: Deps): void {
      entries.delete(deps);
    },
  };
}
