import { Field, InputType } from '@nestjs/graphql';
import { invalidInput, type PointInLog } from '@orgs/shared/kernel';

@InputType('AsOfInput', { description: 'A past point to read the organization as of: a time, or a log position (a number or a consistencyToken), one of the two.' })
export class AsOfInput {
  @Field(() => Date, { nullable: true, description: 'The events recorded at or before this time.' }) time?: Date | null;
  @Field(() => String, { nullable: true, description: 'The events at or before this log position; a consistencyToken stands for its position.' }) position?: string | null;
}

/** The point an `asOf` names; InvalidInputException for both, neither, a bad position or a time ahead of now. */
export function pointOf(asOf: AsOfInput, now = Date.now()): PointInLog {
  const hasTime = asOf.time !== undefined && asOf.time !== null;
  const hasPosition = asOf.position !== undefined && asOf.position !== null;
  if (hasTime && hasPosition) throw invalidInput('MAX_LIMIT_EXCEEDED_FILTER', 'asOf takes a time or a position, not both.');
  if (!hasTime && !hasPosition) throw invalidInput('INPUT_REQUIRED', 'asOf needs a time or a position.');
  if (hasTime) {
    const time = asOf.time as Date;
    if (Number.isNaN(time.getTime())) throw invalidInput('INVALID_PATTERN', 'asOf.time is not a time.');
    if (time.getTime() > now) throw invalidInput('MAX_VALUE_EXCEEDED', 'asOf.time is in the future.');
    return { time };
  }
  const match = /^(?:\d{1,20}\.)?(\d{1,19})$/.exec(asOf.position as string);
  if (!match) throw invalidInput('INVALID_PATTERN', 'asOf.position is a log position (digits) or a consistencyToken.');
  return { position: BigInt(match[1]) };
}

/** The `asOf` argument of the reads that can answer as of a past point. */
export const asOfArg = { nullable: true, type: () => AsOfInput, description: 'Read as of a past point (from the log) instead of the present.' };
