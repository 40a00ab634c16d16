package io.rebound.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.RawHttp;
import io.rebound.ReboundApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-based fuzzing of every webhook and API endpoint over real HTTP against a running server
 * on H2: any bytes, any JSON, deep nesting, huge strings, invalid UTF-8, mutated real bodies, odd
 * methods, paths, queries and headers. Whatever arrives: never a 5xx, never a stack trace or a Java
 * type name in the answer, every error in the JSON error shape, and every delivery answered 202 is
 * in the inbox with the exact bytes sent.
 *
 * <p>jqwik runs outside Spring's test extension, so the server is started here once for the class,
 * on a random port, as {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} would.
 */
class HttpFuzzIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Map<String, String> SECRETS =
      Map.ofEntries(
          Map.entry("azure-monitor", "fuzz-azure-monitor"),
          Map.entry("databricks", "fuzz-databricks"),
          Map.entry("synapse", "fuzz-synapse"),
          Map.entry("azure-functions", "fuzz-functions"),
          Map.entry("github", "fuzz-github"),
          Map.entry("gitlab", "fuzz-gitlab"),
          Map.entry("jenkins", "fuzz-jenkins"),
          Map.entry("azure-devops", "fuzz-devops"),
          Map.entry("circleci", "fuzz-circleci"),
          Map.entry("generic", "fuzz-generic"),
          Map.entry("jira", "fuzz-jira"));

  /** What must never be in an answer unless the request itself carried it (echoed input). */
  private static final List<String> INTERNALS =
      List.of(
          "java.",
          "javax.",
          "jakarta.",
          "Exception",
          "com.fasterxml",
          "tools.jackson",
          "org.springframework",
          "org.apache",
          "org.h2",
          "io.rebound",
          "StreamReadConstraints",
          ".java:");

  /** A stack frame, which no echo of a request could produce. */
  private static final Pattern STACK_FRAME =
      Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\n\\s+at [\\w$]+\\.");

  private static final List<String> WEBHOOK_PATHS =
      Stream.concat(
              Stream.of(WebhookEndpoint.values()).map(e -> "/webhooks/" + e.id()),
              Stream.of("/azure-monitor", "/databricks-monitor"))
          .toList();

  private static final List<String> API_PATHS =
      List.of(
          "/api/incidents",
          "/api/incidents/" + UUID.randomUUID(),
          "/api/incidents/not-an-id",
          "/api/deliveries",
          "/api/deliveries/refused",
          "/api/deliveries/" + UUID.randomUUID(),
          "/api/deliveries/" + UUID.randomUUID() + "/replay",
          "/api/deliveries/x/replay",
          "/api/audit",
          "/api/stats",
          "/api/decisions/evaluate",
          "/api/approvals",
          "/api/approvals/" + UUID.randomUUID() + "/approve",
          "/api/approvals/" + UUID.randomUUID() + "/reject",
          "/api/approvals/nope/approve",
          "/api/remediation/plans/" + UUID.randomUUID(),
          "/api/remediation/plans/nope",
          "/api/remediation/kill-switch",
          "/api/circuit-breakers",
          "/api/circuit-breakers/databricks/reset",
          "/api/circuit-breakers/x%20y/reset",
          "/api/policy/reload",
          "/api/admin/anything",
          "/actuator/health",
          "/actuator/info",
          "/actuator/env",
          "/error",
          "/",
          "/index.html",
          "/nothing");

  private static final Path PAYLOADS = Path.of("src", "test", "resources", "shared", "payloads");

  private static ConfigurableApplicationContext server;
  private static int port;
  private static JdbcClient jdbc;

  @BeforeContainer
  static void startServer() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("server.address", "127.0.0.1");
    properties.put(
        "spring.datasource.url",
        "jdbc:h2:mem:http-fuzz;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    properties.put("rebound.security.generated-secrets-file", "target/http-fuzz/secrets");
    properties.put(
        "rebound.security.api-tokens",
        "viewer:fuzz-viewer,operator:fuzz-operator,approver:fuzz-approver,admin:fuzz-admin");
    SECRETS.forEach((id, secret) -> properties.put("rebound.webhooks." + id + ".secret", secret));
    // processing is not what is fuzzed here: a stub Databricks that is never there answers fast
    properties.put("rebound.databricks.host", "http://127.0.0.1:9");
    properties.put("rebound.databricks.token", "fuzz");
    properties.put("rebound.connector.connect-timeout", "200ms");
    properties.put("rebound.remediation.mode", "dry-run");
    // as arguments: default properties would lose to application.yml's ${…:} placeholders
    server =
        new SpringApplicationBuilder(ReboundApplication.class)
            .run(
                properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    jdbc = server.getBean(JdbcClient.class);
  }

  @AfterContainer
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  // ---- webhooks ------------------------------------------------------------------------------

  /** The properties below mean something only if a real body gets in. */
  @Example
  void everyRealBodyPostedAsIsIsTakenIn() {
    for (RealBody real : realBodies().allValues().orElseThrow().toList()) {
      postAndCheck(real.path(), real.bytes(), true, "application/json");
    }
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM delivery WHERE http_status = 202")
                .query(Long.class)
                .single())
        .isGreaterThanOrEqualTo(20);
  }

  @Property(tries = 200)
  void anyBytesToAnyWebhook(
      @ForAll("webhookPaths") String path,
      @ForAll("anyBytes") byte[] body,
      @ForAll boolean authenticated,
      @ForAll("contentTypes") String contentType) {
    postAndCheck(path, body, authenticated, contentType);
  }

  @Property(tries = 200)
  void anyJsonToAnyWebhook(
      @ForAll("webhookPaths") String path,
      @ForAll("anyJson") String body,
      @ForAll boolean authenticated) {
    postAndCheck(path, body.getBytes(StandardCharsets.UTF_8), authenticated, "application/json");
  }

  @Property(tries = 200)
  void mutatedRealBodies(
      @ForAll("realBodies") RealBody real,
      @ForAll("mutations") List<Mutation> mutations,
      @ForAll @IntRange(min = 0, max = 1) int toOtherPath) {
    JsonNode tree = JSON.readTree(real.bytes());
    for (Mutation m : mutations) {
      tree = m.applyTo(tree);
    }
    String path = toOtherPath == 1 ? "/webhooks/generic" : real.path();
    postAndCheck(path, JSON.writeValueAsBytes(tree), true, "application/json");
  }

  @Property(tries = 200)
  void realBodiesCutOrWithAByteChanged(
      @ForAll("realBodies") RealBody real,
      @ForAll @IntRange(min = 0, max = 1_000_000) int at,
      @ForAll byte value,
      @ForAll boolean cut) {
    byte[] bytes = real.bytes().clone();
    int position = at % bytes.length;
    byte[] body = cut ? Arrays.copyOf(bytes, position) : bytes;
    if (!cut) {
      body[position] = value;
    }
    postAndCheck(real.path(), body, true, "application/json");
  }

  @Property(tries = 50)
  void deepNesting(
      @ForAll("webhookPaths") String path,
      @ForAll @IntRange(min = 1, max = 10_000) int depth,
      @ForAll boolean objects,
      @ForAll boolean closed,
      @ForAll boolean authenticated) {
    String open = objects ? "{\"a\":" : "[";
    String close = objects ? "}" : "]";
    String body = open.repeat(depth) + (objects ? "1" : "") + (closed ? close.repeat(depth) : "");
    postAndCheck(path, body.getBytes(StandardCharsets.UTF_8), authenticated, "application/json");
  }

  @Property(tries = 20)
  void hugeStrings(
      @ForAll("webhookPaths") String path,
      @ForAll @IntRange(min = 60_000, max = 1_600_000) int length,
      @ForAll boolean authenticated) {
    String body = "{\"data\":{\"essentials\":{\"alertRule\":\"" + "x".repeat(length) + "\"}}}";
    postAndCheck(path, body.getBytes(StandardCharsets.UTF_8), authenticated, "application/json");
  }

  @Property(tries = 200)
  void invalidUtf8InsideRealBodies(
      @ForAll("realBodies") RealBody real,
      @ForAll @IntRange(min = 0, max = 1_000_000) int at,
      @ForAll("invalidUtf8") byte[] garbage) {
    byte[] bytes = real.bytes();
    int position = at % bytes.length;
    byte[] body = new byte[bytes.length + garbage.length];
    System.arraycopy(bytes, 0, body, 0, position);
    System.arraycopy(garbage, 0, body, position, garbage.length);
    System.arraycopy(bytes, position, body, position + garbage.length, bytes.length - position);
    postAndCheck(real.path(), body, true, "application/json");
  }

  // ---- any endpoint: methods, paths, queries, headers -----------------------------------------

  @Property(tries = 200)
  void oddMethodsPathsQueriesAndHeaders(
      @ForAll("methods") String method,
      @ForAll("anyPath") String path,
      @ForAll("queries") String query,
      @ForAll("headerSets") Map<String, String> headers,
      @ForAll("smallBodies") byte[] body) {
    String target = query.isEmpty() ? path : path + "?" + query;
    RawHttp.Answer answer =
        new RawHttp(port).send(method, target, headers, body.length == 0 ? null : body);
    String request = method + " " + target + "\n" + headers + "\n" + text(body);
    checkAnswer(answer, request, !method.equals("HEAD"));
  }

  @Property(tries = 200)
  void anyJsonToEveryApiThatTakesABody(
      @ForAll("bodyEndpoints") String[] methodPathToken,
      @ForAll("anyJson") String body,
      @ForAll boolean wrapAsWhatIf) {
    String sent = wrapAsWhatIf ? "{\"source\":\"azure-monitor\",\"payload\":" + body + "}" : body;
    RawHttp.Answer answer =
        new RawHttp(port)
            .send(
                methodPathToken[0],
                methodPathToken[1],
                Map.of(
                    "Authorization",
                    "Bearer " + methodPathToken[2],
                    "Content-Type",
                    "application/json"),
                sent.getBytes(StandardCharsets.UTF_8));
    checkAnswer(answer, sent, true);
  }

  /**
   * Every real body, Databricks ones included: a missing field, a null or a wrong type is read
   * where it is read (a task without "result_state" is unfinished, a cluster event without "type"
   * is not a termination), and a body that still cannot be read is an UnrecognisedAlert, never a
   * 500.
   */
  @Property(tries = 200)
  void mutatedRealBodiesToTheWhatIfApi(
      @ForAll("realBodies") RealBody real, @ForAll("mutations") List<Mutation> mutations) {
    JsonNode tree = JSON.readTree(real.bytes());
    for (Mutation m : mutations) {
      tree = m.applyTo(tree);
    }
    ObjectNode request = JSON.createObjectNode();
    request.put("source", real.source());
    request.set("payload", tree);
    byte[] sent = JSON.writeValueAsBytes(request);
    RawHttp.Answer answer =
        new RawHttp(port)
            .send(
                "POST",
                "/api/decisions/evaluate",
                Map.of("Authorization", "Bearer fuzz-operator", "Content-Type", "application/json"),
                sent);
    checkAnswer(answer, text(sent), true);
  }

  // ---- checks --------------------------------------------------------------------------------

  private static void postAndCheck(
      String path, byte[] body, boolean authenticated, String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    if (authenticated) {
      headers.putAll(credentials(path, body));
    }
    RawHttp.Answer answer = new RawHttp(port).send("POST", path, headers, body);
    checkAnswer(answer, text(body), true);
    JsonNode json = JSON.readTree(answer.body());
    if (answer.status() == 202) {
      UUID id = UUID.fromString(json.path("deliveryId").asString());
      byte[] stored =
          jdbc.sql("SELECT body FROM delivery WHERE id = ?")
              .param(id)
              .query((rs, n) -> rs.getBytes(1))
              .optional()
              .orElseThrow(() -> new AssertionError("202 but not in the inbox: " + id));
      assertThat(stored).as("stored body of %s", id).isEqualTo(body);
    } else if (authenticated) {
      assertThat(answer.status()).as(answer.body()).isNotEqualTo(401);
    } else {
      assertThat(answer.status()).as(answer.body()).isIn(401, 413);
      assertThat(json.has("deliveryId")).as("an unauthenticated request is not stored").isFalse();
    }
  }

  /**
   * Never a 5xx, never internals; an error answer with a body is the JSON error shape.
   *
   * @param request what was sent, as text: an answer may echo it, not add internals to it
   */
  private static void checkAnswer(RawHttp.Answer answer, String request, boolean expectBody) {
    String context = answer.head() + "\n\n" + abbreviate(answer.body());
    assertThat(answer.status()).as("no answer at all: %s", context).isNotZero();
    assertThat(answer.status()).as(context).isLessThan(500);
    assertThat(STACK_FRAME.matcher(answer.body()).find()).as(context).isFalse();
    if (answer.status() < 400) {
      return; // a what-if result quotes the platform's own error text, Java names and all
    }
    for (String internal : INTERNALS) {
      if (!request.contains(internal)) {
        assertThat(answer.body()).as(context).doesNotContain(internal);
      }
    }
    if (expectBody && !answer.body().isEmpty()) {
      assertThat(answer.head()).as(context).containsIgnoringCase("application/json");
      JsonNode json = JSON.readTree(answer.body());
      assertThat(json.path("error").asString()).as(context).isNotBlank();
      // one error shape on every endpoint: {"error", "detail"}
      assertThat(json.path("detail").asString()).as(context).isNotBlank();
    }
  }

  private static Map<String, String> credentials(String path, byte[] body) {
    String id =
        switch (path) {
          case "/azure-monitor" -> "azure-monitor";
          case "/databricks-monitor" -> "databricks";
          default -> path.substring("/webhooks/".length());
        };
    String secret = SECRETS.get(id);
    return switch (id) {
      case "github" ->
          Map.of(
              "X-Hub-Signature-256",
              "sha256=" + HexFormat.of().formatHex(WebhookAuthenticator.hmacSha256(secret, body)),
              "X-GitHub-Event",
              "workflow_run");
      case "gitlab" -> Map.of("X-Gitlab-Token", secret);
      case "jira" ->
          Map.of(
              "X-Hub-Signature",
              "sha256=" + HexFormat.of().formatHex(WebhookAuthenticator.hmacSha256(secret, body)));
      default -> Map.of("X-Api-Key", secret);
    };
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
  }

  // ---- generators ----------------------------------------------------------------------------

  @Provide
  Arbitrary<String> webhookPaths() {
    return Arbitraries.of(WEBHOOK_PATHS);
  }

  @Provide
  Arbitrary<byte[]> anyBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
  }

  @Provide
  Arbitrary<byte[]> smallBodies() {
    return Arbitraries.oneOf(
        Arbitraries.just(new byte[0]),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(256),
        anyJson().map(s -> s.getBytes(StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<byte[]> invalidUtf8() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            new byte[] {(byte) 0xff},
            new byte[] {(byte) 0xc3},
            new byte[] {(byte) 0xe2, (byte) 0x82},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {0}),
        Arbitraries.bytes()
            .between((byte) 0x80, (byte) 0xff)
            .array(byte[].class)
            .ofMinSize(1)
            .ofMaxSize(8));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of(
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=utf-16",
        "application/json; charset=bogus",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/xml",
        "*/*",
        "}{",
        "");
  }

  @Provide
  Arbitrary<String> anyJson() {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(40).map(HttpFuzzIntegrationTest::quoted),
            Arbitraries.of(
                "null",
                "true",
                "false",
                "0",
                "-1",
                "1e309",
                "-0.0",
                "123456789012345678901234567890",
                "\"\"",
                "\"2025-03-14T02:00:00Z\"",
                "\"Failed\"",
                "\"Fired\"",
                "\"Resolved\""),
            Arbitraries.longs().map(String::valueOf),
            Arbitraries.doubles()
                .map(String::valueOf)
                .filter(s -> !s.contains("N") && !s.contains("I")));
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                leaf,
                inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"),
                Arbitraries.maps(keys(), inner)
                    .ofMaxSize(5)
                    .map(
                        fields -> {
                          List<String> members = new ArrayList<>();
                          fields.forEach((k, v) -> members.add(quoted(k) + ":" + v));
                          return "{" + String.join(",", members) + "}";
                        })),
        0,
        4);
  }

  private static Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "schemaId",
            "data",
            "essentials",
            "alertContext",
            "monitorCondition",
            "alertRule",
            "firedDateTime",
            "properties",
            "condition",
            "allOf",
            "job",
            "run",
            "run_id",
            "job_id",
            "event_type",
            "cluster_id",
            "state",
            "result_state",
            "termination_reason",
            "object_kind",
            "object_attributes",
            "workflow_run",
            "conclusion",
            "status",
            "action",
            "repository",
            "source",
            "payload",
            "fact",
            "enabled"),
        Arbitraries.strings().all().ofMaxLength(12));
  }

  private static String quoted(String value) {
    return JSON.writeValueAsString(value);
  }

  /** A real body and where a platform would send it. */
  record RealBody(String file, String path, String source, byte[] bytes) {
    @Override
    public String toString() {
      return file + " → " + path;
    }
  }

  @Provide
  Arbitrary<RealBody> realBodies() {
    try (Stream<Path> files = Files.walk(PAYLOADS)) {
      List<RealBody> bodies =
          files
              .filter(f -> f.toString().endsWith(".json"))
              .filter(f -> !f.toString().endsWith(".headers.json"))
              .sorted()
              .map(HttpFuzzIntegrationTest::realBody)
              .toList();
      return Arbitraries.of(bodies);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RealBody realBody(Path file) {
    String name = PAYLOADS.relativize(file).toString().replace('\\', '/');
    String path;
    if (name.startsWith("azure-monitor/")) {
      path = "/webhooks/azure-monitor";
    } else if (name.startsWith("databricks/")) {
      path = "/webhooks/databricks";
    } else if (name.startsWith("cicd/github")) {
      path = "/webhooks/github";
    } else if (name.startsWith("cicd/gitlab")) {
      path = "/webhooks/gitlab";
    } else if (name.contains("databricks")) {
      path = "/databricks-monitor";
    } else {
      path = "/azure-monitor";
    }
    String source =
        switch (path) {
          case "/azure-monitor" -> "azure-monitor";
          case "/databricks-monitor" -> "databricks";
          default -> path.substring("/webhooks/".length());
        };
    try {
      return new RealBody(name, path, source, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One change to a JSON tree: at the n-th value (depth first), replace or remove it. */
  record Mutation(int target, String kind, String replacement) {

    JsonNode applyTo(JsonNode root) {
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      if (containers.isEmpty()) {
        return JSON.readTree(replacement);
      }
      JsonNode container = containers.get(target % containers.size());
      if (container instanceof ObjectNode object && !object.isEmpty()) {
        List<String> names = new ArrayList<>(object.propertyNames());
        String name = names.get(target % names.size());
        if (kind.equals("remove")) {
          object.remove(name);
        } else {
          object.set(name, JSON.readTree(replacement));
        }
      } else if (container instanceof ArrayNode array && !array.isEmpty()) {
        int index = target % array.size();
        if (kind.equals("remove")) {
          array.remove(index);
        } else {
          array.set(index, JSON.readTree(replacement));
        }
      }
      return root;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
      if (node.isContainer()) {
        containers.add(node);
        for (JsonNode child : node) {
          collect(child, containers);
        }
      }
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<String> replacements =
        Arbitraries.oneOf(
            Arbitraries.of(
                "null",
                "\"\"",
                "0",
                "-1",
                "true",
                "[]",
                "{}",
                "[null]",
                "{\"\":null}",
                "1e309",
                "\"not-a-date\"",
                "\"" + "x".repeat(5000) + "\"",
                "\"\\u0000\"",
                "\"💥\""),
            anyJson());
    return Combinators.combine(
            Arbitraries.integers().between(0, 100_000),
            Arbitraries.of("replace", "replace", "remove"),
            replacements)
        .as(Mutation::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of(
        "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "BREW");
  }

  @Provide
  Arbitrary<String> anyPath() {
    return Arbitraries.oneOf(
        Arbitraries.of(API_PATHS),
        Arbitraries.of(WEBHOOK_PATHS),
        Combinators.combine(
                Arbitraries.of(WEBHOOK_PATHS).injectDuplicates(0.1),
                Arbitraries.of("/x", "/%ff", "/%zz", "/..", "/%2e%2e", "//", "/;a=b", "/%00", "/é"))
            .as(String::concat));
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> name =
        Arbitraries.of(
            "status",
            "source",
            "from",
            "to",
            "page",
            "size",
            "errorType",
            "environment",
            "incidentId",
            "resource",
            "action",
            "limit",
            "token",
            "x",
            "%ff",
            "");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "%ff",
                "%zz",
                "%",
                "%e2%82",
                "50%",
                "-1",
                "99999999999999999999",
                "2025-03-14T02:00:00Z",
                "open",
                "azure-monitor",
                "%2e%2e%2f",
                "a+b",
                "%00"),
            Arbitraries.strings()
                .all()
                .ofMaxLength(20)
                .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)));
    return Combinators.combine(name, value)
        .as((n, v) -> n + "=" + v)
        .list()
        .ofMaxSize(4)
        .map(pairs -> String.join("&", pairs));
  }

  @Provide
  Arbitrary<Map<String, String>> headerSets() {
    Arbitrary<Map.Entry<String, String>> header =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "application/json",
                    "application/json; charset=utf-16",
                    "application/json; charset=bogus",
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/xml",
                    "}{",
                    "")
                .map(v -> Map.entry("Content-Type", v)),
            Arbitraries.of(
                    "application/xml", "text/html", "image/png", "*/*", "application/json;q=0", "")
                .map(v -> Map.entry("Accept", v)),
            Arbitraries.of(
                    "Bearer fuzz-viewer",
                    "Bearer fuzz-operator",
                    "Bearer fuzz-admin",
                    "Bearer wrong",
                    "Bearer ",
                    "bearer fuzz-admin",
                    "Basic YWRtaW46YWRtaW4=",
                    "Bearer " + "a".repeat(4000),
                    "")
                .map(v -> Map.entry("Authorization", v)),
            Arbitraries.of("fuzz-generic", "wrong", "", "x".repeat(2000))
                .map(v -> Map.entry("X-Api-Key", v)),
            Arbitraries.of("gzip", "deflate", "br", "identity", "bogus")
                .map(v -> Map.entry("Content-Encoding", v)),
            Arbitraries.of("sha256=", "sha256=zz", "sha1=abc", "sha256=" + "0".repeat(64))
                .map(v -> Map.entry("X-Hub-Signature-256", v)),
            Arbitraries.of("bytes=0-1", "bytes=-5", "lines=1").map(v -> Map.entry("Range", v)),
            Arbitraries.of("1.2.3.4", "unknown, ::1", "<script>")
                .map(v -> Map.entry("X-Forwarded-For", v)),
            Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(30)
                .map(v -> Map.entry("X-Fuzz", v)));
    return header
        .list()
        .ofMaxSize(5)
        .map(
            entries -> {
              Map<String, String> headers = new LinkedHashMap<>();
              entries.forEach(e -> headers.put(e.getKey(), e.getValue()));
              return headers;
            });
  }

  @Provide
  Arbitrary<String[]> bodyEndpoints() {
    return Arbitraries.of(
        new String[] {"POST", "/api/decisions/evaluate", "fuzz-operator"},
        new String[] {"PUT", "/api/remediation/kill-switch", "fuzz-admin"},
        new String[] {"POST", "/api/approvals/" + UUID.randomUUID() + "/approve", "fuzz-approver"},
        new String[] {"POST", "/api/approvals/" + UUID.randomUUID() + "/reject", "fuzz-approver"},
        new String[] {"POST", "/api/deliveries/" + UUID.randomUUID() + "/replay", "fuzz-operator"},
        new String[] {"POST", "/api/circuit-breakers/databricks/reset", "fuzz-operator"},
        new String[] {"POST", "/api/policy/reload", "fuzz-admin"});
  }
}
