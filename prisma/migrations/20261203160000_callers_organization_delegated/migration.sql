-- The caller's organization also says whether the caller is one of its delegated administrators
-- (for any service): the API's read checks need it on every read.
DROP FUNCTION IF EXISTS orgs_callers_organization(uuid, text);
CREATE FUNCTION orgs_callers_organization(p_tenant uuid, p_account text)
RETURNS TABLE (account jsonb, organization jsonb, root jsonb, delegated boolean)
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
           'organizationId', r.organization_id, 'arn', r.arn, 'name', r.name, 'policyTypes', r.policy_types) END,
         EXISTS (SELECT 1 FROM delegated_administrators d
                  WHERE d.tenant_id = a.tenant_id AND d.organization_id = a.organization_id AND d.account_id = a.id)
    FROM accounts a
    LEFT JOIN organizations o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
    LEFT JOIN roots r ON r.tenant_id = a.tenant_id AND r.organization_id = a.organization_id
   WHERE a.tenant_id = p_tenant AND a.id = p_account;
END $$;
GRANT EXECUTE ON FUNCTION orgs_callers_organization(uuid, text) TO orgs_app;
