import type { ProjectionHandlers } from '@orgs/shared/projector';

// Stub: this capability's read model is not written yet.
export const tagHandlers: ProjectionHandlers = {
  eventTypes: new Set<string>(),
  apply: async () => undefined,
};
