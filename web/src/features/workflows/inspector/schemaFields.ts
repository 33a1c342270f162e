import type { Json } from '../api';
import { isJsonObject } from '../api';

/** How the inspector edits one parameter, decided from its JSON Schema. */
export type FieldKind =
  | { kind: 'select'; options: Json[] }
  | { kind: 'string'; format?: string; expression: boolean }
  | { kind: 'text'; expression: boolean }
  | { kind: 'code'; language: string }
  | { kind: 'number'; integer: boolean; minimum?: number; maximum?: number }
  | { kind: 'boolean' }
  | { kind: 'json' };

export interface FieldSpec {
  key: string;
  title: string;
  description?: string;
  required: boolean;
  defaultValue?: Json;
  field: FieldKind;
}

const CODE_EDITORS = new Set(['javascript', 'jsonata', 'sql', 'html', 'json']);

function kindOf(schema: Record<string, unknown>): FieldKind {
  if (Array.isArray(schema.enum)) return { kind: 'select', options: schema.enum as Json[] };
  const editor = typeof schema['x-editor'] === 'string' ? schema['x-editor'] : undefined;
  // Strings hold {{ }} expressions unless the schema marks them literal (x-expression: false).
  const expression = schema['x-expression'] !== false;
  switch (schema.type) {
    case 'string':
      if (editor && CODE_EDITORS.has(editor)) return { kind: 'code', language: editor };
      if (editor === 'text') return { kind: 'text', expression };
      return typeof schema.format === 'string' ? { kind: 'string', format: schema.format, expression } : { kind: 'string', expression };
    case 'integer':
    case 'number':
      return {
        kind: 'number',
        integer: schema.type === 'integer',
        ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
        ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
      };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return { kind: 'json' };
  }
}

const humanise = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** The fields of an object parameter schema, in the schema's order. */
export function fieldsOf(schema: Record<string, unknown> | undefined): FieldSpec[] {
  const properties = schema?.properties;
  if (!isJsonObject(properties)) return [];
  const required = Array.isArray(schema?.required) ? schema.required : [];
  return Object.entries(properties).flatMap(([key, value]) => {
    if (!isJsonObject(value)) return [];
    const spec: FieldSpec = {
      key,
      title: typeof value.title === 'string' ? value.title : humanise(key),
      required: required.includes(key),
      field: kindOf(value),
    };
    if (typeof value.description === 'string') spec.description = value.description;
    if (value.default !== undefined) spec.defaultValue = value.default;
    return [spec];
  });
}

/** Parses the text of a JSON field: the value, or the parser's complaint. Empty text clears it. */
export function parseJsonField(text: string): { ok: true; value: Json | undefined } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
