import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ActionType, HandshakePartyType, HandshakeResourceType, HandshakeState } from '@orgs/shared/kernel';
import { awsEnum } from '@orgs/shared/nest';
import { TagInput } from '../tags/tag.types';

export const ActionTypeEnum = awsEnum('ActionType', ActionType);
export const HandshakeStateEnum = awsEnum('HandshakeState', HandshakeState);
export const HandshakePartyTypeEnum = awsEnum('HandshakePartyType', HandshakePartyType);
export const HandshakeResourceTypeEnum = awsEnum('HandshakeResourceType', HandshakeResourceType);

@ObjectType()
export class HandshakeParty {
  @Field() id!: string;
  @Field(() => HandshakePartyTypeEnum) type!: HandshakePartyType;
}

@ObjectType()
export class HandshakeResource {
  @Field() value!: string;
  @Field(() => HandshakeResourceTypeEnum) type!: HandshakeResourceType;
  @Field(() => [HandshakeResource], { nullable: true, description: 'The organization\'s details, nested one level.' })
  resources?: HandshakeResource[] | null;
}

@ObjectType({ description: 'AWS Handshake: an invitation, or a request to approve enabling all features.' })
export class Handshake {
  @Field() id!: string;
  @Field() arn!: string;
  @Field(() => [HandshakeParty]) parties!: HandshakeParty[];
  @Field(() => HandshakeStateEnum) state!: HandshakeState;
  @Field(() => Date) requestedTimestamp!: Date;
  @Field(() => Date) expirationTimestamp!: Date;
  @Field(() => ActionTypeEnum) action!: ActionType;
  @Field(() => [HandshakeResource]) resources!: HandshakeResource[];
}

@InputType()
export class HandshakePartyInput {
  @Field({ description: 'A 12-digit account id (type ACCOUNT) or the account owner\'s email (type EMAIL).' }) id!: string;
  @Field(() => HandshakePartyTypeEnum) type!: HandshakePartyType;
}

@InputType()
export class InviteAccountToOrganizationInput {
  @Field(() => HandshakePartyInput) target!: HandshakePartyInput;
  @Field(() => String, { nullable: true, description: 'Up to 1,024 characters, shown to the invitee.' }) notes?: string | null;
  @Field(() => [TagInput], { nullable: true, description: 'Attached to the account when it accepts.' }) tags?: TagInput[] | null;
}

@InputType({ isAbstract: true })
export class HandshakeIdInput {
  @Field({ description: 'h- followed by 8-32 lowercase letters or digits.' }) handshakeId!: string;
}

@InputType()
export class AcceptHandshakeInput extends HandshakeIdInput {}
@InputType()
export class DeclineHandshakeInput extends HandshakeIdInput {}
@InputType()
export class CancelHandshakeInput extends HandshakeIdInput {}

@InputType({ description: 'Give actionType or parentHandshakeId, not both.' })
export class HandshakeFilter {
  @Field(() => ActionTypeEnum, { nullable: true }) actionType?: ActionType | null;
  @Field(() => String, { nullable: true }) parentHandshakeId?: string | null;
}

@ObjectType({ isAbstract: true })
export class HandshakeResponse {
  @Field(() => Handshake) handshake!: Handshake;
  @Field({ description: 'Pass to a query\'s consistencyToken to read this write.' }) consistencyToken!: string;
}

@ObjectType()
export class InviteAccountToOrganizationResponse extends HandshakeResponse {}
@ObjectType()
export class AcceptHandshakeResponse extends HandshakeResponse {}
@ObjectType()
export class DeclineHandshakeResponse extends HandshakeResponse {}
@ObjectType()
export class CancelHandshakeResponse extends HandshakeResponse {}
@ObjectType()
export class EnableAllFeaturesResponse extends HandshakeResponse {}

@ObjectType()
export class DescribeHandshakeResponse {
  @Field(() => Handshake) handshake!: Handshake;
}

@ObjectType({ isAbstract: true })
export class ListHandshakesResponse {
  @Field(() => [Handshake]) handshakes!: Handshake[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@ObjectType()
export class ListHandshakesForAccountResponse extends ListHandshakesResponse {}
@ObjectType()
export class ListHandshakesForOrganizationResponse extends ListHandshakesResponse {}
