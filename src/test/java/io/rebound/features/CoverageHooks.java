package io.rebound.features;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Scenario;
import io.rebound.policy.FeatureCoverageReport;
import java.nio.file.Path;

/**
 * Which table rows the scenarios reach: every what-if answer's explanation is recorded (see {@link
 * ScenarioState}); after the last scenario the report of rows no scenario reaches is written to
 * target/policy-coverage.md and .json and printed in the build log. With {@code
 * -Drebound.coverage.strict=true} an unreached row fails the build.
 */
public class CoverageHooks {

  private final ScenarioState state;

  public CoverageHooks(ScenarioState state) {
    this.state = state;
  }

  @After
  public void countScenario(Scenario scenario) {
    if (state.answer() != null) {
      FeatureCoverageReport.scenarioAsked(scenario.getUri() + ":" + scenario.getLine());
    }
  }

  @AfterAll
  public static void writeReport() {
    FeatureCoverageReport.finish(
        Path.of("."),
        Path.of("target"),
        Boolean.getBoolean(FeatureCoverageReport.STRICT),
        System.out);
  }
}
