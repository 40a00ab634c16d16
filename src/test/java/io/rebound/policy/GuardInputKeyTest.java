package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.policy.facts.GuardInput;
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
 * The guard memo is keyed by {@link GuardInput}, the state in buckets. These tests fail if a state
 * fact the Guards rows read is not in that key, or if its bucket answers any row's comparison
 * differently from the exact value (a cap below a threshold, a fact never copied from the state).
 */
class GuardInputKeyTest {

  private static final Map<String, String> DRL = ShippedRules.drl();
  private static final GuardBuckets SHIPPED_BUCKETS = shippedBuckets();
  private static final Pattern BINDING = Pattern.compile("\\$?\\w+\\s*:\\s*GuardInput\\s*\\(");

  /** "failuresLastHour >= 3", "breakerOpen == \"yes\"": one comparison a row makes. */
  private static final Pattern COMPARISON =
      Pattern.compile("(\\w+)\\s*(==|>=|<)\\s*(\"[^\"]*\"|\\d+)");

  private record Comparison(String property, String op, String value) {}

  @Test
  void everyPropertyTheGuardRowsReadIsAComponentOfTheKey() {
    Set<String> components = new TreeSet<>();
    for (RecordComponent c : GuardInput.class.getRecordComponents()) {
      components.add(c.getName());
    }
    Set<String> read = new TreeSet<>();
    comparisons().forEach(c -> read.add(c.property()));

    assertThat(read)
        .as("the shipped Guards rows read the breaker, the budget, the failures and the history")
        .contains(
            "breakerOpen",
            "budgetExhausted",
            "failuresLastHour",
            "playbookRuns",
            "playbookSuccessRate");
    assertThat(components).containsAll(read);
  }

  @Test
  void everyBucketAnswersEachRowLikeTheExactState() throws Exception {
    GuardBuckets buckets = SHIPPED_BUCKETS;
    assertThat(buckets.present()).isTrue();
    List<Comparison> comparisons = comparisons();
    assertThat(comparisons).hasSizeGreaterThanOrEqualTo(5);
    for (Comparison c : comparisons) {
      for (Object exact : valuesAround(c)) {
        StateFacts state = stateWith(c.property(), exact);
        GuardInput key = buckets.input("production", "AnyType", "retry_job", state);
        Object bucketed = GuardInput.class.getMethod(c.property()).invoke(key);
        assertThat(holds(c, bucketed))
            .as(
                "%s %s %s with the state at %s (key holds %s)",
                c.property(), c.op(), c.value(), exact, bucketed)
            .isEqualTo(holds(c, exact));
      }
    }
  }

  @Test
  void aCountFarAboveEveryThresholdIsTheSameKeyAsTheThresholdItself() {
    GuardBuckets buckets = SHIPPED_BUCKETS;
    StateFacts three = new StateFacts(false, null, 3, 3, 0, 0, false, 0, null, null);
    StateFacts storm = new StateFacts(false, null, 300, 3, 0, 0, false, 0, null, null);

    assertThat(buckets.input("production", "T", "retry_job", storm))
        .isEqualTo(buckets.input("production", "T", "retry_job", three));
  }

  private static GuardBuckets shippedBuckets() {
    List<WorkbookTables.Table> tables = new ArrayList<>();
    PolicyFiles.fromDirectory(ShippedPolicy.DIR)
        .workbooks()
        .forEach((file, bytes) -> tables.addAll(WorkbookTables.read(file, bytes)));
    return GuardBuckets.of(tables);
  }

  private static List<Comparison> comparisons() {
    List<Comparison> found = new ArrayList<>();
    for (String text : DRL.values()) {
      Matcher binding = BINDING.matcher(text);
      while (binding.find()) {
        String constraints = text.substring(binding.end(), text.indexOf(')', binding.end()));
        Matcher c = COMPARISON.matcher(constraints);
        while (c.find()) {
          found.add(new Comparison(c.group(1), c.group(2), c.group(3).replace("\"", "")));
        }
      }
    }
    return found;
  }

  /** Exact state values on both sides of the row's threshold, and far beyond it. */
  private static List<Object> valuesAround(Comparison c) {
    if (c.value().equals("yes") || c.value().equals("no")) {
      return List.of(true, false);
    }
    int n = Integer.parseInt(c.value());
    if (c.property().equals("playbookSuccessRate")) {
      return List.of(n - 0.1, (double) n, n + 0.1, 0.0, 100.0);
    }
    return List.of(n - 1, n, n + 1, n * 100);
  }

  /** A state where only the named fact differs from nothing-happened. */
  private static StateFacts stateWith(String property, Object value) throws Exception {
    RecordComponent[] components = StateFacts.class.getRecordComponents();
    Object[] values = new Object[components.length];
    boolean set = false;
    for (int i = 0; i < components.length; i++) {
      values[i] = components[i].getAccessor().invoke(StateFacts.NONE);
      if (components[i].getName().equals(property)) {
        values[i] = value;
        set = true;
      }
    }
    assertThat(set).as("the state fact %s the Guards rows read", property).isTrue();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    return StateFacts.class.getDeclaredConstructor(types).newInstance(values);
  }

  private static boolean holds(Comparison c, Object value) {
    if (value instanceof Boolean b) {
      value = b ? "yes" : "no";
    }
    if (value instanceof String s) {
      return c.op().equals("==") && s.equals(c.value());
    }
    double v = ((Number) value).doubleValue();
    double t = Double.parseDouble(c.value());
    return switch (c.op()) {
      case ">=" -> v >= t;
      case "<" -> v < t;
      default -> v == t;
    };
  }
}
