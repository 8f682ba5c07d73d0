import { readJson } from "../http/body.js";
import { lazy } from "../lazy.js";
import { locale, param, publicRoute, type Route, staffRoute } from "./define.js";

/**
 * The town's grid: a village's public page, rotation (包干轮换), party members (入户) and front-line
 * service days (一线服务日). Each handler loads its use case on first use.
 */
const rotation = lazy(() => import("../use-cases/grid/rotation.js"));
const partyMembers = lazy(() => import("../use-cases/grid/party-members.js"));
const serviceDays = lazy(() => import("../use-cases/grid/service-days.js"));

const villages = lazy(() => import("../use-cases/grid/villages.js"));

export const gridRoutes: Route[] = [
  publicRoute("GET", "/api/villages/:id", async (c, deps) => {
    const { publicVillage } = await villages();
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await publicVillage(deps, param(c, "id"), locale(c)));
  }),
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
];
