import type { Deps } from "../../deps.js";

/**
 * Processes one object that arrived under `uploads/` (issue 15): a placeholder so that the
 * upload processor's entry (`upload-processor.ts`) builds on the infra branch. The lead's
 * use case replaces this file, with this same signature, at merge.
 */
export async function processUploadedObject(_deps: Deps, _key: string): Promise<void> {
  throw new Error("processUploadedObject: not merged yet");
}
