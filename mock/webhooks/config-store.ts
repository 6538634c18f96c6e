import { validateWebhookConfig, type ConfigResult, type WebhookConfig, type WebhookConfigInput } from "./config.js";

/** Each tenant's webhook settings (update_webhook). */
export interface ConfigStore {
  configure(tenant: string, input: WebhookConfigInput): ConfigResult;
  /** The settings in force (shared object: read only). */
  current(tenant: string): WebhookConfig | undefined;
  /** A copy for callers outside the dispatcher. */
  copy(tenant: string): WebhookConfig | undefined;
  forget(tenant: string): void;
  /** Puts back settings from a snapshot (already validated when they were made). */
  restore(tenant: string, config: WebhookConfig | null): void;
}

export function createConfigStore(): ConfigStore {
  const configs = new Map<string, WebhookConfig>();
  return {
    restore(tenant, config) {
      if (config) configs.set(tenant, { ...config, webhook_mode: [...config.webhook_mode] });
      else configs.delete(tenant);
    },
    configure(tenant, input) {
      const result = validateWebhookConfig(input);
      if (result.ok) configs.set(tenant, result.config);
      return result;
    },
    current: (tenant) => configs.get(tenant),
    copy(tenant) {
      const config = configs.get(tenant);
      return config ? { ...config, webhook_mode: [...config.webhook_mode] } : undefined;
    },
    forget: (tenant) => void configs.delete(tenant),
  };
}
