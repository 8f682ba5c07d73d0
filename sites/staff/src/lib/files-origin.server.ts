// Where the browser sends evidence files: the file store's origin(s), for the concern page's
// `connect-src` (the upload is an XMLHttpRequest to the ticket's URL, which only exists once the
// cadre has chosen a file, after the page's policy is written). `LIANXIN_FILES_ORIGIN` (on AWS
// the files bucket's https origin; a comma-separated list if links and uploads use different
// hosts; the same variable the public site reads), at run time; unset, the API's own origin
// (the local file store is served by the local API: /local-files/…). Server-only.
import { readConfig } from "@lianxin/site-kit/config.server";
import { originsOf } from "./csp";

export function filesOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const configured = (env.LIANXIN_FILES_ORIGIN ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return originsOf(configured.length ? configured : [readConfig(env).apiUrl]);
}
