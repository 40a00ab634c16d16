package io.rebound.ops;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Setup helpers (operator): what to run in Azure and Databricks so their failures reach this
 * Rebound. Nothing here calls a cloud; the answers carry placeholders where the webhook secret
 * goes. docs/setup.md.
 */
@RestController
@RequestMapping("/api/setup")
class SetupController {

  private final SetupProperties properties;
  private final Environment environment;

  SetupController(SetupProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  @GetMapping("/azure-monitor")
  Map<String, Object> azureMonitor(
      @RequestParam(required = false) String subscription,
      @RequestParam(required = false) String resourceGroup,
      @RequestParam(required = false) String factory) {
    return AzureMonitorSetup.answer(
        reboundUrl(),
        SetupParameters.subscription(subscription),
        SetupParameters.resourceGroup(resourceGroup),
        SetupParameters.factory(factory));
  }

  @GetMapping("/databricks")
  Map<String, Object> databricks() {
    // read by name: the watch list belongs to ingest, and ops uses no other module
    List<String> clusters =
        Binder.get(environment)
            .bind("rebound.databricks.watch.cluster-ids", Bindable.listOf(String.class))
            .orElse(List.of())
            .stream()
            .filter(id -> !id.isBlank())
            .toList();
    return DatabricksSetup.answer(reboundUrl(), clusters);
  }

  /** Where Azure and Databricks reach this Rebound: configured, else the address this call used. */
  private String reboundUrl() {
    String configured = properties.publicUrl();
    String url =
        configured == null || configured.isBlank()
            ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
            : configured;
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
