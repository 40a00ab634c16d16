package io.rebound.remediation;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.rebound.failure.FailureFact;
import io.rebound.failure.ResourceIds;
import io.rebound.incident.DecidedIncidents;
import io.rebound.incident.IncidentDecided;
import io.rebound.incident.RequestIds;
import io.rebound.policy.Decision;
import io.rebound.policy.DecisionService;
import io.rebound.policy.Playbook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a decided incident into a plan, once: the plan row is unique per incident, so a duplicate
 * or replayed delivery of the same decision finds it and stops. Then the gates: kill switch, mode
 * (dry-run, approve-all, auto) and the policy's approval flag.
 *
 * <p>The hand-off cannot be lost: the decision arrives inside the transaction that records it, and
 * all that happens there is a durable start record (a db-scheduler task whose id is the incident's)
 * written in that same transaction. The plan is made from the record once the decision is
 * committed, by whichever instance picks the task, and again after a crash until it exists.
 */
@Component
class PlanStarter {

  /** The start record: its instance id is the incident id, its data who asked for the plan. */
  static final TaskDescriptor<String> START =
      TaskDescriptor.of("remediation-plan-start", String.class);

  private static final Logger log = LoggerFactory.getLogger(PlanStarter.class);

  private final PlanStore store;
  private final PlanExecutor executor;
  private final StepTasks tasks;
  private final ApprovalGate gate;
  private final DecisionService decisions;
  private final KillSwitch killSwitch;
  private final IncidentGateway incidents;
  private final DecidedIncidents decided;
  private final SchedulerClient scheduler;
  private final RemediationProperties properties;
  private final TransactionTemplate tx;

  PlanStarter(
      PlanStore store,
      PlanExecutor executor,
      StepTasks tasks,
      ApprovalGate gate,
      DecisionService decisions,
      KillSwitch killSwitch,
      IncidentGateway incidents,
      DecidedIncidents decided,
      SchedulerClient remediationSchedulerClient,
      RemediationProperties properties,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.executor = executor;
    this.tasks = tasks;
    this.gate = gate;
    this.decisions = decisions;
    this.killSwitch = killSwitch;
    this.incidents = incidents;
    this.decided = decided;
    this.scheduler = remediationSchedulerClient;
    this.properties = properties;
    this.tx = new TransactionTemplate(transactions);
  }

  /**
   * Runs inside the deciding transaction (the scheduler client's data source joins it): writes the
   * start record and nothing else, so a batch of decisions stays quick and rolls back whole.
   */
  @EventListener
  void onDecided(IncidentDecided event) {
    if (!event.evaluation().decision().failure()) {
      return;
    }
    writeStartRecord(event.incidentId(), event.requestedBy());
  }

  /** Writes the start record unless the incident has one already; true if it wrote it. */
  boolean writeStartRecord(UUID incidentId, String requestedBy) {
    return scheduler.scheduleIfNotExists(
        START.instance(incidentId.toString()).data(requestedBy).scheduledTo(Instant.now()));
  }

  /**
   * Carries out a start record: makes the plan from the decision stored on the incident. Does
   * nothing when the incident has a plan or is no longer waiting for one (resolved or closed by
   * hand meanwhile), so running a record twice is harmless.
   */
  void startFromRecord(UUID incidentId, String requestedBy) {
    Optional<IncidentDecided> event = decided.awaitingRemediation(incidentId, requestedBy);
    if (event.isEmpty()) {
      log.info("Incident {} no longer waits for a plan; start record dropped", incidentId);
      return;
    }
    try (RequestIds.Scope scope = RequestIds.open(event.get().requestId())) {
      tx.executeWithoutResult(s -> start(event.get()));
    } catch (DuplicateKeyException alreadyPlanned) {
      log.info("Incident {} already has a plan; decision ignored", incidentId);
    }
  }

  /**
   * A start record failed every retry: the incident goes to a person with the reason, instead of
   * staying decided for ever.
   */
  void giveUp(UUID incidentId, String requestedBy, Throwable cause) {
    String why =
        "Rebound could not make a plan for this incident (its log has the error under this"
            + " incident id); a person must take it";
    log.error("No plan could be made for incident {}; escalating", incidentId, cause);
    try {
      Optional<IncidentDecided> event = decided.awaitingRemediation(incidentId, requestedBy);
      if (event.isPresent()) {
        tx.executeWithoutResult(
            s -> {
              if (!store.planExistsFor(incidentId)) {
                UUID planId = UUID.randomUUID();
                Mode mode = properties.modeFor(event.get().fact().environment().id());
                insertPlan(event.get(), planId, mode, PlanStatus.ESCALATED, why);
                tasks.outcome(planId);
              }
            });
        return;
      }
    } catch (RuntimeException unreadable) {
      log.warn("Incident {} could not be read back: {}", incidentId, unreadable.toString());
    }
    incidents.markEscalated(incidentId, why);
  }

  private void start(IncidentDecided event) {
    if (store.planExistsFor(event.incidentId())) {
      log.info("Incident {} already has a plan; decision ignored", event.incidentId());
      return;
    }
    FailureFact fact = event.fact();
    Decision decision = event.evaluation().decision();
    Playbook playbook = decision.playbook();
    String environment = fact.environment().id();
    Mode mode = properties.modeFor(environment);
    UUID planId = UUID.randomUUID();

    boolean remediable =
        decision.remediable()
            && playbook != null
            && playbook.action() != null
            && !StepSpec.ESCALATE.equals(playbook.action());
    if (!remediable) {
      insertPlan(event, planId, mode, PlanStatus.ESCALATED, humanReason(decision));
      tasks.outcome(planId);
      return;
    }
    List<StepSpec> steps =
        PlanBlueprint.stepsFor(
            decision.errorType(),
            playbook,
            fact,
            chained -> decisions.playbookFor(chained, fact.environment()),
            properties.maxChainDepth());
    Optional<String> implausible = implausibleTarget(steps);
    if (implausible.isPresent()) {
      insertPlan(event, planId, mode, PlanStatus.ESCALATED, implausible.get());
      tasks.outcome(planId);
      return;
    }
    String summary = summary(steps);

    if (!killSwitch.allowsActions()) {
      insertPlan(
          event, planId, mode, PlanStatus.ESCALATED, killSwitch.whyOff() + ". Planned: " + summary);
      store.insertSteps(planId, steps);
      tasks.outcome(planId);
      return;
    }
    if (mode == Mode.DRY_RUN) {
      insertPlan(
          event,
          planId,
          mode,
          PlanStatus.ESCALATED,
          "Dry-run mode: nothing was executed. Rebound would have run: " + summary);
      store.insertSteps(planId, steps);
      for (int i = 0; i < steps.size(); i++) {
        StepSpec step = steps.get(i);
        incidents.audit(
            event.incidentId(),
            "dryrun.would-perform",
            PlanExecutor.details(
                "step", i,
                "action", step.action(),
                "target", step.target(),
                "parameters", step.parameters(),
                "maxAttempts", step.maxAttempts(),
                "backoffSeconds", step.backoffSeconds(),
                "healthCheck", step.healthCheck()));
      }
      tasks.outcome(planId);
      return;
    }
    boolean needsApproval =
        mode == Mode.APPROVE_ALL
            || (mode == Mode.AUTO && (decision.approvalRequired() || steps.get(0).needsApproval()));
    if (needsApproval) {
      insertPlan(event, planId, mode, PlanStatus.AWAITING_APPROVAL, null);
      store.insertSteps(planId, steps);
      gate.park(
          planId,
          event.incidentId(),
          0,
          event.requestedBy(),
          mode == Mode.APPROVE_ALL
              ? "mode approve-all in " + environment
              : "the policy requires approval for " + steps.get(0).action(),
          summary);
      return;
    }
    insertPlan(event, planId, mode, PlanStatus.RUNNING, null);
    store.insertSteps(planId, steps);
    incidents.audit(
        event.incidentId(),
        "plan.created",
        PlanExecutor.details("plan", planId.toString(), "steps", summary, "mode", mode.id()));
    executor.startStep(planId, 0);
  }

  private void insertPlan(
      IncidentDecided event, UUID planId, Mode mode, PlanStatus status, String reason) {
    FailureFact fact = event.fact();
    Decision decision = event.evaluation().decision();
    Instant now = Instant.now();
    store.insertPlan(
        new Rows.Plan(
            planId,
            event.incidentId(),
            status,
            mode,
            event.requestedBy(),
            fact.environment().id(),
            fact.source().id(),
            decision.errorType(),
            decision.severity() == null ? null : decision.severity().id(),
            resourceLabel(fact),
            reason,
            null,
            now,
            now),
        event.requestId());
  }

  /**
   * No platform issues identifiers anywhere near this long (Databricks cluster ids are about 20
   * characters, ARM ids a few hundred); a longer one comes from a damaged or forged body.
   */
  static final int MAX_TARGET_ID = 1_000;

  /** Why a step's target cannot be acted on, when one of its identifiers is implausibly long. */
  static Optional<String> implausibleTarget(List<StepSpec> steps) {
    for (StepSpec step : steps) {
      for (Map.Entry<String, String> id : step.target().entrySet()) {
        if (id.getValue() != null && id.getValue().length() > MAX_TARGET_ID) {
          return Optional.of(
              "Needs a human: the alert names a "
                  + id.getKey()
                  + " of "
                  + id.getValue().length()
                  + " characters for "
                  + step.action()
                  + "; no platform issues identifiers that long, so Rebound did not act on it");
        }
      }
    }
    return Optional.empty();
  }

  private static String humanReason(Decision decision) {
    String why =
        decision.reasons().isEmpty()
            ? "the policy does not allow automatic remediation"
            : String.join("; ", decision.reasons());
    return "Needs a human: " + why;
  }

  /** One line an approver reads: what will be done, in order. */
  static String summary(List<StepSpec> steps) {
    List<String> parts = new ArrayList<>();
    for (StepSpec step : steps) {
      if (step.escalates()) {
        parts.add("escalate");
        continue;
      }
      String on = ActionCatalog.resourceOf(step.action(), step.target()).key();
      String tries = step.maxAttempts() > 1 ? " (up to " + step.maxAttempts() + " attempts)" : "";
      String prefix =
          step.kind() == StepSpec.StepKind.FALLBACK ? "else " : step.stageNo() > 0 ? "then " : "";
      parts.add(prefix + step.action() + " on " + on + tries);
    }
    return String.join(", ", parts);
  }

  static String resourceLabel(FailureFact fact) {
    ResourceIds r = fact.resource();
    Map<String, String> ids = PlanBlueprint.targetOf(r);
    String platform = fact.source().id();
    return platform
        + " "
        + ids.entrySet().stream()
            .filter(e -> !e.getKey().equals("azureResourceId"))
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }
}
