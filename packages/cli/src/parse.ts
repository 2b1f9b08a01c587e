// Checks option values as commander reads them, so a bad one is a usage error (exit 2) before anything is sent.
import { readFileSync } from "node:fs";
import type { JobParts } from "@flatfile-jobs/node";
import { InvalidArgumentError } from "commander";

/** The longest delay a Node.js timer can hold (2³¹−1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A parser for a whole number within [min, max]. */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `Expected a whole number of ${min} or more.`
          : `Expected a whole number from ${min} to ${max}.`,
      );
    }
    return number;
  };
}

/** A JSON object, e.g. `--outcome '{"heading":"Done"}'`. */
export function jsonObject(value: string): Record<string, unknown> {
  const parsed = parseJson(value);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidArgumentError('Expected a JSON object, e.g. \'{"heading":"Done"}\'.');
  }
  return parsed as Record<string, unknown>;
}

/** `--parts 3`, or `--parts '[{"rows":"1-100"},{"rows":"101-200"}]'` for the data of each part. */
export function jobParts(value: string): JobParts {
  if (/^\s*\d+\s*$/.test(value)) return wholeNumber(1)(value);
  const parsed = parseJson(value);
  if (
    !Array.isArray(parsed) ||
    parsed.length === 0 ||
    !parsed.every((part) => typeof part === "object" && part !== null && !Array.isArray(part))
  ) {
    throw new InvalidArgumentError("Expected a number of parts, or a JSON array of objects (one per part).");
  }
  return parsed as JobParts;
}

/** A request body: JSON, or `@path` for a file of JSON (`--body @plan.json`). */
export function jsonBody(value: string): unknown {
  if (!value.startsWith("@")) return parseJson(value);
  const path = value.slice(1);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidArgumentError(`Cannot read ${path}${code === "ENOENT" ? ": no such file" : ` (${code})`}.`);
  }
  return parseJson(text);
}

/** `--query name=value`, gathered into one object (a name given twice keeps the last value). */
export function queryPair(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError("Expected name=value, e.g. --query pageSize=50.");
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new InvalidArgumentError(`Not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}
