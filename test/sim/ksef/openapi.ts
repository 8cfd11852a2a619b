// Request/response validation against the official OpenAPI 2.6.0 component schemas (official/openapi.json,
// unchanged copy). KSeF answers an invalid body with 400 / exceptionCode 21405 (openapi.json, every 400 table).
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: Json;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
  'x-rate-limits'?: { perSecond?: number; perMinute?: number; perHour?: number };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

export const openapi: OpenApi = JSON.parse(readFileSync(new URL('./official/openapi.json', import.meta.url), 'utf8'));

/**
 * OpenAPI 3.0 `nullable` next to `allOf`/`$ref` is not understood by JSON Schema validators (ajv's own
 * `nullable` support only widens a sibling `type`). Rewrite every `{…, nullable: true}` into
 * `anyOf: [{…}, {type: 'null'}]` so that e.g. `hashOfCorrectedInvoice: null` (docs/ksef-protocol.md §3.3) is valid.
 */
function denull(node: Json): Json {
  if (Array.isArray(node)) return node.map(denull);
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    // `properties` maps names to schemas: keep the keys, convert the values.
    if (k === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, denull(pv)]));
    } else if (k !== 'example' && k !== 'examples') {
      out[k] = denull(v);
    }
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  delete out.nullable;
  return out;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ components: { schemas: denull(openapi.components.schemas) } } as object, 'openapi');

const cache = new Map<string, ValidateFunction>();
function compile(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let fn = cache.get(key);
  if (!fn) {
    const rewritten = JSON.parse(key.replaceAll('"#/components/', '"openapi#/components/'));
    fn = ajv.compile(denull(rewritten) as object);
    cache.set(key, fn);
  }
  return fn;
}

export function operation(method: string, template: string): Operation | undefined {
  return openapi.paths[template]?.[method.toLowerCase()];
}

export interface SchemaCheck {
  ok: boolean;
  errors: string[];
}

function run(fn: ValidateFunction, value: unknown): SchemaCheck {
  const ok = fn(value) as boolean;
  return {
    ok,
    errors: ok ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}`),
  };
}

/** Validates a JSON request body against the operation's requestBody schema; undefined if it has none. */
export function checkRequest(method: string, template: string, body: unknown): SchemaCheck | undefined {
  const schema = operation(method, template)?.requestBody?.content['application/json']?.schema;
  return schema === undefined ? undefined : run(compile(schema), body);
}

function coerce(raw: string, schema: Json): unknown {
  const type = schema && typeof schema === 'object' && !Array.isArray(schema) ? schema.type : undefined;
  if (type === 'integer' || type === 'number')
    return raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/**
 * Validates path and query parameters against the operation's `parameters` (types coerced from the URL text,
 * repeated query keys for arrays). KSeF answers violations with 400 21405 like body errors.
 */
export function checkParams(
  method: string,
  template: string,
  path: Record<string, string>,
  query: URLSearchParams,
): SchemaCheck {
  const errors: string[] = [];
  for (const p of operation(method, template)?.parameters ?? []) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    const schema = p.schema ?? {};
    const isArray = typeof schema === 'object' && schema !== null && !Array.isArray(schema) && schema.type === 'array';
    const present = p.in === 'path' ? p.name in path : query.has(p.name);
    if (!present) {
      if (p.required) errors.push(`brak wymaganego parametru ${p.name}`);
      continue;
    }
    const items = isArray ? ((schema as { items?: Json }).items ?? {}) : schema;
    const value =
      p.in === 'path'
        ? coerce(path[p.name]!, schema)
        : isArray
          ? query.getAll(p.name).map((v) => coerce(v, items))
          : coerce(query.get(p.name)!, schema);
    const r = run(compile(schema), value);
    for (const e of r.errors) errors.push(`parametr ${p.name}: ${e.replace('(body) ', '')}`);
  }
  return { ok: errors.length === 0, errors };
}

/** Validates a response body against the operation's documented schema for that status and content type. */
export function checkResponse(
  method: string,
  template: string,
  status: number,
  body: unknown,
  contentType = 'application/json',
): SchemaCheck {
  const resp = operation(method, template)?.responses[String(status)];
  if (!resp) return { ok: false, errors: [`status ${status} not documented for ${method} ${template}`] };
  const schema = resp.content?.[contentType]?.schema;
  if (schema === undefined) {
    return body === undefined || body === ''
      ? { ok: true, errors: [] }
      : { ok: false, errors: [`status ${status} of ${method} ${template} has no ${contentType} body`] };
  }
  return run(compile(schema), body);
}

/** Validates a value against a named component schema (e.g. 'SessionInvoiceStatusResponse'). */
export function checkComponent(name: string, value: unknown): SchemaCheck {
  return run(compile({ $ref: `#/components/schemas/${name}` }), value);
}
