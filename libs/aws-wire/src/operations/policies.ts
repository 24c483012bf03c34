import { PolicyCommandsResolver, PolicyQueriesResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** Policies of every type, their attachments, policy types on the root and effective policies. */
export const POLICY_OPERATIONS: OperationTable = {
  CreatePolicy: served(PolicyCommandsResolver, 'createPolicy')((i) => [{ content: i.content, description: i.description, name: i.name, type: i.type, tags: i.tags }]),
  UpdatePolicy: served(PolicyCommandsResolver, 'updatePolicy')((i) => [{ policyId: i.policyId, name: i.name, description: i.description, content: i.content }]),
  DeletePolicy: served(PolicyCommandsResolver, 'deletePolicy')((i) => [{ policyId: i.policyId }]),
  AttachPolicy: served(PolicyCommandsResolver, 'attachPolicy')((i) => [{ policyId: i.policyId, targetId: i.targetId }]),
  DetachPolicy: served(PolicyCommandsResolver, 'detachPolicy')((i) => [{ policyId: i.policyId, targetId: i.targetId }]),
  EnablePolicyType: served(PolicyCommandsResolver, 'enablePolicyType')((i) => [{ rootId: i.rootId, policyType: i.policyType }]),
  DisablePolicyType: served(PolicyCommandsResolver, 'disablePolicyType')((i) => [{ rootId: i.rootId, policyType: i.policyType }]),
  DescribePolicy: served(PolicyQueriesResolver, 'describePolicy')((i, t) => [i.policyId, t]),
  ListPolicies: served(PolicyQueriesResolver, 'listPolicies')((i, t) => [i.filter, i.maxResults, i.nextToken, t]),
  ListPoliciesForTarget: served(PolicyQueriesResolver, 'listPoliciesForTarget')((i, t) => [i.targetId, i.filter, i.maxResults, i.nextToken, t]),
  ListTargetsForPolicy: served(PolicyQueriesResolver, 'listTargetsForPolicy')((i, t) => [i.policyId, i.maxResults, i.nextToken, t]),
  DescribeEffectivePolicy: served(PolicyQueriesResolver, 'describeEffectivePolicy')((i, t) => [i.policyType, i.targetId, t]),
};
