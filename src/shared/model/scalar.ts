/**
 * Scalar values as Pegasus files hold them.
 *
 * A number whose source text would not survive a round trip through a JS number
 * (`1.0`, `1e3`, `007`) is kept as a {@link NumberLiteral} so that the planner sees the same
 * text after the app writes the file: pegasus-plan reads arguments and profile values as text.
 */
export interface NumberLiteral {
  readonly kind: 'number';
  /** The number exactly as written in the source file, e.g. `1.0`. */
  readonly text: string;
}

/** A value in metadata or a profile. */
export type Scalar = string | number | boolean | NumberLiteral;

/** True when `value` is a {@link NumberLiteral}. */
export function isNumberLiteral(value: unknown): value is NumberLiteral {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as NumberLiteral).kind === 'number' &&
    typeof (value as NumberLiteral).text === 'string'
  );
}

/** The text pegasus-plan would see for a scalar (it reads values with `asText()`). */
export function scalarText(value: Scalar): string {
  if (isNumberLiteral(value)) return value.text;
  return String(value);
}

/** The numeric value of a scalar, or `undefined` when it is not a finite number. */
export function scalarNumber(value: Scalar | undefined): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const n = typeof value === 'number' ? value : Number(isNumberLiteral(value) ? value.text : value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Keys of an object that the model does not know, kept in source order and written back.
 * This holds `x-*` vendor extensions (Pegasus ignores them) and, in files the planner would
 * reject, unknown keys too, so that nothing the user had is lost.
 */
export type Extras = Record<string, unknown>;
