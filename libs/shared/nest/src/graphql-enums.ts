import { registerEnumType } from '@nestjs/graphql';

/** A GraphQL enum from one of the AWS model's enum lists (see kernel's generated.ts). */
export function awsEnum<const Values extends readonly string[]>(name: string, values: Values) {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in Values[number]]: K };
  registerEnumType(enumObject, { name });
  return enumObject;
}
