import model from './organizations-model.json';

interface ShapeRef {
  shape: string;
}
export interface AwsShape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  enum?: string[];
  member?: ShapeRef;
  exception?: boolean;
}

/** The AWS Organizations API model (botocore JSON), the source of truth for shapes and errors. */
export const awsShapes = model.shapes as unknown as Record<string, AwsShape>;

export function awsShape(name: string): AwsShape {
  const shape = awsShapes[name];
  if (!shape) throw new Error(`No shape ${name} in the AWS model`);
  return shape;
}

export interface AwsOperation {
  name: string;
  input?: ShapeRef;
  output?: ShapeRef;
}

/** The model's operations by name (every one is `POST /` with `X-Amz-Target: <targetPrefix>.<name>`). */
export const awsOperations = model.operations as unknown as Record<string, AwsOperation>;
export const AWS_TARGET_PREFIX: string = model.metadata.targetPrefix;
