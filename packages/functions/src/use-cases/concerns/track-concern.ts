import { type Locale, type ResidentView, toResidentView } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentDirectory } from "../directory/current-directory.js";
import { authenticateResident, type ResidentKey } from "./resident-access.js";

/** 查询: the resident's view of their concern. */
export async function trackConcern(
  deps: Deps,
  request: ResidentKey & { locale: Locale },
): Promise<ResidentView> {
  const { concern, events } = await authenticateResident(deps, request);
  return toResidentView(concern, events, await currentDirectory(deps), request.locale, deps.now());
}
