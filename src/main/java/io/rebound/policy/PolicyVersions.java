package io.rebound.policy;

import io.rebound.extract.FieldNames;
import io.rebound.extract.FieldNamesInForce;
import io.rebound.extract.FieldNamesSheet;
import io.rebound.policy.PolicyVersionStore.ActiveRef;
import io.rebound.policy.PolicyVersionStore.State;
import io.rebound.policy.PolicyVersionStore.StoredVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * The policy's life in the database: version 1 at first start, candidates, promotion, rollback, and
 * every node following the active version. The database is the only place a promotion happens; each
 * node (this one included) puts it in force by polling, so two nodes never disagree for longer than
 * one poll plus one compile.
 */
@Component
class PolicyVersions implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PolicyVersions.class);
  static final String SYSTEM = "rebound";

  private final PolicyEngine engine;
  private final PolicyVersionStore store;
  private final PolicyAudit audit;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final PolicyProperties properties;
  private final PolicyReplay replays;
  private final FieldNamesInForce fieldNames;

  /** Candidates compiled at upload, so a promotion swaps without compiling again. */
  private final Map<Integer, LoadedPolicy> compiled = new ConcurrentHashMap<>();

  /** Candidates that did not compile here, so the poll does not compile them again. */
  private final java.util.Set<Integer> notCompilable = ConcurrentHashMap.newKeySet();

  private ScheduledExecutorService poller;
  private volatile String lastSyncFailure;

  PolicyVersions(
      PolicyEngine engine,
      PolicyVersionStore store,
      PolicyAudit audit,
      PlatformTransactionManager transactions,
      ObjectMapper json,
      PolicyProperties properties,
      PolicyReplay replays,
      FieldNamesInForce fieldNames) {
    this.engine = engine;
    this.store = store;
    this.audit = audit;
    this.tx = new TransactionTemplate(transactions);
    this.json = json;
    this.properties = properties;
    this.replays = replays;
    this.fieldNames = fieldNames;
  }

  /** A stored candidate and what lint found in it. */
  record Candidate(StoredVersion version, PolicyLint.Report lint) {}

  /** A promotion or rollback was refused; {@code error} is a short code, detail says why. */
  static final class Refused extends RuntimeException {
    private final String error;
    private final transient Object lint;

    Refused(String error, String detail, Object lint) {
      super(detail);
      this.error = error;
      this.lint = lint;
    }

    String error() {
      return error;
    }

    Object lint() {
      return lint;
    }
  }

  /** No version with that number. */
  static final class NoSuchVersion extends RuntimeException {
    NoSuchVersion(int number) {
      super("There is no policy version " + number + "; GET /api/policy/versions lists them.");
    }
  }

  // ---- lifecycle: version 1 and polling ----

  @Override
  public void start() {
    storeFirstVersion();
    follow();
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "policy-version-poller");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(50, properties.pollInterval().toMillis());
    poller.scheduleWithFixedDelay(this::followQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }

  /** The policy this node started with becomes version 1, unless some node already stored one. */
  private void storeFirstVersion() {
    PolicyFiles files = engine.inForce().files();
    try {
      tx.executeWithoutResult(
          s -> {
            if (store.isEmpty()) {
              store.insert(1, files, State.ACTIVE, SYSTEM, "first start: " + files.origin(), null);
              audit.record(
                  SYSTEM,
                  "policy.first_version",
                  1,
                  Map.of("contentHash", files.version(), "from", files.origin()));
              log.info("Stored the policy in force ({}) as policy version 1", files.origin());
            }
          });
    } catch (DuplicateKeyException e) {
      // another node stored version 1 at the same moment; following it below is all we need
    }
  }

  private void followQuietly() {
    try {
      follow();
    } catch (RuntimeException e) {
      log.warn("Could not put the database's active policy version in force; next poll retries", e);
    }
  }

  /**
   * Puts the database's active version in force on this node if it is not already. A stored version
   * that no longer compiles (rules written for another Rebound release) is logged once and the
   * policy in force keeps serving.
   */
  synchronized void follow() {
    Optional<ActiveRef> active = store.active();
    if (active.isEmpty() || active.get().number() == engine.inForce().number()) {
      compileNewCandidateAhead();
      return;
    }
    int number = active.get().number();
    PolicyEngine.InForce outgoing = engine.inForce();
    if (outgoing.number() == 0 && active.get().contentHash().equals(outgoing.files().version())) {
      // first start, and the stored version is the policy this node already compiled: no compile
      engine.install(number, outgoing.files(), outgoing.policy());
      log.info("Policy version {} ({}) is in force", number, outgoing.files().version());
      return;
    }
    PolicyFiles files = store.files(number);
    try {
      FieldNames names = fieldNamesOf(files);
      LoadedPolicy policy = compiled.remove(number);
      engine.install(number, files, policy != null ? policy : compileWhileRunning(files));
      fieldNames.use(names);
      lastSyncFailure = null;
      if (outgoing.number() > 0) {
        keepCompiled(outgoing.number(), outgoing.policy()); // a rollback swaps back at once
      }
      log.info("Policy version {} ({}) is in force", number, files.version());
    } catch (InvalidPolicyException e) {
      if (!e.getMessage().equals(lastSyncFailure)) {
        lastSyncFailure = e.getMessage();
        log.error(
            "Policy version {} cannot be put in force; keeping the current one. {}",
            number,
            e.getMessage());
      }
    }
  }

  /**
   * The version's "Field names" sheet, which the extractor reads deliveries with once the version
   * is in force. Lint refuses a candidate whose sheet cannot be read; a stored one that still
   * cannot is not put in force, like a version that does not compile.
   */
  private static FieldNames fieldNamesOf(PolicyFiles files) {
    byte[] workbook = files.workbooks().get(PolicyFiles.TABLES + "/" + FieldNamesSheet.WORKBOOK);
    try {
      return workbook == null ? FieldNames.NONE : FieldNamesSheet.read(workbook);
    } catch (IllegalArgumentException e) {
      throw new InvalidPolicyException(files.origin(), List.of(e.getMessage()));
    }
  }

  /** Whether this node holds a compiled copy of a version, ready to swap in. */
  boolean holdsCompiled(int number) {
    return compiled.containsKey(number);
  }

  /**
   * Compiles one candidate another node stored (newest first) while nothing is to be swapped, so
   * that its promotion swaps here at once instead of after a compile: a 1,000-row table takes
   * seconds to compile, longer than the few seconds every node has to follow a promotion. A
   * candidate that does not compile is not tried again; promotion refuses it anyway.
   */
  private void compileNewCandidateAhead() {
    for (int number : store.newestCandidates(2)) {
      if (compiled.containsKey(number) || notCompilable.contains(number)) {
        continue;
      }
      try {
        keepCompiled(number, compile(store.files(number)));
      } catch (InvalidPolicyException e) {
        notCompilable.add(number);
      }
      return;
    }
  }

  /**
   * One compile at a time per JVM: Drools' KieRepository is process-wide, and two builds at once
   * (two test nodes in one JVM) once failed with "Rules compilation failed or interrupted".
   */
  private static final Object COMPILING = new Object();

  private static LoadedPolicy compile(PolicyFiles files) {
    synchronized (COMPILING) {
      return PolicyCompiler.compile(files);
    }
  }

  /**
   * Drools wires a KieBase on a worker pool and waits for it; on the loaded two-node test that wait
   * was interrupted once (origin not found), which cost a whole poll. One immediate retry, unless
   * this node is stopping.
   */
  private LoadedPolicy compileWhileRunning(PolicyFiles files) {
    try {
      return compile(files);
    } catch (RuntimeException e) {
      if (!causedByInterrupt(e) || !isRunning()) {
        throw e;
      }
      Thread.interrupted();
      log.warn("Compiling policy {} was interrupted; compiling it again", files.origin());
      return compile(files);
    }
  }

  private static boolean causedByInterrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /** A few compiled policies at most: each holds a KieBase of a few megabytes. */
  private void keepCompiled(int number, LoadedPolicy policy) {
    while (compiled.size() >= 4) {
      compiled.keySet().stream().min(Integer::compare).ifPresent(compiled::remove);
    }
    compiled.put(number, policy);
  }

  int inForceNumber() {
    return engine.inForce().number();
  }

  // ---- reading ----

  List<StoredVersion> list() {
    return store.list();
  }

  StoredVersion get(int number) {
    return store.find(number).orElseThrow(() -> new NoSuchVersion(number));
  }

  List<String> fileNames(int number) {
    get(number);
    return store.fileNames(number);
  }

  /** The exact bytes of one file, by its name in the folder ("playbooks.xlsx", "gates.drl"). */
  Optional<byte[]> file(int number, String name) {
    get(number);
    return store.file(number, PolicyUpload.pathOf(name));
  }

  // ---- candidates ----

  /**
   * Stores the active version with the given files replaced or added. Validation refuses a broken
   * candidate before anything is stored.
   *
   * @param changed file name ("playbooks.xlsx") to its bytes
   * @throws InvalidPolicyException naming each workbook, sheet and cell at fault
   */
  Candidate upload(Map<String, byte[]> changed, String message, String actor) {
    StoredVersion base = store.find(store.active().orElseThrow().number()).orElseThrow();
    Map<String, byte[]> merged = new TreeMap<>(store.files(base.number()).files());
    merged.putAll(changed);
    PolicyFiles files = new PolicyFiles("the uploaded candidate", merged);
    LoadedPolicy policy;
    try {
      policy = compile(files);
    } catch (InvalidPolicyException e) {
      tx.executeWithoutResult(
          s ->
              audit.record(
                  actor,
                  "policy.candidate_refused",
                  null,
                  Map.of("files", List.copyOf(changed.keySet()), "problems", e.problems())));
      throw e;
    }
    PolicyLint.Report lint = PolicyLint.lint(files);
    for (int attempt = 1; ; attempt++) {
      try {
        StoredVersion stored =
            tx.execute(
                s -> {
                  int number = store.nextNumber();
                  store.insert(number, files, State.CANDIDATE, actor, message, base.number());
                  store.saveLint(number, json.writeValueAsString(lint));
                  audit.record(
                      actor,
                      "policy.candidate_uploaded",
                      number,
                      Map.of(
                          "files", List.copyOf(changed.keySet()),
                          "basedOn", base.number(),
                          "contentHash", files.version()));
                  audit.record(actor, "policy.linted", number, lintSummary(lint));
                  return store.find(number).orElseThrow();
                });
        keepCompiled(stored.number(), policy);
        return new Candidate(stored, lint);
      } catch (DuplicateKeyException e) {
        if (attempt == 3) {
          throw e; // three nodes racing for one number: rare enough to let the caller retry
        }
      }
    }
  }

  private static Map<String, Object> lintSummary(PolicyLint.Report lint) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("errors", lint.errors().size());
    out.put("warnings", lint.warnings().size());
    return out;
  }

  PolicyLint.Report lintOf(int number, String actor) {
    get(number);
    PolicyLint.Report lint = PolicyLint.lint(store.files(number));
    tx.executeWithoutResult(s -> audit.record(actor, "policy.linted", number, lintSummary(lint)));
    return lint;
  }

  // ---- replay ----

  /**
   * What the version would change against the policy in force on this node, over the failures
   * recorded in [from, to). The report is stored with the version, so a promotion keeps it.
   */
  PolicyReplay.Report replay(
      int number, java.time.Instant from, java.time.Instant to, String actor) {
    get(number);
    LoadedPolicy candidate = compiled.get(number);
    if (candidate == null) {
      candidate = compile(store.files(number));
      keepCompiled(number, candidate);
    }
    PolicyEngine.InForce active = engine.inForce();
    PolicyReplay.Report report =
        replays.replay(number, candidate, active.number(), active.policy(), from, to);
    tx.executeWithoutResult(
        s -> {
          store.saveReplay(number, json.writeValueAsString(report));
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("from", from.toString());
          details.put("to", to.toString());
          details.put("against", active.number());
          details.put("facts", report.facts());
          details.put("changed", report.changed());
          audit.record(actor, "policy.replayed", number, details);
        });
    return report;
  }

  /** Which rows of the version's tables the failures recorded in [from, to) reach. */
  PolicyReplay.Coverage coverage(int number, java.time.Instant from, java.time.Instant to) {
    get(number);
    LoadedPolicy policy =
        engine.inForce().number() == number ? engine.inForce().policy() : compiled.get(number);
    PolicyFiles files = store.files(number);
    if (policy == null) {
      policy = compile(files);
      keepCompiled(number, policy);
    }
    return replays.coverage(number, policy, files, from, to);
  }

  // ---- promotion and rollback ----

  /**
   * Makes a candidate the active version; every node (this one before the call returns) puts it in
   * force.
   *
   * @throws Refused when the version is not a candidate or lint finds errors in it
   */
  StoredVersion promote(int number, String actor) {
    StoredVersion candidate = get(number);
    PolicyLint.Report lint = PolicyLint.lint(store.files(number));
    StoredVersion promoted =
        tx.execute(
            s -> {
              StoredVersion active = store.lockActive().orElseThrow();
              StoredVersion current = store.find(number).orElseThrow();
              if (current.state() != State.CANDIDATE) {
                throw new Refused(
                    "not_a_candidate",
                    "Version "
                        + number
                        + " is "
                        + current.state().name().toLowerCase(java.util.Locale.ROOT)
                        + ", not a candidate; upload the files again to make a new candidate.",
                    null);
              }
              if (!lint.errors().isEmpty()) {
                throw new Refused(
                    "lint_errors",
                    "Version "
                        + number
                        + " has "
                        + lint.errors().size()
                        + " lint error(s); fix them and upload again. The first: "
                        + lint.errors().get(0),
                    lint);
              }
              store.retire(active.number());
              store.activate(number, active.number());
              audit.record(
                  actor,
                  "policy.promoted",
                  number,
                  Map.of(
                      "previous", active.number(),
                      "contentHash", candidate.contentHash(),
                      "warnings", lint.warnings().size()));
              return store.find(number).orElseThrow();
            });
    follow();
    return promoted;
  }

  /** Promotions refused for lint errors are audited too: who tried, and why it was refused. */
  void recordRefusal(int number, String actor, Refused refused) {
    tx.executeWithoutResult(
        s ->
            audit.record(
                actor,
                "policy.promotion_refused",
                number,
                Map.of("reason", refused.error(), "detail", refused.getMessage())));
  }

  /**
   * Returns to the version that was active before the current one, in one step. Repeating it walks
   * further back.
   *
   * @throws Refused when the active version is the first one
   */
  StoredVersion rollback(String actor) {
    StoredVersion restored =
        tx.execute(
            s -> {
              StoredVersion active = store.lockActive().orElseThrow();
              Integer previous = active.previousActive();
              if (previous == null) {
                throw new Refused(
                    "nothing_to_roll_back",
                    "Version "
                        + active.number()
                        + " is the first active version; there is no earlier one to return to.",
                    null);
              }
              store.retire(active.number());
              store.activate(previous, null);
              audit.record(
                  actor,
                  "policy.rolled_back",
                  previous,
                  Map.of("from", active.number(), "to", previous));
              return store.find(previous).orElseThrow();
            });
    follow();
    return restored;
  }
}
