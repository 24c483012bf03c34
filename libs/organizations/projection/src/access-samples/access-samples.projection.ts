import { assertUnreachable } from '@orgs/shared/kernel';
import { join, json, sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import { ACCESS_SAMPLE_EVENTS, type AccessSampleEvent } from '@orgs/organizations/domain';

/** One row per recorded access sample (`access_samples`), read by listAccessSamples and previewPolicyChange. */
export const accessSampleHandlers: ProjectionHandlers = {
  tables: ['access_samples'],
  eventTypes: ACCESS_SAMPLE_EVENTS,
  write: (batch, recorded) => batch.add(accessSampleStatement(recorded.tenantId, recorded as unknown as AccessSampleEvent)),
};

function accessSampleStatement(tenantId: string, event: AccessSampleEvent): SqlText {
  switch (event.type) {
    case 'AccessSamplesRecorded': {
      const { organizationId, samples } = event.data;
      const rows = samples.map((s) => sql`(${s.id}, ${tenantId}::uuid, ${organizationId}, ${s.name}, ${json(s.request)}, ${s.recordedAt}::timestamptz)`);
      return sql`INSERT INTO access_samples (id, tenant_id, organization_id, name, request, recorded_at) VALUES ${join(rows)} ON CONFLICT (id) DO NOTHING`;
    }
    case 'AccessSampleDeleted':
      return sql`DELETE FROM access_samples WHERE tenant_id = ${tenantId}::uuid AND id = ${event.data.sampleId}`;
    default:
      return assertUnreachable(event);
  }
}
