import { Module } from '@nestjs/common';
import { WireEndpoint } from './wire-endpoint';

/** The AWS JSON 1.1 wire API at `POST /`; import it beside the capability modules whose resolvers it serves. */
@Module({ providers: [WireEndpoint] })
export class AwsWireModule {}
