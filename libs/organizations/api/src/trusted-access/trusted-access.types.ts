import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType()
export class ServicePrincipalInput {
  @Field({ description: 'The service\'s principal, e.g. sso.amazonaws.com: one the service catalogue knows.' }) servicePrincipal!: string;
}

@ObjectType()
export class EnableAWSServiceAccessResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DisableAWSServiceAccessResponse {
  @Field() consistencyToken!: string;
}

/** AWS `EnabledServicePrincipal`. */
@ObjectType()
export class EnabledServicePrincipal {
  @Field() servicePrincipal!: string;
  @Field(() => Date) dateEnabled!: Date;
}

@ObjectType()
export class ListAWSServiceAccessForOrganizationResponse {
  @Field(() => [EnabledServicePrincipal]) enabledServicePrincipals!: EnabledServicePrincipal[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@ObjectType({ description: 'A role IAM could not create in an account.' })
export class ServiceLinkedRoleFailure {
  @Field() accountId!: string;
  @Field() roleName!: string;
  @Field({ description: 'ACCOUNT_NOT_ACTIVE | ROLE_NAME_TAKEN' }) reason!: string;
  @Field() message!: string;
}

@ObjectType({
  description:
    'Orgs\' own: how far the propagation of a service\'s service-linked roles to the organization\'s accounts has got. ' +
    'Counted in account roles; while access is ENABLED the roles are being created, once DISABLED deleted.',
})
export class ServiceLinkedRolePropagation {
  @Field() servicePrincipal!: string;
  @Field({ description: 'ENABLED | DISABLED' }) accessStatus!: string;
  @Field({ description: 'CREATE while access is enabled, DELETE once disabled.' }) operation!: string;
  @Field({ description: 'IN_PROGRESS | COMPLETED' }) state!: string;
  @Field(() => Int, { description: 'Account roles to create (or, after disabling, to delete).' }) total!: number;
  @Field(() => Int, { description: 'Created or failed (or, after disabling, deleted).' }) done!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int, { description: 'Deleted since access was disabled.' }) deleted!: number;
  @Field(() => Date) dateEnabled!: Date;
  @Field(() => Date, { nullable: true }) dateDisabled!: Date | null;
  @Field(() => [ServiceLinkedRoleFailure], { description: 'The first 20 failures, by account id.' }) failures!: ServiceLinkedRoleFailure[];
}

@ObjectType()
export class DescribeServiceLinkedRolePropagationResponse {
  @Field(() => ServiceLinkedRolePropagation) propagation!: ServiceLinkedRolePropagation;
}

@ObjectType({ description: 'An IAM role Orgs manages in an account: CreateAccount\'s access role, or a service-linked role.' })
export class IamRole {
  @Field() roleName!: string;
  @Field() path!: string;
  @Field() arn!: string;
  @Field({ description: 'ACCESS_ROLE | SERVICE_LINKED_ROLE' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'The service whose trusted access made it (service-linked roles).' }) servicePrincipal!: string | null;
  @Field({ description: 'Who may assume it: the management account\'s root, or the service.' }) trustedPrincipal!: string;
  @Field({ description: 'PENDING | CREATED | FAILED | DELETED' }) status!: string;
  @Field(() => String, { nullable: true }) failureReason!: string | null;
  @Field(() => String, { nullable: true }) failureMessage!: string | null;
  @Field(() => Date, { nullable: true }) createDate!: Date | null;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class ListRolesForAccountResponse {
  @Field(() => [IamRole]) roles!: IamRole[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}
