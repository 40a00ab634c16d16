package io.rebound.ticket;

import io.rebound.incident.IncidentSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Jira issue and its comments say, in Atlassian Document Format (a {@code doc} of
 * paragraphs, headings and bullet lists; a text node may never be empty). Written for the on-call
 * engineer who opens the issue from a page: what failed, what Rebound decided, which policy rows
 * said so, and where to look.
 */
final class IssueContent {

  /** Jira refuses a summary longer than this. */
  static final int MAX_SUMMARY = 255;

  private IssueContent() {}

  static Map<String, Object> fields(
      IncidentSnapshot incident, String why, String link, TicketProperties properties) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project", Map.of("key", properties.projectKey()));
    fields.put("issuetype", Map.of("name", properties.issueType()));
    fields.put("summary", summary(incident));
    fields.put("description", description(incident, why, link));
    List<String> labels = new ArrayList<>(properties.labels());
    labels.add(label(incident.id()));
    fields.put("labels", labels);
    return fields;
  }

  /**
   * The label that ties an issue to its incident: how a retry finds the issue an earlier try
   * created when Jira's answer was lost, and how people find an incident's issue with JQL.
   */
  static String label(java.util.UUID incidentId) {
    return "rebound-incident-" + incidentId;
  }

  static String summary(IncidentSnapshot incident) {
    String summary =
        "[Rebound] %s on %s (%s)"
            .formatted(
                orUnknown(incident.errorType()),
                orUnknown(incident.resource()),
                orUnknown(incident.environment()));
    // Jira's summary is one line
    summary = summary.replaceAll("[\\r\\n]+", " ");
    return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
  }

  static Map<String, Object> description(IncidentSnapshot incident, String why, String link) {
    List<Map<String, Object>> content = new ArrayList<>();
    content.add(paragraph(text(why)));
    content.add(heading("What failed"));
    content.add(
        bullets(
            "Resource: " + orUnknown(incident.resource()),
            "Source: " + orUnknown(incident.source()),
            "Environment: " + orUnknown(incident.environment()),
            "Error type: " + orUnknown(incident.errorType()),
            "Severity: "
                + orUnknown(incident.severity())
                + ", priority "
                + orUnknown(incident.priority()),
            "First seen: "
                + incident.firstSeen()
                + " ("
                + incident.occurrences()
                + " occurrence(s))"));
    if (incident.errorMessage() != null && !incident.errorMessage().isBlank()) {
      content.add(heading("Error message"));
      content.add(codeBlock(incident.errorMessage()));
    }
    content.add(heading("What Rebound decided, and the policy rows that said so"));
    content.add(
        paragraph(
            text(
                incident.action() == null
                    ? "No automatic action."
                    : "Playbook action: " + incident.action() + ".")));
    if (!incident.reasons().isEmpty()) {
      content.add(bullets(incident.reasons().toArray(String[]::new)));
    }
    content.add(paragraph(text("Policy version: " + orUnknown(incident.policyVersion()))));
    content.add(paragraph(text("The incident in Rebound, with its audit trail: "), link(link)));
    return doc(content);
  }

  /** A comment of one or more paragraphs. */
  static Map<String, Object> comment(String... paragraphs) {
    List<Map<String, Object>> content = new ArrayList<>();
    for (String p : paragraphs) {
      content.add(paragraph(text(p)));
    }
    return doc(content);
  }

  private static Map<String, Object> doc(List<Map<String, Object>> content) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "doc");
    doc.put("version", 1);
    doc.put("content", content);
    return doc;
  }

  private static Map<String, Object> heading(String title) {
    return Map.of("type", "heading", "attrs", Map.of("level", 3), "content", List.of(text(title)));
  }

  @SafeVarargs
  private static Map<String, Object> paragraph(Map<String, Object>... inline) {
    return Map.of("type", "paragraph", "content", List.of(inline));
  }

  private static Map<String, Object> bullets(String... items) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (String item : items) {
      list.add(Map.of("type", "listItem", "content", List.of(paragraph(text(item)))));
    }
    return Map.of("type", "bulletList", "content", list);
  }

  private static Map<String, Object> codeBlock(String code) {
    return Map.of("type", "codeBlock", "content", List.of(text(code)));
  }

  private static Map<String, Object> text(String value) {
    return Map.of("type", "text", "text", orUnknown(value));
  }

  /** A link mark needs an absolute address; without rebound.jira.incident-link it is plain text. */
  private static Map<String, Object> link(String href) {
    if (!href.startsWith("http://") && !href.startsWith("https://")) {
      return text(href);
    }
    return Map.of(
        "type",
        "text",
        "text",
        href,
        "marks",
        List.of(Map.of("type", "link", "attrs", Map.of("href", href))));
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }
}
