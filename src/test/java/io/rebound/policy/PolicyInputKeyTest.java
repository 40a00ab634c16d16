package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.policy.facts.MessageMentions;
import io.rebound.policy.facts.MessageVocabulary;
import io.rebound.policy.facts.PolicyInput;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The decision memo is keyed by {@link PolicyInput}. These tests fail if a value the rules read is
 * not part of that key, or if the rules could learn anything about a message beyond the phrases the
 * vocabulary answers for.
 */
class PolicyInputKeyTest {

  private static final Map<String, String> DRL = ShippedRules.drl();
  private static final MessageVocabulary VOCABULARY = MessageVocabulary.of(DRL.values());

  /** "i: PolicyInput(" or "$i : PolicyInput(": the variables rules bind to the input. */
  private static final Pattern BINDING = Pattern.compile("(\\$?\\w+)\\s*:\\s*PolicyInput\\s*\\(");

  private static final Pattern CONSTRAINT =
      Pattern.compile("(?:^|,)\\s*(\\w+)\\s*(?:==|!=|<=|>=|<|>|matches|memberOf|contains|in\\b)");

  @Test
  void inputsDifferingInAnyOneComponentAreDifferentKeys() throws Exception {
    RecordComponent[] components = PolicyInput.class.getRecordComponents();
    PolicyInput base = input(components, -1);
    for (int i = 0; i < components.length; i++) {
      PolicyInput changed = input(components, i);
      assertThat(changed).as(components[i].getName()).isNotEqualTo(base);
    }
    assertThat(input(components, -1)).isEqualTo(base).hasSameHashCodeAs(base);
  }

  @Test
  void everyInputPropertyTheRulesReadIsAComponentOfTheKey() {
    Set<String> components = new TreeSet<>();
    for (RecordComponent c : PolicyInput.class.getRecordComponents()) {
      components.add(c.getName());
    }
    Set<String> read = new TreeSet<>();
    DRL.values().forEach(text -> read.addAll(inputPropertiesRead(text)));

    assertThat(read)
        .as("the shipped rules read the input's codes, outcome, platform and message")
        .contains("connectorCode", "outcome", "platform", "httpStatus", "libraryName", "message");
    assertThat(components).containsAll(read);
  }

  @Test
  void theRulesLearnAboutAMessageOnlyThroughPhrasesOfTheVocabulary() {
    Pattern messageText =
        Pattern.compile("(?<!new )MessageText\\s*\\(((?:[^()]|\\([^()]*\\))*)\\)");
    Pattern mentions = Pattern.compile("mentions\\(\"([^\"]*)\"\\)");
    Set<String> asked = new TreeSet<>();
    for (String text : DRL.values()) {
      Matcher m = messageText.matcher(text);
      while (m.find()) {
        for (String constraint : splitConstraints(m.group(1))) {
          Matcher phrase = mentions.matcher(constraint);
          if (phrase.matches()) {
            asked.add(phrase.group(1));
          } else if (!constraint.isEmpty()) {
            assertThat(constraint).startsWith("platform ==");
          }
        }
      }
      assertThat(text).doesNotContain("getText()").doesNotContain("errorMessage");
    }
    assertThat(asked).as("phrases of the Message patterns sheet").hasSizeGreaterThan(40);
    assertThat(VOCABULARY.phrases()).containsExactlyInAnyOrderElementsOf(asked);
  }

  @Test
  void aMessageIsOnlyWhichPhrasesItMentionsWhateverItsRunId() {
    MessageMentions one = VOCABULARY.read("Cluster failed to start: run 41847992357943");
    MessageMentions other = VOCABULARY.read("cluster FAILED TO START (run 9)");

    assertThat(one).isEqualTo(other);
    assertThat(one.phrases()).containsExactly("failed to start");
    assertThat(VOCABULARY.read("classroom")).isNotEqualTo(VOCABULARY.read("OOM"));
    assertThat(VOCABULARY.read("")).isNull();
    assertThat(VOCABULARY.read(null)).isNull();
    assertThat(VOCABULARY.read("nothing known").phrases()).isEmpty();
  }

  private static Set<String> inputPropertiesRead(String text) {
    Set<String> read = new TreeSet<>();
    Matcher binding = BINDING.matcher(text);
    List<String> variables = new ArrayList<>();
    while (binding.find()) {
      variables.add(binding.group(1));
      int close = text.indexOf(')', binding.end());
      String constraints = text.substring(binding.end(), close);
      Matcher c = CONSTRAINT.matcher(constraints);
      while (c.find()) {
        read.add(c.group(1));
      }
    }
    for (String variable : variables) {
      Matcher call =
          Pattern.compile(Pattern.quote(variable) + "\\.(?:get)?(\\w+)\\(").matcher(text);
      while (call.find()) {
        String name = call.group(1);
        read.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
      }
    }
    return read;
  }

  private static List<String> splitConstraints(String constraints) {
    return Arrays.stream(constraints.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
        .map(String::trim)
        .toList();
  }

  /** One input with a distinct value in every component; component {@code changed} differs. */
  private static PolicyInput input(RecordComponent[] components, int changed) throws Exception {
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      boolean other = i == changed;
      Class<?> type = components[i].getType();
      if (type == String.class) {
        values[i] = other ? "other" : "value";
      } else if (type == int.class) {
        values[i] = other ? 2 : 1;
      } else if (type == MessageMentions.class) {
        values[i] = VOCABULARY.read(other ? "OutOfMemoryError" : "OOM");
      } else {
        throw new AssertionError(
            "PolicyInput has a component of a type this test cannot vary: " + components[i]);
      }
    }
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    return PolicyInput.class.getDeclaredConstructor(types).newInstance(values);
  }
}
