import { AccessSamplesResolver } from './access-samples.resolver';
import { AccessSimulator } from './access-simulator.service';
import { PolicyCommandsResolver } from './policy-commands.resolver';
import { PolicyQueriesResolver } from './policy-queries.resolver';
import { PreviewPolicyChangeResolver } from './preview-policy-change.resolver';
import { SimulateAccessResolver } from './simulate-access.resolver';

/** The policies capability's providers for the organizations API module. */
export const POLICY_PROVIDERS = [AccessSimulator, PolicyCommandsResolver, PolicyQueriesResolver, SimulateAccessResolver, AccessSamplesResolver, PreviewPolicyChangeResolver];
