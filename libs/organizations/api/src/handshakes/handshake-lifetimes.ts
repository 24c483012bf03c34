import { DEFAULT_HANDSHAKE_LIFETIMES, type HandshakeLifetimes } from '@orgs/organizations/domain';

/**
 * AWS's 15 and 90 days, unless HANDSHAKE_INVITATION_LIFETIME_SECONDS or
 * HANDSHAKE_ENABLE_ALL_FEATURES_LIFETIME_SECONDS say otherwise (tests use seconds).
 */
export function handshakeLifetimes(env: NodeJS.ProcessEnv = process.env): HandshakeLifetimes {
  return {
    invitationSeconds: positive(env.HANDSHAKE_INVITATION_LIFETIME_SECONDS) ?? DEFAULT_HANDSHAKE_LIFETIMES.invitationSeconds,
    enableAllFeaturesSeconds: positive(env.HANDSHAKE_ENABLE_ALL_FEATURES_LIFETIME_SECONDS) ?? DEFAULT_HANDSHAKE_LIFETIMES.enableAllFeaturesSeconds,
  };
}

function positive(value: string | undefined): number | undefined {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
