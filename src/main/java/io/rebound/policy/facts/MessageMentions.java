package io.rebound.policy.facts;

import java.util.Set;

/**
 * All the rules can know about an error message: which of the policy's phrases it mentions.
 *
 * @param phrases the phrases of {@code vocabulary} the message mentions
 * @param vocabulary the phrases the policy asks about; one instance per compiled policy
 */
public record MessageMentions(Set<String> phrases, MessageVocabulary vocabulary) {

  public MessageMentions {
    phrases = Set.copyOf(phrases);
  }

  /**
   * Whether the message mentions a phrase. Asking about a phrase the policy was not compiled with
   * is a bug in how the vocabulary was collected, not a "no".
   */
  public boolean mentions(String phrase) {
    if (!vocabulary.knows(phrase)) {
      throw new IllegalStateException(
          "the rules asked about the phrase '"
              + phrase
              + "' that is not in the policy's message vocabulary");
    }
    return phrases.contains(phrase);
  }
}
