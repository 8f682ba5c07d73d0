import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import { lazy } from "../lazy.js";
import { residentKey } from "./concerns.js";
import { noStore, param, publicRoute, type Route, staffRoute } from "./define.js";

/**
 * Photos (issue 15): the browser asks for a signed POST, sends the file straight to the file
 * store (never through the API), and asks how it fared. The submission names the uploads.
 */
const uploads = lazy(() => import("../use-cases/files/request-upload.js"));

export const uploadsRoutes: Route[] = [
  publicRoute("POST", "/api/uploads", async (c, deps) => {
    const ticket = await (await uploads()).requestFormUpload(deps, {
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(ticket, 201);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/uploads", async (c, deps) => {
    const ticket = await (await uploads()).requestConcernUpload(deps, {
      key: residentKey(c, deps),
      body: await readJson(c),
    });
    noStore(c);
    return c.json(ticket, 201);
  }),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/uploads", async (c, deps, auth) => {
    const ticket = await (await uploads()).requestStaffUpload(
      deps,
      auth,
      param(c, "ledgerNo"),
      await readJson(c),
    );
    noStore(c);
    return c.json(ticket, 201);
  }),
  publicRoute("GET", "/api/uploads/:uploadId", async (c, deps) => {
    const status = await (await uploads()).getUploadStatus(deps, param(c, "uploadId"));
    noStore(c);
    return c.json(status);
  }),
];
