import { malformedPolicy } from './malformed';

/** A parsed JSON value: what JSON.parse returns, but read by a parser that refuses what IAM refuses. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON.parse keeps the last of two equal keys and ignores nothing else: IAM and Organizations refuse
 * a key twice in one object (two `Statement` keys) and anything after the one top-level value. This
 * parser does both and says where (the key path), so the error names the field.
 */
export function parseStrictJson(text: string): JsonValue {
  const parser = new Parser(text);
  parser.skipSpace();
  const value = parser.value('');
  parser.skipSpace();
  if (!parser.atEnd()) throw malformedPolicy(`The policy must be exactly one JSON object: unexpected text at character ${parser.index + 1}.`);
  return value;
}

// Sticky (`y`): matched where the parser stands, without copying the rest of the text.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/y;

class Parser {
  index = 0;
  constructor(private readonly text: string) {}

  atEnd = () => this.index >= this.text.length;

  skipSpace(): void {
    while (!this.atEnd() && ' \t\n\r'.includes(this.text[this.index])) this.index++;
  }

  value(path: string): JsonValue {
    const c = this.text[this.index];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    return this.literal();
  }

  private object(path: string): JsonObject {
    const result: JsonObject = {};
    this.index++;
    this.skipSpace();
    if (this.text[this.index] === '}') return this.index++, result;
    for (;;) {
      this.skipSpace();
      if (this.text[this.index] !== '"') throw this.unexpected('a quoted key');
      const key = this.string();
      if (Object.hasOwn(result, key)) throw malformedPolicy(`${path ? `${path}: ` : ''}the key "${key}" appears more than once in one object.`);
      this.skipSpace();
      this.expect(':');
      this.skipSpace();
      result[key] = this.value(path ? `${path}.${key}` : key);
      this.skipSpace();
      if (this.text[this.index] === '}') return this.index++, result;
      this.expect(',');
    }
  }

  private array(path: string): JsonValue[] {
    const result: JsonValue[] = [];
    this.index++;
    this.skipSpace();
    if (this.text[this.index] === ']') return this.index++, result;
    for (;;) {
      this.skipSpace();
      result.push(this.value(`${path}[${result.length}]`));
      this.skipSpace();
      if (this.text[this.index] === ']') return this.index++, result;
      this.expect(',');
    }
  }

  private string(): string {
    const match = this.sticky(STRING);
    if (!match) throw this.unexpected('a valid string');
    this.index += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  private literal(): JsonValue {
    const match = this.sticky(LITERAL);
    if (!match) throw this.unexpected('a JSON value');
    this.index += match[0].length;
    return JSON.parse(match[0]) as JsonValue;
  }

  private sticky(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.index;
    return pattern.exec(this.text);
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) throw this.unexpected(`"${char}"`);
    this.index++;
  }

  private unexpected(what: string) {
    return malformedPolicy(`The policy is not valid JSON: expected ${what} at character ${this.index + 1}.`);
  }
}
