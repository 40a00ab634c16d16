package io.rebound.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rebound.failure.FailureFact;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real bodies with fields dropped, nulled, of the wrong type or out of range: every extractor
 * returns facts or says what it cannot read (UnreadablePayloadException), never anything else; and
 * the reader the webhooks use turns even that into an UnrecognisedAlert, never an exception.
 */
class MutatedBodiesPropertyTest {

  private static final List<CorpusCase> BODIES = corpus();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<JsonNode> ODD_VALUES =
      List.of(
          NODES.nullNode(),
          NODES.stringNode(""),
          NODES.stringNode("not a number"),
          NODES.stringNode("9999999999999999999999999"),
          NODES.numberNode(Long.MAX_VALUE),
          NODES.numberNode(-1L),
          NODES.numberNode(1e308),
          NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
          NODES.booleanNode(true),
          NODES.arrayNode(),
          NODES.objectNode(),
          NODES.arrayNode().add(NODES.nullNode()));

  private static List<CorpusCase> corpus() {
    try {
      return CorpusCase.all(CorpusTest.CORPUS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<Integer> bodies() {
    return Arbitraries.integers().between(0, BODIES.size() - 1);
  }

  @Property(tries = 1000)
  void aMutatedBodyIsReadOrRefusedInWordsNeverWithACrash(
      @ForAll("bodies") int which,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 6) int edits) {
    CorpusCase c = BODIES.get(which);
    JsonNode body = c.body().deepCopy();
    Random random = new Random(seed);
    for (int i = 0; i < edits; i++) {
      mutate(body, random);
    }
    Throwable thrown = catchThrowable(() -> CorpusCase.EXTRACTOR.extractAll(c.endpoint(), body));
    assertThat(thrown)
        .as("%s mutated with seed %d: %s", c.name(), seed, body)
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(),
            t -> assertThat(t).isInstanceOf(UnreadablePayloadException.class));
    List<FailureFact> facts = c.reader().extract(c.endpoint(), body);
    assertThat(facts).isNotEmpty();
    facts.forEach(fact -> assertThat(c.reader().enrich(fact).fact()).isNotNull());
  }

  /** Replaces, drops or retypes one member somewhere in the tree. */
  private static void mutate(JsonNode root, Random random) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    JsonNode odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
    if (target instanceof ObjectNode object && !object.isEmpty()) {
      List<String> names = new ArrayList<>(object.propertyNames());
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(3) == 0) {
        object.remove(name);
      } else {
        object.set(name, odd.deepCopy());
      }
    } else if (target instanceof ArrayNode array && !array.isEmpty()) {
      array.set(random.nextInt(array.size()), odd.deepCopy());
    }
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node.isContainer()) {
      into.add(node);
      for (JsonNode child : node) {
        collect(child, into);
      }
    }
  }
}
