package io.rebound.remediation;

import org.springframework.stereotype.Component;

/**
 * Stops every action at once. Off when {@code rebound.remediation.enabled=false} or when an admin
 * turned it off through the API (kept in the database, so every instance sees it). While it is off,
 * new plans and plans reaching their next step escalate to a human instead of waiting: a plan that
 * resumed hours later could act on a situation nobody is watching any more.
 */
@Component
class KillSwitch {

  static final String SETTING = "remediation.enabled";

  private final RemediationProperties properties;
  private final PlanStore store;

  KillSwitch(RemediationProperties properties, PlanStore store) {
    this.properties = properties;
    this.store = store;
  }

  boolean allowsActions() {
    return properties.enabled() && !switchedOffAtRuntime();
  }

  boolean configuredOn() {
    return properties.enabled();
  }

  boolean switchedOffAtRuntime() {
    return store.setting(SETTING).map("false"::equals).orElse(false);
  }

  void set(boolean enabled, String by) {
    store.putSetting(SETTING, Boolean.toString(enabled), by);
  }

  String whyOff() {
    if (!properties.enabled()) {
      return "Automatic remediation is switched off in configuration (rebound.remediation.enabled=false)";
    }
    return "Automatic remediation was switched off by an admin (kill switch)";
  }
}
