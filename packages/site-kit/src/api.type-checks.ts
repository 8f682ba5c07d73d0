/**
 * Compile-time checks of the client (`tsc -b` covers this file; nothing imports it): a call
 * must name a route of the contract with what that route needs, and its answer is that
 * route's response type. Each `@ts-expect-error` must keep firing.
 */
import { createApi } from "./api.server.js";

const api = createApi({ locale: "zh-CN", clientAddress: null, token: "t" });

export async function typeChecks() {
  const view = await api.get("/api/staff/concerns/:ledgerNo", { params: { ledgerNo: "x" } });
  if (view.ok) {
    view.data.allowedActions.includes("accept");
    // @ts-expect-error -- a staff view carries no access code
    view.data.accessCode;
  }
  // @ts-expect-error -- the route needs its :ledgerNo
  await api.get("/api/staff/concerns/:ledgerNo");
  // @ts-expect-error -- the parameter is `ledgerNo`
  await api.get("/api/staff/concerns/:ledgerNo", { params: { id: "x" } });
  // @ts-expect-error -- not a route of the contract
  await api.get("/api/staff/nothing");
  await api.post("/api/concerns/:ledgerNo/feedback", {
    params: { ledgerNo: "x" },
    // @ts-expect-error -- a rating is one of three words
    body: { rating: "great" },
  });
  const receipt = await api.post("/api/concerns", {
    body: { villageId: "v", categoryCode: "c", description: "0123456789" },
  });
  // @ts-expect-error -- a receipt has no timeline
  if (receipt.ok) receipt.data.timeline;
}
