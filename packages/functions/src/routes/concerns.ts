import type { Deps } from "../deps.js";
import { readJson } from "../http/body.js";
import { clientAddress } from "../http/client-address.js";
import type { Context } from "../http/exchange.js";
import { lazy } from "../lazy.js";
import { locale, noStore, param, publicRoute, type Route, staffRoute } from "./define.js";

/**
 * A concern's life through the API: residents submit, track, add to and rate it (the access
 * code in a header); staff register, read, act on and reissue its code, and work their queue;
 * admin makes its description public before its notice.
 * Each handler loads its use case on first use.
 */
const intake = lazy(() => import("../use-cases/concerns/submit-concern.js"));
const tracking = lazy(() => import("../use-cases/concerns/track-concern.js"));
const messages = lazy(() => import("../use-cases/concerns/add-resident-message.js"));
const feedback = lazy(() => import("../use-cases/concerns/feedback.js"));
const concerns = lazy(() => import("../use-cases/concerns/staff-concerns.js"));
const bulk = lazy(async () => ({
  ...(await import("../use-cases/concerns/bulk-actions.js")),
  ...(await import("../http/bulk-response.js")),
}));

const queue = lazy(() => import("../use-cases/concerns/queue.js"));
const stopSms = lazy(() => import("../use-cases/concerns/stop-sms.js"));
const callBacks = lazy(() => import("../use-cases/concerns/call-backs.js"));
const recovery = lazy(() => import("../use-cases/concerns/recover-code.js"));
const myConcerns = lazy(() => import("../use-cases/concerns/my-concerns.js"));
const duplicates = lazy(() => import("../use-cases/search/duplicates.js"));

/**
 * The resident's credential for a concern: its access code (`X-Access-Code`) or the token of
 * a link from one of its SMS (`X-Link-Token`) or a "我的诉求" session (`X-Resident-Session`),
 * and the client address for the limits.
 */
export function residentKey(c: Context, deps: Deps) {
  return {
    ledgerNo: param(c, "ledgerNo"),
    accessCode: c.req.header("x-access-code"),
    linkToken: c.req.header("x-link-token"),
    residentSession: c.req.header("x-resident-session"),
    clientAddress: clientAddress(c, deps.siteSecret),
  };
}
const publicDescription = lazy(() => import("../use-cases/concerns/public-description.js"));

export const concernsRoutes: Route[] = [
  publicRoute("POST", "/api/concerns", async (c, deps) => {
    const { receipt } = await (await intake()).submitConcern(deps, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(receipt, 201);
  }),
  publicRoute("GET", "/api/concerns/:ledgerNo", async (c, deps) => {
    const view = await (await tracking()).trackConcern(deps, {
      ...residentKey(c, deps),
      locale: locale(c),
    });
    noStore(c);
    return c.json(view);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/messages", async (c, deps) => {
    const event = await (await messages()).addResidentMessage(deps, {
      ...residentKey(c, deps),
      body: await readJson(c),
    });
    noStore(c);
    return c.json(event, 201);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/sms-opt-out", async (c, deps) => {
    const result = await (await stopSms()).stopSms(deps, residentKey(c, deps));
    noStore(c);
    return c.json(result);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/recovery", async (c, deps) => {
    const answer = await (await recovery()).requestRecoveryCode(deps, {
      ledgerNo: param(c, "ledgerNo"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(answer, 202);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/recovery/verify", async (c, deps) => {
    const answer = await (await recovery()).verifyRecoveryCode(deps, {
      ledgerNo: param(c, "ledgerNo"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(answer, 201);
  }),
  publicRoute("POST", "/api/resident/sign-in", async (c, deps) => {
    const answer = await (await myConcerns()).requestSignInCode(deps, {
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(answer, 202);
  }),
  publicRoute("POST", "/api/resident/sign-in/verify", async (c, deps) => {
    const session = await (await myConcerns()).verifySignInCode(deps, {
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
    });
    noStore(c);
    return c.json(session, 201);
  }),
  publicRoute("GET", "/api/resident/concerns", async (c, deps) => {
    const list = await (await myConcerns()).listMyConcerns(
      deps,
      c.req.header("x-resident-session"),
    );
    noStore(c);
    return c.json(list);
  }),
  publicRoute("DELETE", "/api/resident/session", async (c, deps) => {
    await (await myConcerns()).signOutResident(deps, c.req.header("x-resident-session"));
    noStore(c);
    return c.body(null, 204);
  }),
  publicRoute("POST", "/api/concerns/:ledgerNo/feedback", async (c, deps) => {
    const result = await (await feedback()).rateAnswer(deps, {
      ...residentKey(c, deps),
      body: await readJson(c),
    });
    noStore(c);
    return c.json(result, 201);
  }),
  staffRoute("GET", "/api/staff/queue", async (c, deps, auth) => {
    const { staffQueue } = await queue();
    return c.json(await staffQueue(deps, auth, c.req.query(), locale(c)));
  }),
  staffRoute("POST", "/api/staff/concerns", async (c, deps, auth) => {
    const { submitConcern } = await intake();
    const { receipt } = await submitConcern(deps, {
      idempotencyKey: c.req.header("idempotency-key"),
      body: await readJson(c),
      clientAddress: clientAddress(c, deps.siteSecret),
      staff: { user: auth.user },
    });
    return c.json(receipt, 201);
  }),
  staffRoute("GET", "/api/staff/concerns/:ledgerNo", async (c, deps, auth) =>
    c.json(await (await concerns()).getStaffConcern(deps, auth, param(c, "ledgerNo"), locale(c))),
  ),
  /** 可能重复 (issue 16): up to five possible duplicates in the concern's village. */
  staffRoute("GET", "/api/staff/concerns/:ledgerNo/duplicates", async (c, deps, auth) => {
    const { duplicateSuggestions } = await duplicates();
    return c.json(await duplicateSuggestions(deps, auth, param(c, "ledgerNo"), locale(c)));
  }),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/actions", async (c, deps, auth) => {
    const { actOnConcern } = await concerns();
    return c.json(
      await actOnConcern(deps, auth, param(c, "ledgerNo"), await readJson(c), locale(c)),
    );
  }),
  staffRoute("POST", "/api/staff/bulk-actions", async (c, deps, auth) => {
    const { bulkAct, bulkResponse } = await bulk();
    return c.json(bulkResponse(await bulkAct(deps, auth, await readJson(c)), locale(c)));
  }),
  staffRoute("GET", "/api/staff/call-backs", async (c, deps, auth) =>
    c.json(await (await callBacks()).callBackList(deps, auth, locale(c))),
  ),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/phone-rating", async (c, deps, auth) => {
    const { recordPhoneRating } = await callBacks();
    return c.json(
      await recordPhoneRating(deps, auth, param(c, "ledgerNo"), await readJson(c)),
      201,
    );
  }),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/access-code", async (c, deps, auth) => {
    const { reissueAccessCode } = await concerns();
    return c.json(
      await reissueAccessCode(deps, auth, param(c, "ledgerNo"), await readJson(c)),
      201,
    );
  }),
  staffRoute("POST", "/api/staff/concerns/:ledgerNo/public-description", async (c, deps, auth) => {
    const { publishConcernDescription } = await publicDescription();
    return c.json(
      await publishConcernDescription(
        deps,
        auth,
        param(c, "ledgerNo"),
        await readJson(c),
        locale(c),
      ),
    );
  }),
];
