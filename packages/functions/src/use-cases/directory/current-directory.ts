import { type DirectoryIndex, indexDirectory, type Locale, toPublicDirectory } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { processCache } from "../process-cache.js";

/**
 * The directory, indexed, loaded once per `directoryCacheMs` per process: it changes rarely,
 * and routing every submission should not re-read a hundred items.
 */
const directory = processCache(async (deps) => indexDirectory(await deps.store.loadDirectory()));

export function currentDirectory(deps: Deps): Promise<DirectoryIndex> {
  return directory.get(deps);
}

/** After an edit: the next request reloads the directory. */
export function forgetDirectory(deps: Deps): void {
  directory.forget(deps);
}

/** `GET /api/directory`: the villages, their contact leaders and the categories. */
export async function publicDirectory(deps: Deps, locale: Locale) {
  return toPublicDirectory(await currentDirectory(deps), locale);
}
