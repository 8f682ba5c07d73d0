// With JavaScript, a select that fills an action's text (and, for an answer, its outcome) with
// a reply template in place, keeping whatever else the form holds. Nothing is sent: the cadre
// edits and submits as usual. Rendered only once hydrated; without JavaScript the form's list
// of links does the same by reloading the page (ActionForm.astro).
import { type ChangeEvent, useEffect, useState } from "react";

interface Props {
  templates: { id: string; title: string; text: string; outcome: string | null }[];
  /** The id of the textarea the template fills, and of the outcome select (answers). */
  textId: string;
  outcomeId?: string;
  label: string;
  noneLabel: string;
  selectId: string;
}

export default function TemplatePicker(props: Props) {
  const { templates, textId, outcomeId, label, noneLabel, selectId } = props;
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  const onChange = (e: ChangeEvent<HTMLSelectElement>) => {
    const chosen = templates.find((t) => t.id === e.target.value);
    const text = document.getElementById(textId);
    if (!chosen || !(text instanceof HTMLTextAreaElement)) return;
    text.value = chosen.text;
    text.dispatchEvent(new Event("input", { bubbles: true }));
    const outcome = outcomeId ? document.getElementById(outcomeId) : null;
    if (chosen.outcome && outcome instanceof HTMLSelectElement) outcome.value = chosen.outcome;
    text.focus();
  };
  return (
    <div className="field template-picker">
      <label htmlFor={selectId}>{label}</label>
      <select id={selectId} onChange={onChange} defaultValue="">
        <option value="">{noneLabel}</option>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title}
          </option>
        ))}
      </select>
    </div>
  );
}
