package io.rebound.remediation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Client mistakes on remediation's endpoints become 4xx JSON naming the problem, in the one error
 * shape every endpoint answers with: {@code {"error": "<code>", "detail": "<what to fix>"}}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(
    assignableTypes = {
      ApprovalController.class,
      CircuitBreakerController.class,
      KillSwitchController.class,
      PlanController.class
    })
class RemediationApiErrors {

  @ExceptionHandler(RemediationApiException.class)
  ResponseEntity<Map<String, Object>> refused(RemediationApiException e) {
    return body(e.status(), e.code(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> badParameter(MethodArgumentTypeMismatchException e) {
    if (e.getValue() instanceof Object[] values) {
      return body(
          400,
          "invalid-parameter",
          "'%s' was given %d times; give it once".formatted(e.getName(), values.length));
    }
    return body(
        400, "invalid-parameter", "'%s' is not a valid %s".formatted(e.getValue(), e.getName()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return body(400, "invalid-body", "The request body is not the JSON this endpoint expects");
  }

  static ResponseEntity<Map<String, Object>> body(int status, String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("detail", message);
    return ResponseEntity.status(status).body(body);
  }
}
