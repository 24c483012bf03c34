export * from './aws-wire.module';
export { MIN_POSITION_HEADER, POSITION_HEADER, WIRE_CONTENT_TYPE } from './wire-endpoint';
export { WIRE_OPERATIONS } from './operations';
