import { DomainError } from "@lianxin/core";
import type * as z from "zod/mini";

/** Validates a request body with its schema; zod's issues become `validation_failed`. */
export function parseInput<S extends z.ZodMiniType>(schema: S, body: unknown): z.output<S> {
  // zod reports an issue's input only when asked; without it a wrong type ("anonymous": "yes")
  // could not be told from a missing field, and both would be worded "required".
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.map(withoutInputValue));
}

/**
 * Keeps only what the wording needs from an issue's input: whether there was one, and its
 * type. The value itself (a password, a resident's text) never travels with the error.
 */
function withoutInputValue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.input === undefined) return issue;
  const { input, ...rest } = issue;
  return { ...rest, input: input === null ? "null" : typeof input } as z.core.$ZodIssue;
}

/** A validation failure carrying zod's issues, worded per language by the HTTP layer. */
export class ValidationError extends DomainError {
  readonly issues: z.core.$ZodIssue[];
  constructor(issues: z.core.$ZodIssue[]) {
    super("validation_failed");
    this.issues = issues;
  }
}
