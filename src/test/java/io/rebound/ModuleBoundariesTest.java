package io.rebound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module table of DESIGN.md, enforced: each module may use only the modules it names. */
class ModuleBoundariesTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.rebound");

  @Test
  void modulesOnlyUseWhatTheDesignAllows() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("failure")
        .definedBy("io.rebound.failure..")
        .layer("extract")
        .definedBy("io.rebound.extract..")
        .layer("policy")
        .definedBy("io.rebound.policy..")
        .layer("incident")
        .definedBy("io.rebound.incident..")
        .layer("connector")
        .definedBy("io.rebound.connector..")
        .layer("ingest")
        .definedBy("io.rebound.ingest..")
        .layer("notify")
        .definedBy("io.rebound.notify..")
        .layer("remediation")
        .definedBy("io.rebound.remediation..")
        .layer("web")
        .definedBy("io.rebound.web..")
        .layer("config")
        .definedBy("io.rebound.config..")
        .layer("metrics")
        .definedBy("io.rebound.metrics..")
        .layer("ops")
        .definedBy("io.rebound.ops..")
        .layer("ticket")
        .definedBy("io.rebound.ticket..")
        .layer("advice")
        .definedBy("io.rebound.advice..")
        .whereLayer("failure")
        .mayNotAccessAnyLayer()
        .whereLayer("extract")
        .mayOnlyAccessLayers("failure")
        .whereLayer("policy")
        .mayOnlyAccessLayers("failure", "extract")
        .whereLayer("incident")
        .mayOnlyAccessLayers("failure", "policy")
        // connector names its actions with failure's one action vocabulary
        .whereLayer("connector")
        .mayOnlyAccessLayers("failure")
        // ticket: Jira's webhook, once ingest has authenticated it
        .whereLayer("ingest")
        .mayOnlyAccessLayers("failure", "extract", "incident", "policy", "connector", "ticket")
        .whereLayer("notify")
        .mayOnlyAccessLayers("failure", "incident", "policy")
        .whereLayer("remediation")
        .mayOnlyAccessLayers("failure", "incident", "policy", "connector", "notify")
        .whereLayer("web")
        .mayOnlyAccessLayers("failure", "incident", "policy", "remediation")
        .whereLayer("config")
        .mayNotAccessAnyLayer()
        .whereLayer("metrics")
        .mayOnlyAccessLayers("failure", "incident", "policy")
        .whereLayer("ops")
        .mayNotAccessAnyLayer()
        .whereLayer("ticket")
        .mayOnlyAccessLayers("failure", "incident", "connector")
        .whereLayer("advice")
        .mayOnlyAccessLayers("failure", "incident", "connector")
        .check(CLASSES);
  }

  @Test
  void droolsStaysInsidePolicy() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.rebound.policy..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.kie..", "org.drools..")
        .because("no Drools type leaves policy (DESIGN.md)")
        .check(CLASSES);
  }

  @Test
  void httpClientsStayInsideConnectorAndNotify() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.rebound.connector..", "io.rebound.notify..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.net.http..",
            "com.databricks..",
            "org.apache.hc..",
            "org.apache.http..",
            "okhttp3..",
            "org.springframework.web.client..",
            "org.springframework.web.reactive.function.client..")
        .because(
            "platform calls go through connector; notify posts its own Slack, Jira and webhook"
                + " messages")
        .check(CLASSES);
  }

  @Test
  void servletTypesStayAtTheHttpEdge() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "io.rebound.ingest..",
            "io.rebound.config..",
            "io.rebound.ops..",
            "io.rebound.metrics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta.servlet..")
        .because(
            "only the webhook servlet and the filters in front of every request (security,"
                + " request id, delivery counting) handle raw requests")
        .check(CLASSES);
  }
}
