import { DomainError } from "@lianxin/core";
import type { Deps } from "../../deps.js";

/** Healthy once the database answers. */
export async function checkHealth(deps: Deps): Promise<{ ok: true }> {
  try {
    await deps.store.ping();
  } catch (error) {
    throw new DomainError("unavailable", { detail: String(error) });
  }
  return { ok: true };
}
