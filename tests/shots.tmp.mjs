// Temporary (not committed): screenshots of the demo after npm start.
import { chromium } from "playwright-core";
const staff = "http://127.0.0.1:4322";
const pub = "http://127.0.0.1:4321";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
async function shoot(user, paths, width = 1280) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  if (user) {
    await page.goto(`${staff}/login`);
    await page.getByLabel("用户名").fill(user);
    await page.getByLabel("密码", { exact: true }).fill("demo-only-change-me");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  }
  for (const p of paths) {
    const url = p.startsWith("http") ? p : `${staff}${p}`;
    await page.goto(url);
    await page.waitForTimeout(1500);
    const name = `${user ?? "public"}-${width}-${p.replace(/[^a-z0-9]+/gi, "_")}`.slice(0, 90);
    await page.screenshot({ path: `/work/notes/shots/${name}.png`, fullPage: true });
    console.log("shot", name, (await page.textContent("main"))?.slice(0, 600).replace(/\s+/g, " "));
  }
  await ctx.close();
}
await shoot("leader", ["/dashboard"], 390);
await shoot("admin", ["/dashboard", "/inspection", "/reports/quarterly", "/compliance", "/access-log"]);
await shoot(null, [`${pub}/statistics`, `${pub}/notices`], 390);
await browser.close();
