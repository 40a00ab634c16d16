package io.rebound.policy.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every phrase a policy's rules ask an error message about ({@code mentions("...")} in the compiled
 * rules), and which of them one message mentions. The rules never see the message text, only that
 * answer: two messages that mention the same phrases are the same input to the policy, however much
 * their run ids differ.
 */
public final class MessageVocabulary {

  private static final Pattern MENTIONS = Pattern.compile("mentions\\(\\s*\"([^\"]*)\"\\s*\\)");

  private final List<String> phrases;
  private final Set<String> known;
  private final Pattern[] patterns;

  /** The longest literal piece of each phrase, ASCII lower case: a cheap test before the regex. */
  private final String[] clues;

  private MessageVocabulary(Collection<String> phrases) {
    this.phrases = List.copyOf(phrases);
    this.known = Set.copyOf(phrases);
    this.patterns = new Pattern[this.phrases.size()];
    this.clues = new String[this.phrases.size()];
    for (int i = 0; i < patterns.length; i++) {
      patterns[i] = MessagePhrases.compile(this.phrases.get(i));
      clues[i] = asciiLower(longestLiteral(this.phrases.get(i)));
    }
  }

  /** The phrases of every {@code mentions("...")} in the given rule texts (DRL). */
  public static MessageVocabulary of(Collection<String> ruleTexts) {
    Set<String> found = new LinkedHashSet<>();
    for (String text : ruleTexts) {
      Matcher m = MENTIONS.matcher(text);
      while (m.find()) {
        found.add(m.group(1));
      }
    }
    return new MessageVocabulary(found);
  }

  public List<String> phrases() {
    return phrases;
  }

  boolean knows(String phrase) {
    return known.contains(phrase);
  }

  /**
   * What the rules may learn from a message: null when there is none, else the phrases it mentions.
   */
  public MessageMentions read(String message) {
    if (message == null || message.isEmpty()) {
      return null;
    }
    String lower = asciiLower(message);
    List<String> mentioned = null;
    for (int i = 0; i < patterns.length; i++) {
      if (lower.contains(clues[i]) && patterns[i].matcher(message).find()) {
        mentioned = mentioned == null ? new ArrayList<>(2) : mentioned;
        mentioned.add(phrases.get(i));
      }
    }
    return new MessageMentions(mentioned == null ? Set.of() : Set.copyOf(mentioned), this);
  }

  private static String longestLiteral(String phrase) {
    String longest = "";
    for (String part : phrase.trim().split("\\*", -1)) {
      if (part.length() > longest.length()) {
        longest = part;
      }
    }
    return longest;
  }

  /**
   * Folds A-Z only, as the phrase patterns do (case-insensitive without Unicode case): whenever a
   * pattern matches, the folded message contains the folded clue.
   */
  private static String asciiLower(String s) {
    int i = 0;
    while (i < s.length() && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (; i < chars.length; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
