import { invalidInput } from '../errors';
import { awsShape } from './model';

/**
 * Checks a value against an AWS model shape (pattern, length, range, enum) and refuses it with the
 * InvalidInputException reason AWS uses. Patterns are anchored as a whole: the model's alternations
 * anchor only their first and last branch (see the reference's ids-and-arns.md).
 */
export function assertValidInput(shapeName: string, field: string, value: unknown): void {
  const shape = awsShape(shapeName);
  if (value === undefined || value === null) throw invalidInput('INPUT_REQUIRED', `${field} is required.`);
  if (typeof value === 'string') return assertValidString(shapeName, field, value);
  if (typeof value === 'number') {
    if (shape.min !== undefined && value < shape.min) throw invalidInput('MIN_VALUE_EXCEEDED', `${field} must be at least ${shape.min}.`);
    if (shape.max !== undefined && value > shape.max) throw invalidInput('MAX_VALUE_EXCEEDED', `${field} must be at most ${shape.max}.`);
  }
}

function assertValidString(shapeName: string, field: string, value: string): void {
  const shape = awsShape(shapeName);
  if (shape.min !== undefined && value.length < shape.min) throw invalidInput('MIN_LENGTH_EXCEEDED', `${field} must be at least ${shape.min} characters long.`);
  if (shape.max !== undefined && value.length > shape.max) throw invalidInput('MAX_LENGTH_EXCEEDED', `${field} must be at most ${shape.max} characters long.`);
  if (shape.enum && !shape.enum.includes(value)) throw invalidInput('INVALID_ENUM', `${field} must be one of ${shape.enum.join(', ')}.`);
  if (shape.pattern && !anchoredPattern(shape.pattern).test(value)) throw invalidInput('INVALID_PATTERN', `${field} has an invalid format.`);
}

const compiled = new Map<string, RegExp>();

export function anchoredPattern(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    const body = pattern.replace(/^\^/, '').replace(/\$$/, '').replace(/\(\^/g, '(');
    regex = new RegExp(`^(?:${body})$`, 'u');
    compiled.set(pattern, regex);
  }
  return regex;
}
