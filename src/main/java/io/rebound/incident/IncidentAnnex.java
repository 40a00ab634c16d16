package io.rebound.incident;

import java.util.Optional;
import java.util.UUID;

/**
 * Something another module keeps about an incident that {@code GET /api/incidents/{id}} shows under
 * its own name (the Jira issue, an advisory summary). The incident module does not know those
 * modules; they register a bean of this type.
 */
public interface IncidentAnnex {

  /** The field name in the incident's JSON, for example "ticket". */
  String name();

  /** What to show for this incident; empty leaves the field null. */
  Optional<Object> about(UUID incidentId);
}
