import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Where one follower of the log stands (a projection of read models, or the reactions).' })
export class ProjectionConsistency {
  @Field() name!: string;
  @Field({ description: 'The last log position it has applied.' }) position!: string;
  @Field(() => Float, { description: 'Events appended that it has not applied yet.' }) lagEvents!: number;
  @Field(() => Float, { description: 'How long, in milliseconds, the oldest event it has not applied has waited (0: caught up).' })
  lagMs!: number;
}

@ObjectType({ description: 'How far the read models are behind the log: the eventual consistency AWS documents, measured.' })
export class ConsistencyResponse {
  @Field({ description: 'The last position appended to the log.' }) lastPosition!: string;
  @Field(() => [ProjectionConsistency]) projections!: ProjectionConsistency[];
}
