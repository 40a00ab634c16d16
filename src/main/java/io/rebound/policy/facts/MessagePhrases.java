package io.rebound.policy.facts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a phrase from the Message patterns sheet into a whole-word, case-insensitive pattern. Ops
 * write words, not regular expressions: "OOM" must not match "classroom"; "*" stands for any text.
 */
final class MessagePhrases {

  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private MessagePhrases() {}

  static Pattern compile(String phrase) {
    return CACHE.computeIfAbsent(phrase, MessagePhrases::build);
  }

  private static Pattern build(String phrase) {
    StringBuilder regex = new StringBuilder();
    String trimmed = phrase.trim();
    if (!trimmed.isEmpty() && isWordChar(trimmed.charAt(0))) {
      regex.append("(?<![\\p{Alnum}_])");
    }
    String[] parts = trimmed.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*?");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    if (!trimmed.isEmpty() && isWordChar(trimmed.charAt(trimmed.length() - 1))) {
      regex.append("(?![\\p{Alnum}_])");
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
