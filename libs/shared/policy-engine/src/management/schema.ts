import type { JsonObject, JsonValue } from '../document/strict-json';
import type { ValueOperator } from './operators';

/** Why a value is refused, or undefined when it is fine. */
export type ValueCheck = (value: JsonValue) => string | undefined;

/** A leaf holding `@@assign` (and, for lists, `@@append` / `@@remove`). */
export interface SettingSchema {
  kind: 'setting';
  /** A JSON array (multi-valued) or one string, number or boolean. */
  multi: boolean;
  /** The value operators the element accepts; default: `@@assign` alone, or all three for lists. */
  operators?: readonly ValueOperator[];
  /** Checked on a single value, or on each element of a list. */
  value?: ValueCheck;
  /** Values `@@operators_allowed_for_child_policies` may hold here (default: any). */
  childControls?: readonly string[];
}

/** An object whose keys are schema words (`elements`) or names chosen by the author (`entries`). */
export interface ContainerSchema {
  kind: 'container';
  elements?: Readonly<Record<string, Schema>>;
  /** The schema of author-named keys (tag policy keys, plan names, ...): absent means none are allowed. */
  entries?: Schema;
  /** Refuses an author-named key (e.g. a copy action not named by an ARN). */
  entryKey?: (key: string) => string | undefined;
  /** Elements that must be present. */
  required?: readonly string[];
  /** Rules across elements, given the container as written. */
  check?: (node: JsonObject, key: string) => string | undefined;
  maxEntries?: number;
  childControls?: readonly string[];
}

export type Schema = SettingSchema | ContainerSchema;

export const setting = (value?: ValueCheck, extra: Partial<SettingSchema> = {}): SettingSchema => ({ kind: 'setting', multi: false, value, ...extra });
export const listSetting = (value?: ValueCheck, extra: Partial<SettingSchema> = {}): SettingSchema => ({ kind: 'setting', multi: true, value, ...extra });
export const container = (elements: Record<string, Schema>, extra: Partial<ContainerSchema> = {}): ContainerSchema => ({ kind: 'container', elements, ...extra });
export const entries = (entry: Schema, extra: Partial<ContainerSchema> = {}): ContainerSchema => ({ kind: 'container', entries: entry, ...extra });

export const oneOf =
  (...allowed: string[]): ValueCheck =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`;

export const text: ValueCheck = (value) => (typeof value === 'string' ? undefined : 'must be a string');

export const integerText =
  (min: number, max: number): ValueCheck =>
  (value) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? undefined : `must be an integer from ${min} to ${max}`;
  };

export const bool: ValueCheck = (value) => (typeof value === 'boolean' ? undefined : 'must be true or false');
