import { type DirectoryIndex, indexDirectory, type Locale, toPublicDirectory } from "@lianxin/core";
import type { Deps } from "../../deps.js";

const caches = new WeakMap<Deps, { index: DirectoryIndex; loadedAt: number }>();

/**
 * The directory, indexed, reused for `directoryCacheMs`: it changes rarely, and routing
 * every submission should not re-read a hundred items.
 */
export async function currentDirectory(deps: Deps): Promise<DirectoryIndex> {
  const cached = caches.get(deps);
  const now = deps.now().getTime();
  if (cached && now - cached.loadedAt < deps.directoryCacheMs) return cached.index;
  const index = indexDirectory(await deps.store.loadDirectory());
  caches.set(deps, { index, loadedAt: now });
  return index;
}

/** After an edit: the next request reloads the directory. */
export function forgetDirectory(deps: Deps): void {
  caches.delete(deps);
}

/** `GET /api/directory`: the villages, their contact leaders and the categories. */
export async function publicDirectory(deps: Deps, locale: Locale) {
  return toPublicDirectory(await currentDirectory(deps), locale);
}
