// The list of a form's problems above it, each linking to its field: the pattern of the GOV.UK
// design system, shared by the submission and tracking forms.
import type { RefObject } from "react";
import { fieldId } from "../lib/concern-form";

export function ErrorSummary<F extends string>(props: {
  title: string;
  /** The fields in the order the form shows them. */
  order: readonly F[];
  errors: Partial<Record<F, string | undefined>>;
  summaryRef: RefObject<HTMLDivElement | null>;
  /** On the page the server sent back with problems: the summary takes focus at load. */
  focusOnLoad: boolean;
}) {
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      ref={props.summaryRef}
      // The summary of the server's objections takes focus on load (also without JS).
      // biome-ignore lint/a11y/noAutofocus: deliberate, so screen readers hear the problems first
      autoFocus={props.focusOnLoad}
    >
      <h2>{props.title}</h2>
      <ul>
        {props.order
          .filter((f) => props.errors[f])
          .map((f) => (
            <li key={f}>
              <a href={`#${fieldId(f)}`}>{props.errors[f]}</a>
            </li>
          ))}
      </ul>
    </div>
  );
}
