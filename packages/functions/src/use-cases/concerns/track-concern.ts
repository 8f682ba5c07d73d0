import { type Locale, type ResidentView, toResidentView } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentDirectory } from "../directory/current-directory.js";
import { authenticateResident } from "./resident-access.js";

/** 查询: the resident's view of their concern. */
export async function trackConcern(
  deps: Deps,
  request: { ledgerNo: string; accessCode: string | undefined; locale: Locale },
): Promise<ResidentView> {
  const { concern, events } = await authenticateResident(
    deps,
    request.ledgerNo,
    request.accessCode,
  );
  return toResidentView(concern, events, await currentDirectory(deps), request.locale, deps.now());
}
