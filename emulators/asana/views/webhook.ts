import { Ref, type View } from '../representation';

/**
 * WebhookResponse: compact in lists (gid, active, resource, target), whole when read alone.
 * Timestamps not set yet are left out rather than null: the spec types them as date-time strings.
 */
export const webhookView: View = {
  resourceType: 'webhook',
  compact: ['gid', 'resource_type', 'active', 'resource', 'target'],
  optIn: [],
  fields(v, gid) {
    const hook = v.state.webhooks.find((w) => w.gid === gid);
    if (!hook) return undefined;
    const when = (name: string, value: string | null) => (value === null ? {} : { [name]: value });
    return {
      gid,
      resource_type: 'webhook',
      active: true,
      resource: new Ref(hook.resourceKind, hook.resourceGid),
      target: hook.target,
      created_at: hook.createdAt,
      ...when('last_success_at', hook.lastSuccessAt),
      ...when('last_failure_at', hook.lastFailureAt),
      ...when('last_failure_content', hook.lastFailureContent),
      ...when('next_attempt_after', hook.nextAttemptAfter),
      delivery_retry_count: hook.deliveryRetryCount,
      filters: hook.filters,
    };
  },
};
