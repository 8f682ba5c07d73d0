import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { param, type Route, staffRoute } from "./define.js";

/**
 * 答复模板 (issue 16): admin's list, create, edit, retire; and a concern's templates, filled
 * for it, for its answer, respond and defer forms. Each handler loads its use case on first use.
 */
const replyTemplates = lazy(() => import("../use-cases/reply-templates/reply-templates.js"));

export const replyTemplateRoutes: Route[] = [
  staffRoute("GET", "/api/staff/reply-templates", async (c, deps, auth) =>
    c.json(await (await replyTemplates()).listReplyTemplates(deps, auth, c.req.query())),
  ),
  staffRoute("POST", "/api/staff/reply-templates", async (c, deps, auth) =>
    c.json(await (await replyTemplates()).createReplyTemplate(deps, auth, await readJson(c)), 201),
  ),
  staffRoute("PUT", "/api/staff/reply-templates/:id", async (c, deps, auth) => {
    const { editReplyTemplateById } = await replyTemplates();
    return c.json(await editReplyTemplateById(deps, auth, param(c, "id"), await readJson(c)));
  }),
  staffRoute("POST", "/api/staff/reply-templates/:id/retire", async (c, deps, auth) => {
    const { retireReplyTemplateById } = await replyTemplates();
    return c.json(await retireReplyTemplateById(deps, auth, param(c, "id"), await readJson(c)));
  }),
  staffRoute("GET", "/api/staff/concerns/:ledgerNo/reply-templates", async (c, deps, auth) => {
    const { replyTemplatesForConcern } = await replyTemplates();
    return c.json(await replyTemplatesForConcern(deps, auth, param(c, "ledgerNo"), c.req.query()));
  }),
];
