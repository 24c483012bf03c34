-- The caller's account, organization and root in one statement, for the tenant the function sets
-- (row-level security holds), instead of BEGIN / set_config / SELECT / COMMIT: every read of the
-- API starts with it. Rows under the Prisma models' field names.
CREATE OR REPLACE FUNCTION orgs_callers_organization(p_tenant uuid, p_account text)
RETURNS TABLE (account jsonb, organization jsonb, root jsonb)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant::text, true);
  RETURN QUERY
  SELECT jsonb_build_object('id', a.id, 'tenantId', a.tenant_id, 'name', a.name, 'email', a.email,
           'organizationId', a.organization_id, 'parentId', a.parent_id, 'arn', a.arn, 'status', a.status,
           'state', a.state, 'path', a.path, 'joinedMethod', a.joined_method,
           'joinedTimestamp', a.joined_timestamp, 'createdAt', a.created_at),
         CASE WHEN o.id IS NULL THEN NULL ELSE jsonb_build_object('id', o.id, 'tenantId', o.tenant_id,
           'arn', o.arn, 'featureSet', o.feature_set, 'masterAccountId', o.master_account_id,
           'masterAccountArn', o.master_account_arn, 'masterAccountEmail', o.master_account_email,
           'createdAt', o.created_at) END,
         CASE WHEN r.id IS NULL THEN NULL ELSE jsonb_build_object('id', r.id, 'tenantId', r.tenant_id,
           'organizationId', r.organization_id, 'arn', r.arn, 'name', r.name, 'policyTypes', r.policy_types) END
    FROM accounts a
    LEFT JOIN organizations o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
    LEFT JOIN roots r ON r.tenant_id = a.tenant_id AND r.organization_id = a.organization_id
   WHERE a.tenant_id = p_tenant AND a.id = p_account;
END $$;
GRANT EXECUTE ON FUNCTION orgs_callers_organization(uuid, text) TO orgs_app;
