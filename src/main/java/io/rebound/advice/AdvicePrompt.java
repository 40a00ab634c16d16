package io.rebound.advice;

import io.rebound.incident.IncidentSnapshot;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the model is asked and how its answer is read. The question holds only the incident's own
 * record (what failed, the error message cut to a length, the decision and its reasons); the answer
 * is asked for as a small JSON object, and an answer that is not one is kept as plain text.
 */
final class AdvicePrompt {

  static final String SYSTEM =
      "You help a data-platform on-call engineer at night. Rebound, an auto-remediation service,"
          + " escalated the incident below to a person. Be short and concrete. Do not invent"
          + " facts that are not in the record; say what to check. Answer with one JSON object"
          + " only: {\"summary\": \"the likely root cause in at most three sentences\","
          + " \"nextSteps\": [\"at most five short steps\"], \"classificationRow\": null}.";

  static final String UNKNOWN_ERROR =
      " Rebound could not classify this failure (UnknownError). If the error message shows what"
          + " kind of failure it is, set classificationRow to the row an engineer could add to"
          + " the Message patterns sheet of classification.xlsx: {\"platform\":"
          + " \"azure-data-factory, databricks or ci\", \"messageMentions\": \"a distinctive word"
          + " or phrase of the message\", \"errorType\": \"the error type it is\"}; else null.";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The model's answer, read. */
  record Answer(String summary, List<String> nextSteps, String classificationRow) {}

  private AdvicePrompt() {}

  static String system(IncidentSnapshot incident) {
    return "UnknownError".equals(incident.errorType()) ? SYSTEM + UNKNOWN_ERROR : SYSTEM;
  }

  static String user(IncidentSnapshot incident, int errorMessageChars) {
    StringBuilder q = new StringBuilder();
    line(q, "Source", incident.source());
    line(q, "Environment", incident.environment());
    line(q, "Resource", incident.resource());
    line(q, "Error type (Rebound's classification)", incident.errorType());
    line(q, "Category", incident.category());
    line(q, "Severity", incident.severity() + ", priority " + incident.priority());
    line(q, "Occurrences", String.valueOf(incident.occurrences()));
    line(q, "Why it was escalated", incident.statusReason());
    line(q, "Playbook action", incident.action());
    String message = incident.errorMessage() == null ? "" : incident.errorMessage();
    if (message.length() > errorMessageChars) {
      message = message.substring(0, errorMessageChars) + " [cut]";
    }
    q.append("Error message:\n").append(message).append('\n');
    q.append("Decision reasons (policy rows):\n");
    incident.reasons().forEach(r -> q.append("- ").append(r).append('\n'));
    return q.toString();
  }

  /** A rough count (about four characters a token) to keep a question inside its caps. */
  static int estimateTokens(String... texts) {
    int chars = 0;
    for (String text : texts) {
      chars += text.length();
    }
    return chars / 4 + 16;
  }

  static Answer read(String content) {
    String text = content == null ? "" : content.trim();
    // models often wrap JSON in a Markdown code fence
    if (text.startsWith("```")) {
      text = text.replaceFirst("^```(json)?\\s*", "").replaceFirst("\\s*```$", "");
    }
    try {
      JsonNode answer = JSON.readTree(text);
      if (answer != null && answer.isObject() && answer.path("summary").isString()) {
        List<String> steps = new ArrayList<>();
        answer.path("nextSteps").forEach(s -> steps.add(s.asString("")));
        JsonNode row = answer.path("classificationRow");
        return new Answer(
            answer.path("summary").asString(),
            steps.stream().filter(s -> !s.isBlank()).limit(5).toList(),
            row.isObject() ? JSON.writeValueAsString(row) : null);
      }
    } catch (JacksonException notJson) {
      // kept as plain text below
    }
    return new Answer(text, List.of(), null);
  }

  private static void line(StringBuilder q, String name, String value) {
    if (value != null && !value.isBlank()) {
      q.append(name).append(": ").append(value).append('\n');
    }
  }
}
