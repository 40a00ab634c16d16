package io.rebound.remediation;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Breaker state for on-call, and a reset once the platform is healthy again. The state is read from
 * the database, so every instance answers the same. /api/circuit-breakers is the documented
 * resource; /api/breakers is the same resource under its short name.
 */
@RestController
@RequestMapping({"/api/circuit-breakers", "/api/breakers"})
class CircuitBreakerController {

  private final Breakers breakers;

  CircuitBreakerController(Breakers breakers) {
    this.breakers = breakers;
  }

  @GetMapping
  List<BreakerView> list() {
    return breakers.all().stream().map(BreakerView::of).toList();
  }

  @PostMapping("/{name}/reset")
  BreakerView reset(@PathVariable String name) {
    return breakers
        .reset(name)
        .map(BreakerView::of)
        .orElseThrow(
            () ->
                new RemediationApiException(
                    404, "breaker-not-found", "No circuit breaker named '" + name + "'"));
  }

  record BreakerView(
      String name,
      String state,
      int failureThreshold,
      int failedCalls,
      long notPermittedCalls,
      Instant openedAt,
      String lastFailure) {

    static BreakerView of(Breakers.Breaker b) {
      return new BreakerView(
          b.name(),
          b.state().name(),
          b.failureThreshold(),
          b.failedCalls(),
          b.notPermittedCalls(),
          b.openedAt(),
          b.lastFailure());
    }
  }
}
