import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { fileBody, locale, type Route, staffRoute, xlsxFile } from "./define.js";

/**
 * Reports: a person's or department's quarter (json or xlsx) and the annual assessment. Each
 * handler loads its use case on first use.
 */
const fieldWork = lazy(() => import("../use-cases/field-work/field-work.js"));
const drafts = lazy(() => import("../use-cases/field-work/quarterly-drafts.js"));

export const reportsRoutes: Route[] = [
  staffRoute("GET", "/api/staff/reports/quarterly", async (c, deps, auth) => {
    const { quarterlyReport, quarterlyReportXlsx } = await fieldWork();
    const report = await quarterlyReport(deps, auth, c.req.query(), locale(c));
    if (c.req.query("format") !== "xlsx") return c.json(report);
    const file = await xlsxFile();
    return fileBody(
      c,
      await quarterlyReportXlsx(report, locale(c)),
      file.XLSX_CONTENT_TYPE,
      file.contentDisposition,
    );
  }),
  staffRoute("GET", "/api/staff/reports/quarterly/draft", async (c, deps, auth) =>
    c.json(await (await drafts()).getQuarterlyDraftOf(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("PUT", "/api/staff/reports/quarterly/draft", async (c, deps, auth) =>
    c.json(await (await drafts()).saveQuarterlyDraft(deps, auth, await readJson(c), locale(c))),
  ),
  staffRoute("GET", "/api/staff/reports/annual", async (c, deps, auth) =>
    c.json(await (await fieldWork()).annualAssessment(deps, auth, c.req.query(), locale(c))),
  ),
];
