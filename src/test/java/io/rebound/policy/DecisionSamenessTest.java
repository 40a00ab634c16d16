package io.rebound.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.failure.Environment;
import io.rebound.failure.ErrorCodes;
import io.rebound.failure.ErrorTypes;
import io.rebound.failure.FailureFact;
import io.rebound.failure.FailureType;
import io.rebound.failure.Outcome;
import io.rebound.failure.ResourceIds;
import io.rebound.failure.ResourceKind;
import io.rebound.failure.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A change to how the policy is evaluated or laid out must not change a single decision: 5,000
 * seeded random facts (codes from the classification and library workbooks in any field, messages
 * around every phrase, nulls and noise) and the playbook of every error type in every environment
 * are decided by the rules alone and compared, line by line, with what the policy of commit c9b6725
 * decided (decision, reasons and explanation; src/test/resources/policy/sameness/).
 *
 * <p>To re-record after an intended change of the policy itself (not of the engine), run this test
 * with {@code -Drebound.sameness.record=true} and say in the commit which decisions changed and
 * why.
 */
class DecisionSamenessTest {

  private static final Path GOLDEN =
      Path.of("src/test/resources/policy/sameness/decisions-5000.txt.gz");
  private static final long SEED = 20_261_203L;
  private static final int FACTS = 5_000;

  @Test
  void everyDecisionIsTheSameAsBeforeTheEngineChanged() throws IOException {
    List<FailureFact> facts = randomFacts();
    List<String> now = decideAll(ShippedPolicy.ENGINE, facts);
    if (Boolean.getBoolean("rebound.sameness.record")) {
      write(now);
    }
    List<String> before = read();
    assertThat(now).hasSameSizeAs(before);
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < before.size() && differences.size() < 5; i++) {
      if (!before.get(i).equals(now.get(i))) {
        String fact = i < facts.size() ? facts.get(i).toString() : "(playbook lookup)";
        differences.add(
            "line "
                + (i + 1)
                + ", "
                + fact
                + "\n  before: "
                + before.get(i)
                + "\n  now:    "
                + now.get(i));
      }
    }
    assertThat(differences).as("decisions that changed").isEmpty();
  }

  /**
   * Policy versions stored in the database before this engine change (rank numbers in hidden rows,
   * no lookup rule, the old approval layout) must still load and decide exactly as they did.
   */
  @Test
  void aPolicyVersionStoredBeforeTheChangeStillDecidesTheSame() throws IOException {
    Path stored = Path.of("src/test/resources/policy/sameness/c9b6725");
    List<FailureFact> facts = randomFacts();

    List<String> now = decideAll(PolicyEngine.fromDirectory(stored), facts);

    assertThat(now).isEqualTo(read());
  }

  /** One line per fact, in order: its decision and explanation; then every playbook lookup. */
  static List<String> decideAll(PolicyEngine engine, List<FailureFact> facts) {
    List<String> lines = new ArrayList<>();
    for (FailureFact fact : facts) {
      Evaluation e = engine.evaluateWithoutMemo(fact);
      lines.add(e.decision() + " | " + e.explanation());
    }
    for (String type : new TreeSet<>(ErrorTypes.all())) {
      for (Environment env : Environment.values()) {
        lines.add("playbook " + type + " " + env.id() + " => " + engine.playbookFor(type, env));
      }
    }
    return lines;
  }

  static List<FailureFact> randomFacts() {
    Random random = new Random(SEED);
    List<String> codes = new ArrayList<>(new TreeSet<>(CodesAndPhrases.CODES));
    List<String> phrases = CodesAndPhrases.PHRASES;
    List<FailureFact> facts = new ArrayList<>(FACTS);
    Source[] sources = Source.values();
    Environment[] environments = Environment.values();
    Outcome[] outcomes = Outcome.values();
    for (int i = 0; i < FACTS; i++) {
      ErrorCodes c =
          new ErrorCodes(
              code(random, codes),
              code(random, codes),
              code(random, codes),
              code(random, codes),
              code(random, codes),
              code(random, codes),
              null,
              code(random, codes),
              httpStatus(random),
              code(random, codes));
      String library = random.nextInt(7) == 0 ? pick(random, LIBRARIES) : null;
      facts.add(
          new FailureFact(
              sources[random.nextInt(sources.length)],
              environments[random.nextInt(environments.length)],
              ResourceKind.OTHER,
              random.nextInt(4) == 0 ? outcomes[random.nextInt(outcomes.length)] : Outcome.FAILED,
              ResourceIds.NONE,
              c,
              message(random, phrases),
              FailureType.UNKNOWN,
              Instant.parse("2026-11-20T03:12:00Z"),
              library == null ? Map.of() : Map.of("library", library)));
    }
    return facts;
  }

  private static final List<String> LIBRARIES =
      List.of(
          "pandas==2.1.4", "pandas==2.0.3", "com.acme:etl-core:1.2", "numpy", "pyarrow==14.0.2");

  /** Mostly absent, as in real bodies; otherwise a code a table knows, in any case, or noise. */
  private static String code(Random random, List<String> codes) {
    int roll = random.nextInt(11);
    if (roll < 6) {
      return null;
    }
    if (roll < 9) {
      return pick(random, codes);
    }
    if (roll < 10) {
      return pick(random, codes).toLowerCase(Locale.ROOT);
    }
    return pick(random, List.of("", " ", "UNKNOWN_CODE", "9999"));
  }

  private static Integer httpStatus(Random random) {
    int roll = random.nextInt(8);
    if (roll < 5) {
      return null;
    }
    if (roll < 7) {
      return pick(random, List.of(400, 401, 403, 404, 408, 429, 500, 502, 503, 504));
    }
    return 100 + random.nextInt(500);
  }

  private static String message(Random random, List<String> phrases) {
    int roll = random.nextInt(13);
    if (roll < 3) {
      return null;
    }
    if (roll < 6) {
      return "";
    }
    if (roll < 8) {
      return noise(random);
    }
    String text = noise(random) + " " + phrase(random, phrases) + " " + noise(random);
    return random.nextInt(10) < 3 ? text + " " + phrase(random, phrases) : text;
  }

  private static String phrase(Random random, List<String> phrases) {
    String p = pick(random, phrases).replace("*", "abc");
    return switch (random.nextInt(5)) {
      case 0 -> p.toUpperCase(Locale.ROOT);
      case 1 -> p.toLowerCase(Locale.ROOT);
      case 2 -> p + "s";
      case 3 -> "x" + p;
      default -> p;
    };
  }

  private static String noise(Random random) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ :";
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(21);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static List<String> read() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(GOLDEN));
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }

  private static void write(List<String> lines) throws IOException {
    Files.createDirectories(GOLDEN.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(GOLDEN));
        PrintWriter writer =
            new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      lines.forEach(writer::println);
    }
  }

  /**
   * The codes and phrases the facts are made of, frozen here rather than read from the workbooks: a
   * layout change of a workbook must not change the facts this test decides.
   */
  static final class CodesAndPhrases {
    static final List<String> CODES = lines("codes.txt");
    static final List<String> PHRASES = lines("phrases.txt");

    private static List<String> lines(String name) {
      try (InputStream in =
          DecisionSamenessTest.class.getResourceAsStream("/policy/sameness/" + name)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      } catch (IOException | NullPointerException e) {
        throw new IllegalStateException("policy/sameness/" + name + " is missing", e);
      }
    }
  }
}
