package io.rebound.advice;

import io.rebound.incident.IncidentAnnex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The AI summary in {@code GET /api/incidents/{id}}, as {@code "advice"}, marked advisory. */
@Component
class AdviceAnnex implements IncidentAnnex {

  static final String NOTE =
      "Advisory: written by an AI model from this incident's record after Rebound decided. It"
          + " changed nothing; check it before acting on it.";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AdviceStore store;

  AdviceAnnex(AdviceStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "advice";
  }

  @Override
  public Optional<Object> about(UUID incidentId) {
    return store
        .forIncident(incidentId)
        .map(
            a -> {
              Map<String, Object> advice = new LinkedHashMap<>();
              advice.put("advisory", true);
              advice.put("note", NOTE);
              advice.put("summary", a.summary());
              advice.put("nextSteps", JSON.readTree(a.nextStepsJson()));
              advice.put(
                  "suggestedClassificationRow",
                  a.suggestedRow() == null ? null : JSON.readTree(a.suggestedRow()));
              advice.put("model", a.model());
              advice.put("writtenAt", a.createdAt());
              advice.put("tokens", a.totalTokens());
              return advice;
            });
  }
}
