package io.rebound.remediation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Breaker state for on-call, and a reset once the platform is healthy again. */
@RestController
@RequestMapping("/api/circuit-breakers")
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
    CircuitBreaker breaker =
        breakers
            .find(name)
            .orElseThrow(
                () ->
                    new RemediationApiException(
                        404, "breaker-not-found", "No circuit breaker named '" + name + "'"));
    breaker.reset();
    return BreakerView.of(breaker);
  }

  record BreakerView(
      String name,
      String state,
      int failureThreshold,
      int failedCalls,
      int successfulCalls,
      long notPermittedCalls) {

    static BreakerView of(CircuitBreaker b) {
      CircuitBreaker.Metrics m = b.getMetrics();
      return new BreakerView(
          b.getName(),
          b.getState().name(),
          Breakers.threshold(b),
          m.getNumberOfFailedCalls(),
          m.getNumberOfSuccessfulCalls(),
          m.getNumberOfNotPermittedCalls());
    }
  }
}
