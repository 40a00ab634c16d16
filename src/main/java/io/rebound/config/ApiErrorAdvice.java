package io.rebound.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * One error shape for every endpoint: {@code {"error": "...", "detail": "..."}}. Client mistakes
 * get a 4xx naming the problem; anything unexpected is logged with its stack trace and answered
 * with a plain 500 that reveals nothing.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiErrorAdvice {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
    if (e.getValue() instanceof Object[] values && values.length != 1) {
      return body(
          HttpStatus.BAD_REQUEST,
          "bad_parameter",
          "Parameter '" + e.getName() + "' was given " + values.length + " times; give it once");
    }
    Object value = e.getValue() instanceof Object[] one ? one[0] : e.getValue();
    return body(
        HttpStatus.BAD_REQUEST,
        "bad_parameter",
        "Parameter '"
            + e.getName()
            + "' has value '"
            + value
            + "', expected "
            + expected(e.getRequiredType()));
  }

  /** What a parameter should look like, in words rather than a Java type name. */
  private static String expected(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == java.util.UUID.class) {
      return "an id such as 3f2b6c1e-8d4a-4b7e-9c21-5a0f7d3e9b12";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
      return "a time such as 2026-12-03T10:15:00Z";
    }
    return "a different value";
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "missing_parameter",
        "Parameter '" + e.getParameterName() + "' is required");
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "invalid_body",
        "The request body is not valid JSON for this endpoint");
  }

  /** A broken or oversize multipart body (only policy uploads take multipart). */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Map<String, Object>> multipart(MultipartException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "invalid_body",
        "The request body is not valid multipart/form-data, or is larger than allowed (20 MB a"
            + " file, 50 MB in all)");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
    return body(HttpStatus.NOT_FOUND, "not_found", "No endpoint at /" + e.getResourcePath());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return body(
        HttpStatus.METHOD_NOT_ALLOWED,
        "method_not_allowed",
        e.getMethod() + " is not supported here; use " + e.getSupportedHttpMethods());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Content type " + e.getContentType() + " is not supported; send application/json");
  }

  /** ResponseStatusException and friends: modules throw these with a message meant for people. */
  private static ResponseEntity<Map<String, Object>> errorResponse(
      Exception e, ErrorResponse response) {
    HttpStatusCode status = response.getStatusCode();
    String detail = response.getBody().getDetail();
    if (e instanceof org.springframework.web.server.ResponseStatusException rse
        && rse.getReason() != null) {
      detail = rse.getReason();
    }
    HttpStatus known = HttpStatus.resolve(status.value());
    String error = known == null ? "error" : known.name().toLowerCase(java.util.Locale.ROOT);
    return body(status, error, detail == null ? "" : detail);
  }

  /**
   * Tomcat could not decode a parameter (a form body with a bad %-escape; a bad query string is
   * refused earlier by {@link RequestEncodingFilter}). A client's mistake, not a conflict.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Map<String, Object>> undecodable(InvalidParameterException e) {
    return body(
        HttpStatus.BAD_REQUEST,
        "bad_encoding",
        "A request parameter could not be decoded; encode special characters as UTF-8 %XX"
            + " escapes.");
  }

  @ExceptionHandler(IllegalStateException.class)
  ResponseEntity<Map<String, Object>> illegalState(IllegalStateException e) {
    return body(HttpStatus.CONFLICT, "conflict", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    if (e instanceof ErrorResponse response) {
      return errorResponse(e, response);
    }
    log.error("Unexpected error answering a request", e);
    return body(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal_error",
        "Rebound failed to answer this request; the service log has the details.");
  }

  private static ResponseEntity<Map<String, Object>> body(
      HttpStatusCode status, String error, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return ResponseEntity.status(status).body(body);
  }
}
