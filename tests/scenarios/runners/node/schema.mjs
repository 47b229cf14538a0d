// A validator for the subset of JSON Schema (draft 2020-12) that the scenario
// schemas use: the same keywords, the same error places and messages as the
// native runner's (runners/cpp/json_schema.h), so that every runner names the
// same place for the same mistake. A schema using any other keyword is
// refused, so the subset cannot drift silently. Plain Node: the package has
// no JSON Schema library, and the runner adds no dependency.

import { stringify } from './json.mjs';
import { pathKey, pathIndex } from './paths.mjs';

const KEYWORDS = new Set([
  '$schema',
  '$id',
  '$comment',
  '$defs',
  '$ref',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'minimum',
  'maximum',
  'minLength',
  'pattern',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'allOf',
  'oneOf',
  'not',
  'if',
  'then',
]);

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON type of a value, as the schema names it. */
function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value; // object, string, boolean
}

function hasType(type, value) {
  if (type === 'number') return typeof value === 'number' || typeof value === 'bigint';
  return typeName(value) === type;
}

function typeMatches(type, value) {
  return Array.isArray(type) ? type.some((t) => hasType(t, value)) : hasType(type, value);
}

/** Deep equality of JSON values (field order does not matter). */
export function sameJson(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((v, i) => sameJson(v, b[i]))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]))
    );
  }
  return a === b;
}

const dump = stringify;

export class Schema {
  /** @param {Record<string, any>} document */
  constructor(document) {
    this.document = document;
    this.#checkKeywords(document, '$');
  }

  /**
   * The first violation in document order, or undefined if `instance` is valid.
   * @returns {{ path: string, message: string } | undefined}
   */
  validate(instance) {
    return this.#check(this.document, instance, '$');
  }

  #checkKeywords(schema, where) {
    if (!isObject(schema)) throw new Error(`schema at ${where} is not an object`);
    for (const [key, value] of Object.entries(schema)) {
      if (!KEYWORDS.has(key)) {
        throw new Error(
          `schema keyword '${key}' at ${where} is outside the subset this runner validates`,
        );
      }
      if (key === 'properties' || key === '$defs') {
        for (const [name, sub] of Object.entries(value))
          this.#checkKeywords(sub, pathKey(where, name));
      } else if (key === 'allOf' || key === 'oneOf') {
        value.forEach((sub, i) => this.#checkKeywords(sub, pathIndex(pathKey(where, key), i)));
      } else if (
        ['items', 'not', 'if', 'then'].includes(key) ||
        (key === 'additionalProperties' && isObject(value))
      ) {
        this.#checkKeywords(value, pathKey(where, key));
      } else if (key === '$ref') {
        this.#target(schema);
      }
    }
  }

  #target(schema) {
    if (!Object.hasOwn(schema, '$ref')) return schema;
    const ref = schema.$ref;
    const prefix = '#/$defs/';
    const defs = this.document.$defs;
    const name = ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
    if (name === undefined || !isObject(defs) || !Object.hasOwn(defs, name)) {
      throw new Error(`schema $ref '${ref}' does not name an entry of $defs`);
    }
    return defs[name];
  }

  #check(schema, instance, path) {
    if (Object.hasOwn(schema, '$ref')) {
      const v = this.#check(this.#target(schema), instance, path);
      if (v) return v;
    }
    if (Object.hasOwn(schema, 'type') && !typeMatches(schema.type, instance)) {
      const wanted = typeof schema.type === 'string' ? schema.type : dump(schema.type);
      return { path, message: `must be ${wanted}, not ${typeName(instance)}` };
    }
    if (Object.hasOwn(schema, 'const') && !sameJson(schema.const, instance)) {
      return { path, message: `must be ${dump(schema.const)}, not ${dump(instance)}` };
    }
    if (Object.hasOwn(schema, 'enum') && !schema.enum.some((v) => sameJson(v, instance))) {
      const allowed = schema.enum.map(dump).join(', ');
      return { path, message: `must be one of ${allowed}, not ${dump(instance)}` };
    }
    if (typeof instance === 'number' || typeof instance === 'bigint') {
      if (Object.hasOwn(schema, 'minimum') && instance < schema.minimum) {
        return { path, message: `must be at least ${dump(schema.minimum)}, not ${dump(instance)}` };
      }
      if (Object.hasOwn(schema, 'maximum') && instance > schema.maximum) {
        return { path, message: `must be at most ${dump(schema.maximum)}, not ${dump(instance)}` };
      }
    }
    if (typeof instance === 'string') {
      if (Object.hasOwn(schema, 'minLength') && [...instance].length < schema.minLength) {
        return { path, message: `must be at least ${schema.minLength} characters long` };
      }
      if (Object.hasOwn(schema, 'pattern') && !new RegExp(schema.pattern).test(instance)) {
        return {
          path,
          message: `must match the pattern ${dump(schema.pattern)}, not ${dump(instance)}`,
        };
      }
    }
    if (isObject(instance)) {
      for (const name of schema.required ?? []) {
        if (!Object.hasOwn(instance, name))
          return { path, message: `missing required field ${dump(name)}` };
      }
      const properties = schema.properties;
      const additional = schema.additionalProperties;
      for (const [key, value] of Object.entries(instance)) {
        if (properties !== undefined && Object.hasOwn(properties, key)) {
          const v = this.#check(properties[key], value, pathKey(path, key));
          if (v) return v;
        } else if (additional === false) {
          const known = Object.keys(properties ?? {}).join(', ');
          return {
            path: pathKey(path, key),
            message: `unknown field '${key}'; the fields here are: ${known}`,
          };
        } else if (isObject(additional)) {
          const v = this.#check(additional, value, pathKey(path, key));
          if (v) return v;
        }
      }
    }
    if (Array.isArray(instance)) {
      if (Object.hasOwn(schema, 'minItems') && instance.length < schema.minItems) {
        return { path, message: `must have at least ${schema.minItems} items` };
      }
      if (Object.hasOwn(schema, 'items')) {
        for (let i = 0; i < instance.length; i++) {
          const v = this.#check(schema.items, instance[i], pathIndex(path, i));
          if (v) return v;
        }
      }
    }
    for (const sub of schema.allOf ?? []) {
      const v = this.#check(sub, instance, path);
      if (v) return v;
    }
    if (
      Object.hasOwn(schema, 'if') &&
      Object.hasOwn(schema, 'then') &&
      !this.#check(schema.if, instance, path)
    ) {
      const v = this.#check(schema.then, instance, path);
      if (v) return v;
    }
    if (Object.hasOwn(schema, 'oneOf')) {
      const v = this.#checkOneOf(schema.oneOf, instance, path);
      if (v) return v;
    }
    if (Object.hasOwn(schema, 'not') && !this.#check(schema.not, instance, path)) {
      return { path, message: `forbidden: ${schema.not.title ?? 'this form'}` };
    }
    return undefined;
  }

  // When no branch matches, the message is about the only branch whose type
  // fits the instance, if there is one; otherwise it lists the forms.
  #checkOneOf(branches, instance, path) {
    const results = branches.map((branch) => this.#check(branch, instance, path));
    const titles = branches.map((branch) => branch.title ?? this.#target(branch).title ?? '?');
    const matched = results.filter((v) => v === undefined).length;
    if (matched === 1) return undefined;
    const forms = `must match exactly one of: ${titles.join(' | ')}`;
    if (matched > 1) return { path, message: `${forms} (it matches ${matched})` };
    const fitting = [];
    branches.forEach((branch, i) => {
      const resolved = this.#target(branch);
      const typed = Object.hasOwn(branch, 'type') ? branch : resolved;
      let fits = true;
      if (Object.hasOwn(typed, 'type')) {
        fits = typeMatches(typed.type, instance);
      } else if (Object.hasOwn(resolved, 'enum')) {
        fits = resolved.enum.some(
          (v) =>
            (typeof v === 'number' && typeof instance === 'number') ||
            typeName(v) === typeName(instance),
        );
      }
      if (fits) fitting.push(i);
    });
    if (fitting.length === 1) return results[fitting[0]];
    return { path, message: forms };
  }
}
