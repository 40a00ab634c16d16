package io.rebound.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.FailureFact;
import io.rebound.failure.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one fact pipeline, without Spring: what it says when it cannot ask Databricks. */
class FactReaderTest {

  private static final CorpusCase NOTIFICATION =
      CorpusCase.of(
          "job-failure-ids-only",
          Payloads.parse(
              CorpusTest.CORPUS.resolve("databricks-legacy-events/job-failure-ids-only.json")));

  @Test
  void withoutDatabricksTheAnswerSaysTheRunWasNotFetched() {
    FactReader reader = new FactReader(Payloads.extractor(), () -> null);

    List<FactReader.Reading> readings = reader.read("databricks", NOTIFICATION.body());

    assertThat(readings).hasSize(1);
    FactReader.Reading reading = readings.get(0);
    assertThat(reading.enrichment().enriched()).isFalse();
    assertThat(reading.enrichment().detail())
        .contains("Databricks is not configured")
        .contains("run 518273649104011")
        .contains("not fetched");
    assertThat(reading.fact().codes().runTerminationCode()).isNull();
  }

  @Test
  void withDatabricksTheRunsOwnTerminationIsRead() {
    FactReader.Reading reading =
        NOTIFICATION.reader().read("databricks", NOTIFICATION.body()).get(0);

    assertThat(reading.enrichment().enriched()).isTrue();
    assertThat(reading.enrichment().detail()).isEqualTo("runs/get");
    FailureFact fact = reading.fact();
    assertThat(fact.codes().runTerminationCode()).isEqualTo("CLOUD_FAILURE");
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.errorMessage()).contains("Failed to acquire 8 nodes");
  }

  @Test
  void aBodyNoReaderKnowsIsAnUnrecognisedAlertWithTheRawBodyAndWhatWasMissing() {
    FactReader reader = new FactReader(Payloads.extractor(), () -> null);

    FailureFact fact = reader.extract("azure-monitor", Payloads.json("{\"hello\": 1}")).get(0);

    assertThat(UnrecognisedAlert.is(fact)).isTrue();
    assertThat(fact.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fact.errorMessage()).contains("no known shape").contains("hello");
    assertThat(fact.attributes()).containsEntry("unrecognised.body", "{\"hello\":1}");
  }
}
