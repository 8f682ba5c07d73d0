import { MAX_IMPORT_BYTES, readBinary } from "../http/binary-body.js";
import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import { fileBody, locale, param, type Route, staffRoute } from "./define.js";

/**
 * The town's grid and its administration: rotation (包干轮换), party members, service days,
 * the directory and staff accounts (with the audit trail and xlsx import/export), and field
 * work with its compliance, reports and assessment. Loaded on first use.
 */
const rotation = () => import("../use-cases/rotation.js");
const partyMembers = () => import("../use-cases/party-members.js");
const serviceDays = () => import("../use-cases/service-days.js");
const directoryAdmin = () => import("../use-cases/staff/directory-admin.js");
const directoryXlsx = () => import("../use-cases/staff/directory-xlsx.js");
const accounts = () => import("../use-cases/staff/accounts-admin.js");
const fieldWork = () => import("../use-cases/field-work.js");
const xlsxFile = async () => {
  const [{ XLSX_CONTENT_TYPE }, { contentDisposition }] = await Promise.all([
    import("../export/xlsx.js"),
    import("../files/file-store.js"),
  ]);
  return { XLSX_CONTENT_TYPE, contentDisposition };
};

export const gridRoutes: Route[] = [
  staffRoute("GET", "/api/staff/rotation/:villageId", async (c, deps, auth) =>
    c.json(await (await rotation()).getRotation(deps, auth, param(c, "villageId"), locale(c))),
  ),
  staffRoute("PUT", "/api/staff/rotation/:villageId", async (c, deps, auth) => {
    const { saveRotationPlan } = await rotation();
    return c.json(
      await saveRotationPlan(deps, auth, param(c, "villageId"), await readJson(c), locale(c)),
    );
  }),
  staffRoute("GET", "/api/staff/party-members", async (c, deps, auth) =>
    c.json(await (await partyMembers()).listPartyMembers(deps, auth, c.req.query())),
  ),
  staffRoute("POST", "/api/staff/party-members", async (c, deps, auth) =>
    c.json(await (await partyMembers()).registerPartyMember(deps, auth, await readJson(c)), 201),
  ),
  staffRoute("PUT", "/api/staff/party-members/:id", async (c, deps, auth) => {
    const { editPartyMember } = await partyMembers();
    return c.json(await editPartyMember(deps, auth, param(c, "id"), await readJson(c)));
  }),
  staffRoute("POST", "/api/staff/party-members/:id/retire", async (c, deps, auth) =>
    c.json(await (await partyMembers()).retirePartyMember(deps, auth, param(c, "id"))),
  ),
  staffRoute("GET", "/api/staff/service-days", async (c, deps, auth) =>
    c.json(await (await serviceDays()).listServiceDays(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("POST", "/api/staff/service-days", async (c, deps, auth) =>
    c.json(await (await serviceDays()).scheduleServiceDay(deps, auth, await readJson(c)), 201),
  ),
  staffRoute("POST", "/api/staff/service-days/:id/retire", async (c, deps, auth) =>
    c.json(await (await serviceDays()).retireServiceDay(deps, auth, param(c, "id"))),
  ),
  staffRoute("POST", "/api/staff/service-days/:id/held", async (c, deps, auth) => {
    const { recordServiceDayHeld } = await serviceDays();
    const { created, log } = await recordServiceDayHeld(
      deps,
      auth,
      param(c, "id"),
      await readJson(c),
    );
    return c.json(log, created ? 201 : 200);
  }),
  staffRoute("GET", "/api/staff/directory", async (c, deps, auth) =>
    c.json(await (await directoryAdmin()).adminDirectory(deps, auth)),
  ),
  staffRoute("GET", "/api/staff/directory.xlsx", async (c, deps, auth) => {
    const [{ exportDirectoryXlsx }, file] = await Promise.all([directoryXlsx(), xlsxFile()]);
    return fileBody(
      c,
      await exportDirectoryXlsx(deps, auth),
      file.XLSX_CONTENT_TYPE,
      file.contentDisposition,
    );
  }),
  staffRoute(
    "POST",
    "/api/staff/directory/import",
    async (c, deps, auth) => {
      const [{ importDirectoryXlsx }, { XLSX_CONTENT_TYPE }] = await Promise.all([
        directoryXlsx(),
        xlsxFile(),
      ]);
      const bytes = await readBinary(c, XLSX_CONTENT_TYPE, MAX_IMPORT_BYTES);
      const dryRun = c.req.query("dryRun") !== "false";
      return c.json(await importDirectoryXlsx(deps, auth, bytes, dryRun, locale(c)));
    },
    { maxBodyBytes: MAX_IMPORT_BYTES },
  ),
  staffRoute("PUT", "/api/staff/directory/:kind/:id", async (c, deps, auth) => {
    const { putDirectoryEntry } = await directoryAdmin();
    const result = await putDirectoryEntry(
      deps,
      auth,
      param(c, "kind"),
      param(c, "id"),
      await readJson(c),
    );
    return c.json(result, result.created ? 201 : 200);
  }),
  staffRoute("POST", "/api/staff/directory/:kind/:id/retire", async (c, deps, auth) => {
    const { retireDirectoryEntry } = await directoryAdmin();
    return c.json(await retireDirectoryEntry(deps, auth, param(c, "kind"), param(c, "id"), true));
  }),
  staffRoute("POST", "/api/staff/directory/:kind/:id/reinstate", async (c, deps, auth) => {
    const { retireDirectoryEntry } = await directoryAdmin();
    return c.json(await retireDirectoryEntry(deps, auth, param(c, "kind"), param(c, "id"), false));
  }),
  staffRoute("GET", "/api/staff/audit", async (c, deps, auth) =>
    c.json(await (await directoryAdmin()).auditTrail(deps, auth, c.req.query())),
  ),
  staffRoute("GET", "/api/staff/accounts", async (c, deps, auth) =>
    c.json(await (await accounts()).listAccounts(deps, auth)),
  ),
  staffRoute("POST", "/api/staff/accounts", async (c, deps, auth) =>
    c.json(await (await accounts()).createAccount(deps, auth, await readJson(c)), 201),
  ),
  staffRoute("PATCH", "/api/staff/accounts/:id", async (c, deps, auth) =>
    c.json(await (await accounts()).editAccount(deps, auth, param(c, "id"), await readJson(c))),
  ),
  staffRoute("POST", "/api/staff/field-logs", async (c, deps, auth) => {
    const { createFieldLog } = await fieldWork();
    const result = await createFieldLog(deps, auth, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    return c.json(result, result.replayed ? 200 : 201);
  }),
  staffRoute("GET", "/api/staff/field-logs", async (c, deps, auth) =>
    c.json(await (await fieldWork()).listFieldLogs(deps, auth, c.req.query(), locale(c))),
  ),
  staffRoute("GET", "/api/staff/compliance", async (c, deps, auth) =>
    c.json(await (await fieldWork()).complianceReport(deps, auth, c.req.query(), locale(c))),
  ),
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
  staffRoute("GET", "/api/staff/reports/annual", async (c, deps, auth) =>
    c.json(await (await fieldWork()).annualAssessment(deps, auth, c.req.query(), locale(c))),
  ),
];
