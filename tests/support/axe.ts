import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/** axe-core's source, evaluated in the page (see `axeViolations`). */
const AXE_SOURCE = createRequire(import.meta.url)("axe-core").source as string;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A and AA violations on the page as it is now, one line each (rule,
 * impact, help, the elements). Evaluated through the DevTools protocol, not added as a
 * <script>: the sites' CSP runs no inline script without its hash (and the browser tests fail
 * on any violation).
 */
export async function axeViolations(page: Page, within?: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async (selector) => {
    const axe = (globalThis as unknown as { axe: { run: (...a: object[]) => Promise<unknown> } })
      .axe;
    const options = {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };
    // `within`: one part of the page only (a section tested on its own).
    const result = (await (selector
      ? axe.run({ include: [[selector]] }, options)
      : axe.run(options))) as { violations: unknown[] };
    return result.violations;
  }, within ?? null)) as Violation[];
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
