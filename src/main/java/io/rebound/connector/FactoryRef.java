package io.rebound.connector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Which data factory an action is about: from the alert's {@code azureResourceId} when the target
 * has one, else from target entries, else from the configured defaults.
 */
record FactoryRef(String subscriptionId, String resourceGroup, String factory) {

  static FactoryRef of(ActionRequest request, AdfProperties defaults) {
    String subscription = defaults.subscriptionId();
    String group = defaults.resourceGroup();
    String factory = defaults.factory();
    var resourceId = Targets.target(request, "azureResourceId");
    if (resourceId.isPresent()) {
      String[] parts = resourceId.get().split("/");
      for (int i = 0; i + 1 < parts.length; i++) {
        String name = parts[i + 1];
        switch (parts[i].toLowerCase()) {
          case "subscriptions" -> subscription = name;
          case "resourcegroups" -> group = name;
          case "factories" -> factory = name;
          default -> {}
        }
      }
    }
    subscription = Targets.target(request, "subscriptionId").orElse(subscription);
    group = Targets.target(request, "resourceGroup").orElse(group);
    factory = Targets.target(request, "factory").orElse(factory);
    if (blank(subscription) || blank(group) || blank(factory)) {
      throw new IllegalArgumentException(
          request.action()
              + " cannot tell which data factory: give target azureResourceId, or set"
              + " AZURE_SUBSCRIPTION_ID, rebound.adf.resource-group and rebound.adf.factory");
    }
    return new FactoryRef(subscription, group, factory);
  }

  /** The factory's ARM path, each segment escaped. */
  String path() {
    return "/subscriptions/"
        + segment(subscriptionId)
        + "/resourceGroups/"
        + segment(resourceGroup)
        + "/providers/Microsoft.DataFactory/factories/"
        + segment(factory);
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
