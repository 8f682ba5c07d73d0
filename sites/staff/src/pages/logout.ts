import type { APIRoute } from "astro";
import { apiFor, endSession } from "../lib/request.server";

// Logout: a POST form in the header. Revokes the session at the API (best effort: the cookie
// is cleared whatever the API says) and goes to the login page.
export const POST: APIRoute = async (context) => {
  if (context.locals.token) await apiFor(context).delete("/api/staff/session");
  endSession(context);
  return context.redirect("/login?bye=1", 303);
};

// A link or a prefetch must not log anyone out: GET only shows the login page.
export const GET: APIRoute = ({ redirect }) => redirect("/login", 303);
