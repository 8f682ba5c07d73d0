import { type Locale, type ResidentView, toResidentView } from "@lianxin/core";
import type { Deps } from "../../deps.js";
import { currentDirectory } from "../directory/current-directory.js";
import { fileViews } from "../files/file-views.js";
import { authenticateResident, type ResidentKey } from "./resident-access.js";

/** 查询: the resident's view of their concern. */
export async function trackConcern(
  deps: Deps,
  request: ResidentKey & { locale: Locale },
): Promise<ResidentView> {
  const { concern, events, files } = await authenticateResident(deps, request);
  const [index, views] = await Promise.all([
    currentDirectory(deps),
    fileViews(deps, { answeredAt: concern.answeredAt, files }, "resident"),
  ]);
  return toResidentView(concern, events, index, request.locale, deps.now(), views);
}
