// The submission form. Rendered on the server as a plain <form method="post"> that works
// without JavaScript; once hydrated it adds live validation (the same rules and messages
// as the server), filters the villager groups to the chosen village, counts characters and
// hides the contact fields for anonymous submissions. It still submits the normal POST.
//
// "使用我的位置" exists only with JavaScript (the browser's geolocation): the point travels in
// hidden inputs with the normal POST; without JavaScript the address field says where.
//
// "添加照片" (issue 15) also exists only with JavaScript (PhotoPicker): the photos are uploaded
// while the resident types and the form names them in a hidden input; sending the form while
// one is still being sent waits for it. Without JavaScript the receipt page offers plain forms.
//
// The inputs are uncontrolled (defaultValue) and the state is read back from the form, so
// whatever a resident typed before hydration is kept.

import type {
  DirectoryCategory as Category,
  DirectoryVillage as Village,
  VillageKind,
} from "@lianxin/contract";
import type { PhotoRules } from "@lianxin/site-kit/photos.server";
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type Locale, type MessageKey, translator } from "../i18n/messages";
import {
  CONCERN_FIELDS,
  type ConcernField,
  type ConcernFormValues,
  fieldId,
  hasProblems,
  LIMITS,
  MAX_PLACE_ACCURACY_M,
  PHOTOS_INPUT,
  PLACE_INPUTS,
  type PlaceValues,
  type Problem,
  placeFromPosition,
  readConcernForm,
  textLength,
  validateConcern,
} from "../lib/concern-form";
import { formatCategoryLimits } from "../lib/format";
import { ErrorSummary } from "./ErrorSummary";
import PhotoPicker from "./PhotoPicker";

export interface SubmitFormProps {
  locale: Locale;
  villages: Village[];
  categories: Category[];
  values: ConcernFormValues;
  /** Messages from the server (its own checks or the API's `error.fields`), by field. */
  serverErrors: Partial<Record<ConcernField, string>>;
  /** A message for the whole form (rate limit, service trouble), shown above it. */
  formMessage: string | null;
  /** The API's refusal of the place sent (outside the town, too imprecise), shown by it. */
  placeError?: string | null;
  idempotencyKey: string;
  /** Core's photo rules and words; null: no photos (the page could not offer them). */
  photoRules?: PhotoRules | null;
  /** The API's refusal of the photos sent (`fields.photos`), shown by the picker. */
  photoError?: string | null;
}

/** How long the browser may take to find the resident (then a message says so). */
const LOCATE_TIMEOUT_MS = 20_000;

const KINDS: VillageKind[] = ["village", "community", "park"];
const ERROR_ORDER: ConcernField[] = [...CONCERN_FIELDS];

export default function SubmitForm(props: SubmitFormProps) {
  const { locale, villages, categories, idempotencyKey } = props;
  const tr = useMemo(() => translator(locale), [locale]);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const groupRef = useRef<HTMLSelectElement>(null);
  /** The group last chosen, to keep it when the group list is rebuilt. */
  const lastGroup = useRef(props.values.groupId);

  const [enhanced, setEnhanced] = useState(false);
  const [values, setValues] = useState<ConcernFormValues>(props.values);
  const [touched, setTouched] = useState<Partial<Record<ConcernField, true>>>({});
  const [edited, setEdited] = useState<Partial<Record<ConcernField, true>>>({});
  const [attempts, setAttempts] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [place, setPlace] = useState<PlaceValues | null>(props.values.place);
  const [locating, setLocating] = useState(false);
  const [placeMessage, setPlaceMessage] = useState<string | null>(props.placeError ?? null);
  const [canLocate, setCanLocate] = useState(false);
  const [photosBusy, setPhotosBusy] = useState(false);
  /** Sent while photos were still uploading: sent again once they are done. */
  const [waitingForPhotos, setWaitingForPhotos] = useState(false);
  const onPhotosBusy = useCallback((busy: boolean) => setPhotosBusy(busy), []);

  useEffect(() => {
    if (!waitingForPhotos || photosBusy) return;
    setWaitingForPhotos(false);
    formRef.current?.requestSubmit();
  }, [waitingForPhotos, photosBusy]);

  const directory = useMemo(() => ({ villages, categories }), [villages, categories]);

  function readBack() {
    const form = formRef.current;
    if (!form) return;
    const now = readConcernForm(new FormData(form));
    lastGroup.current = now.groupId;
    setValues(now);
  }

  // Hydrated: take over whatever is in the form now, and switch the enhancements on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on hydration
  useEffect(() => {
    readBack();
    // Fields the resident changed before hydration count as edited, and as touched once they
    // have lost focus: their change and blur events happened before React was listening.
    const form = formRef.current;
    if (form) {
      const now = readConcernForm(new FormData(form));
      const active = document.activeElement;
      const early: Partial<Record<ConcernField, true>> = {};
      const left: Partial<Record<ConcernField, true>> = {};
      for (const f of CONCERN_FIELDS) {
        if (now[f] === props.values[f]) continue;
        early[f] = true;
        const el = form.elements.namedItem(f);
        if (!(el instanceof Element) || el !== active) left[f] = true;
      }
      if (hasEdits(early)) setEdited(early);
      if (hasEdits(left)) setTouched(left);
    }
    setEnhanced(true);
    setCanLocate(typeof navigator !== "undefined" && "geolocation" in navigator);
    // The browser restores a page from the back-forward cache with the button still busy.
    const onShow = () => setSubmitting(false);
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);

  // When the village changes, the group list changes; read the group back from the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read only when the village or mode changes
  useEffect(() => {
    if (!enhanced) return;
    const select = groupRef.current;
    const keep = lastGroup.current;
    if (select && keep && [...select.options].some((o) => o.value === keep)) select.value = keep;
    readBack();
  }, [values.villageId, enhanced]);

  // After a failed submit, move focus to the summary of problems.
  useEffect(() => {
    if (attempts > 0) summaryRef.current?.focus();
  }, [attempts]);

  const clientProblems = useMemo(() => validateConcern(values, directory), [values, directory]);

  /** The message shown for a field now: the live check once touched, else the server's. */
  function errorFor(field: ConcernField): string | undefined {
    if (enhanced && (attempts > 0 || touched[field] || edited[field])) {
      const p: Problem | undefined = clientProblems[field];
      if (p && (attempts > 0 || touched[field])) return tr(p.key, p.vars);
      if (edited[field]) return undefined;
    }
    return props.serverErrors[field];
  }

  const errors: Partial<Record<ConcernField, string>> = {};
  for (const f of ERROR_ORDER) {
    const e = errorFor(f);
    if (e) errors[f] = e;
  }
  const showSummary = hasProblems(errors) && (attempts > 0 || !hasEdits(edited));

  function onChange(e: FormEvent<HTMLFormElement>) {
    const name = (e.target as HTMLInputElement).name as ConcernField;
    readBack();
    if ((CONCERN_FIELDS as readonly string[]).includes(name))
      setEdited((x) => ({ ...x, [name]: true }));
  }

  function onBlur(e: FormEvent<HTMLFormElement>) {
    const name = (e.target as HTMLInputElement).name as ConcernField;
    if ((CONCERN_FIELDS as readonly string[]).includes(name) && edited[name])
      setTouched((x) => ({ ...x, [name]: true }));
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const form = formRef.current;
    if (!form) return;
    const now = readConcernForm(new FormData(form));
    setValues(now);
    if (submitting) {
      e.preventDefault();
      return;
    }
    if (hasProblems(validateConcern(now, directory))) {
      e.preventDefault();
      setAttempts((n) => n + 1);
      return;
    }
    if (photosBusy) {
      e.preventDefault();
      setWaitingForPhotos(true);
      return;
    }
    setSubmitting(true);
  }

  function locate() {
    setLocating(true);
    setPlaceMessage(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const { accuracy } = position.coords;
        if (!(accuracy <= MAX_PLACE_ACCURACY_M)) {
          setPlace(null);
          setPlaceMessage(tr("form.placeImprecise", { n: Math.round(accuracy) }));
          return;
        }
        setPlace(placeFromPosition(position.coords));
      },
      (error) => {
        setLocating(false);
        setPlaceMessage(
          tr(
            error.code === error.PERMISSION_DENIED
              ? "form.placeDenied"
              : error.code === error.TIMEOUT
                ? "form.placeTimeout"
                : "form.placeUnavailable",
          ),
        );
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS, maximumAge: 60_000 },
    );
  }

  const describedBy = (field: ConcernField, ...extra: string[]) =>
    [...extra, errors[field] ? `${fieldId(field)}-error` : ""].filter(Boolean).join(" ") ||
    undefined;

  const errorText = (field: ConcernField) =>
    errors[field] ? (
      <span className="field-error" id={`${fieldId(field)}-error`}>
        {errors[field]}
      </span>
    ) : null;

  const fieldClass = (field: ConcernField) => (errors[field] ? "field has-error" : "field");
  const requiredTag = (
    <span className="tag required" aria-hidden="true">
      {tr("common.required")}
    </span>
  );
  const optionalTag = (
    <span className="tag" aria-hidden="true">
      {tr("common.optional")}
    </span>
  );

  const chosenVillage = villages.find((v) => v.id === values.villageId);
  const filterGroups = enhanced && chosenVillage !== undefined;
  const chosenCategory = categories.find((c) => c.code === values.categoryCode);
  const descLength = textLength(values.description);
  const kindsPresent = KINDS.filter((k) => villages.some((v) => v.kind === k));

  return (
    <form
      ref={formRef}
      method="post"
      action="/submit"
      noValidate={enhanced}
      onChange={onChange}
      onBlur={onBlur}
      onSubmit={onSubmit}
      aria-busy={submitting || undefined}
    >
      {props.formMessage && (
        <div className="notice error" role="alert">
          <p>{props.formMessage}</p>
        </div>
      )}
      {showSummary && (
        <ErrorSummary
          title={tr("common.errorSummary")}
          order={ERROR_ORDER}
          errors={errors}
          summaryRef={summaryRef}
          focusOnLoad={attempts === 0}
        />
      )}

      <p className="hint">{tr("form.intro")}</p>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />

      <div className={fieldClass("villageId")}>
        <label htmlFor={fieldId("villageId")}>
          {tr("form.village")}
          {requiredTag}
        </label>
        {errorText("villageId")}
        <select
          id={fieldId("villageId")}
          name="villageId"
          required
          defaultValue={props.values.villageId}
          aria-invalid={errors.villageId ? true : undefined}
          aria-describedby={describedBy("villageId")}
        >
          <option value="">{tr("common.choose")}</option>
          {kindsPresent.map((kind) => (
            <optgroup key={kind} label={tr(`kind.${kind}` as MessageKey)}>
              {villages
                .filter((v) => v.kind === kind)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>

      <div className={fieldClass("groupId")}>
        <label htmlFor={fieldId("groupId")}>
          {tr("form.group")}
          {optionalTag}
        </label>
        <span className="hint" id={`${fieldId("groupId")}-hint`}>
          {tr("form.groupHint")}
        </span>
        {errorText("groupId")}
        <select
          id={fieldId("groupId")}
          name="groupId"
          ref={groupRef}
          defaultValue={props.values.groupId}
          aria-invalid={errors.groupId ? true : undefined}
          aria-describedby={describedBy("groupId", `${fieldId("groupId")}-hint`)}
        >
          <option value="">{tr("form.groupNone")}</option>
          {filterGroups
            ? chosenVillage.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))
            : villages
                .filter((v) => v.groups.length > 0)
                .map((v) => (
                  <optgroup key={v.id} label={v.name}>
                    {v.groups.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
        </select>
      </div>

      <div className={fieldClass("categoryCode")}>
        <label htmlFor={fieldId("categoryCode")}>
          {tr("form.category")}
          {requiredTag}
        </label>
        {errorText("categoryCode")}
        <select
          id={fieldId("categoryCode")}
          name="categoryCode"
          required
          defaultValue={props.values.categoryCode}
          aria-invalid={errors.categoryCode ? true : undefined}
          aria-describedby={describedBy(
            "categoryCode",
            enhanced && chosenCategory ? `${fieldId("categoryCode")}-limits` : "",
          )}
        >
          <option value="">{tr("common.choose")}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        {enhanced && chosenCategory && (
          <p className="category-limit" id={`${fieldId("categoryCode")}-limits`}>
            {chosenCategory.description && (
              <>
                {chosenCategory.description}
                <br />
              </>
            )}
            {formatCategoryLimits(chosenCategory, locale)}
          </p>
        )}
        <details>
          <summary>{tr("form.categoryLimits")}</summary>
          <dl>
            {categories.map((c) => (
              <div key={c.code}>
                <dt>{c.name}</dt>
                <dd>
                  {c.description && (
                    <>
                      {c.description}
                      <br />
                    </>
                  )}
                  {formatCategoryLimits(c, locale)}
                </dd>
              </div>
            ))}
          </dl>
        </details>
      </div>

      <div className={fieldClass("title")}>
        <label htmlFor={fieldId("title")}>
          {tr("form.title")}
          {optionalTag}
        </label>
        <span className="hint" id={`${fieldId("title")}-hint`}>
          {tr("form.titleHint", { max: LIMITS.title })}
        </span>
        {errorText("title")}
        <input
          type="text"
          id={fieldId("title")}
          name="title"
          maxLength={LIMITS.title}
          defaultValue={props.values.title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describedBy("title", `${fieldId("title")}-hint`)}
        />
      </div>

      <div className={fieldClass("description")}>
        <label htmlFor={fieldId("description")}>
          {tr("form.description")}
          {requiredTag}
        </label>
        <span className="hint" id={`${fieldId("description")}-hint`}>
          {tr("form.descriptionHint", { min: LIMITS.descriptionMin, max: LIMITS.descriptionMax })}
        </span>
        {errorText("description")}
        <textarea
          id={fieldId("description")}
          name="description"
          required
          rows={7}
          minLength={LIMITS.descriptionMin}
          maxLength={LIMITS.descriptionMax}
          defaultValue={props.values.description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy(
            "description",
            `${fieldId("description")}-hint`,
            enhanced ? `${fieldId("description")}-counter` : "",
          )}
        />
        {enhanced && (
          <span
            className={
              descLength > LIMITS.descriptionMax ||
              (descLength > 0 && descLength < LIMITS.descriptionMin)
                ? "counter over"
                : "counter"
            }
            id={`${fieldId("description")}-counter`}
          >
            {tr("form.counter", { n: descLength, max: LIMITS.descriptionMax })}
          </span>
        )}
      </div>

      <div className={fieldClass("address")}>
        <label htmlFor={fieldId("address")}>
          {tr("form.address")}
          {optionalTag}
        </label>
        <span className="hint" id={`${fieldId("address")}-hint`}>
          {tr("form.addressHint", { max: LIMITS.address })}
        </span>
        {errorText("address")}
        <input
          type="text"
          id={fieldId("address")}
          name="address"
          maxLength={LIMITS.address}
          autoComplete="street-address"
          defaultValue={props.values.address}
          aria-invalid={errors.address ? true : undefined}
          aria-describedby={describedBy("address", `${fieldId("address")}-hint`)}
        />
      </div>

      <div className={placeMessage ? "field has-error" : "field"} id={fieldId("place")}>
        <span className="label" id={`${fieldId("place")}-label`}>
          {tr("form.place")}
          {optionalTag}
        </span>
        <span className="hint" id={`${fieldId("place")}-hint`}>
          {tr("form.placeHint")}
        </span>
        {placeMessage && (
          <span className="field-error" id={`${fieldId("place")}-error`} role="alert">
            {placeMessage}
          </span>
        )}
        {place && (
          <>
            {(Object.keys(PLACE_INPUTS) as (keyof PlaceValues)[]).map((k) => (
              <input key={k} type="hidden" name={PLACE_INPUTS[k]} value={place[k]} />
            ))}
            <p className="place-found" role="status">
              {tr("form.placeGot", { n: Math.round(Number(place.accuracyM)) })}{" "}
              <button type="button" className="button secondary" onClick={() => setPlace(null)}>
                {tr("form.placeRemove")}
              </button>
            </p>
          </>
        )}
        {enhanced && canLocate && !place && (
          <button
            type="button"
            className="button secondary"
            onClick={locate}
            disabled={locating}
            aria-describedby={`${fieldId("place")}-hint`}
          >
            {locating ? tr("form.placeLocating") : tr("form.placeUse")}
          </button>
        )}
      </div>

      {enhanced && props.photoRules && (
        <PhotoPicker
          locale={locale}
          rules={props.photoRules}
          ticket={{ formKey: idempotencyKey }}
          name={PHOTOS_INPUT}
          id={fieldId("photos")}
          error={props.photoError ?? null}
          onBusyChange={onPhotosBusy}
        />
      )}

      <fieldset>
        <legend>{tr("form.contactLegend")}</legend>
        <div className="field">
          <div className="checkbox">
            <input
              type="checkbox"
              id={fieldId("anonymous")}
              name="anonymous"
              value="on"
              defaultChecked={props.values.anonymous}
              aria-describedby={`${fieldId("anonymous")}-hint`}
            />
            <label htmlFor={fieldId("anonymous")}>{tr("form.anonymous")}</label>
          </div>
          <span className="hint" id={`${fieldId("anonymous")}-hint`}>
            {tr("form.anonymousHint")}
          </span>
        </div>

        {/* Hidden and disabled (so not submitted) when anonymous; what was typed is kept. */}
        <div hidden={enhanced && values.anonymous}>
          <div className={fieldClass("contactName")}>
            <label htmlFor={fieldId("contactName")}>
              {tr("form.contactName")}
              {optionalTag}
            </label>
            <span className="hint" id={`${fieldId("contactName")}-hint`}>
              {tr("form.contactNameHint", { max: LIMITS.contactName })}
            </span>
            {errorText("contactName")}
            <input
              type="text"
              id={fieldId("contactName")}
              name="contactName"
              maxLength={LIMITS.contactName}
              autoComplete="name"
              disabled={enhanced && values.anonymous}
              defaultValue={props.values.contactName}
              aria-invalid={errors.contactName ? true : undefined}
              aria-describedby={describedBy("contactName", `${fieldId("contactName")}-hint`)}
            />
          </div>
          <div className={fieldClass("contactPhone")}>
            <label htmlFor={fieldId("contactPhone")}>
              {tr("form.contactPhone")}
              {optionalTag}
            </label>
            <span className="hint" id={`${fieldId("contactPhone")}-hint`}>
              {tr("form.contactPhoneHint")}
            </span>
            {errorText("contactPhone")}
            <input
              type="tel"
              id={fieldId("contactPhone")}
              name="contactPhone"
              inputMode="tel"
              autoComplete="tel"
              maxLength={40}
              disabled={enhanced && values.anonymous}
              defaultValue={props.values.contactPhone}
              aria-invalid={errors.contactPhone ? true : undefined}
              aria-describedby={describedBy("contactPhone", `${fieldId("contactPhone")}-hint`)}
            />
          </div>
          <div className="field">
            <p className="hint" id={`${fieldId("smsOptOut")}-hint`}>
              {tr("form.smsHint")}
            </p>
            <div className="checkbox">
              <input
                type="checkbox"
                id={fieldId("smsOptOut")}
                name="smsOptOut"
                value="on"
                disabled={enhanced && values.anonymous}
                defaultChecked={props.values.smsOptOut}
                aria-describedby={`${fieldId("smsOptOut")}-hint`}
              />
              <label htmlFor={fieldId("smsOptOut")}>{tr("form.smsOptOut")}</label>
            </div>
          </div>
        </div>
        <p className="hint">{tr("form.privacy")}</p>
      </fieldset>

      {waitingForPhotos && (
        <p className="notice" role="status">
          {tr("photos.waitUploads")}
        </p>
      )}
      <button type="submit" className="big button" disabled={submitting}>
        {tr("form.submit")}
      </button>
    </form>
  );
}

function hasEdits(edited: Partial<Record<string, true>>): boolean {
  return Object.keys(edited).length > 0;
}
