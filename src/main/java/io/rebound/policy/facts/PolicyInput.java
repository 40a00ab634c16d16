package io.rebound.policy.facts;

import io.rebound.failure.FailureFact;
import io.rebound.failure.LibraryCoordinate;
import io.rebound.failure.Source;
import java.util.Locale;

/**
 * The fact as the rules see it, and the only object a decision inserts: every value a rule or table
 * can read is a component, so equal inputs get equal decisions and the record itself is the key of
 * the decision memo. Nothing else reaches the rules; in particular the error message arrives only
 * as the phrases it mentions, never as text.
 *
 * @param platform the family of platforms whose codes and messages mean the same thing
 * @param httpStatus 0 when the failure reported none
 * @param message null when the failure carried no message
 */
public record PolicyInput(
    String source,
    String platform,
    String environment,
    String outcome,
    String activityCode,
    String connectorCode,
    String terminationCode,
    String terminationType,
    String runTerminationCode,
    String runTerminationType,
    String resultState,
    int httpStatus,
    String platformCode,
    String libraryName,
    String libraryVersion,
    MessageMentions message) {

  /** Normalises the fact's codes the way the workbooks write them and reads its message. */
  public static PolicyInput of(FailureFact fact, MessageVocabulary vocabulary) {
    var codes = fact.codes();
    String coordinate = fact.resource().library();
    if (coordinate == null) {
      coordinate = fact.attributes().get("library");
    }
    LibraryCoordinate library = LibraryCoordinate.parse(coordinate);
    return new PolicyInput(
        fact.source().id(),
        platformOf(fact.source()),
        fact.environment().id(),
        fact.outcome().name(),
        trimmed(codes.activityCode()),
        trimmed(codes.connectorCode()),
        upper(codes.terminationCode()),
        upper(codes.terminationType()),
        upper(codes.runTerminationCode()),
        upper(codes.runTerminationType()),
        upper(codes.resultState()),
        codes.httpStatus() == null ? 0 : codes.httpStatus(),
        trimmed(codes.platformCode()),
        library == null ? null : library.name(),
        library == null ? null : library.version(),
        vocabulary.read(fact.errorMessage()));
  }

  /** The family of platforms whose codes and messages mean the same thing. */
  public static String platformOf(Source source) {
    if (source.isCiCd()) {
      return "ci";
    }
    return switch (source) {
      case AZURE_DATA_FACTORY, SYNAPSE, AZURE_FUNCTIONS -> "azure-data-factory";
      case DATABRICKS -> "databricks";
      default -> "other";
    };
  }

  private static String trimmed(String value) {
    if (value == null) {
      return null;
    }
    String t = value.trim();
    return t.isEmpty() ? null : t;
  }

  private static String upper(String value) {
    String t = trimmed(value);
    return t == null ? null : t.toUpperCase(Locale.ROOT);
  }
}
