package io.rebound.config;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the servlet container sends errors that no controller answered (Spring Security's firewall,
 * Tomcat refusing a method, an exception escaping a filter), in the API's JSON shape. Asked for
 * directly, {@code /error} is just another path that does not exist: 404, never Boot's default 500
 * with status 999.
 */
@RestController
class JsonErrorController implements ErrorController {

  @RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(code instanceof Integer status)) {
      return body(HttpStatus.NOT_FOUND, "not_found", "No endpoint at " + request.getRequestURI());
    }
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null || status < 400) {
      known = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    return body(known, errorName(known), detail(known, request));
  }

  private static String detail(HttpStatus status, HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri == null ? "this path" : uri.toString();
    return switch (status) {
      case NOT_FOUND -> "No endpoint at " + path;
      // the method is not named: on this error dispatch the container reports GET for any method
      case METHOD_NOT_ALLOWED ->
          "This method is not supported at " + path + "; the Allow header lists the ones that are";
      // Spring Security's firewall: '//', an encoded '%', '/' or '.', a control character…
      case BAD_REQUEST ->
          "The request could not be read: its address contains something not allowed (such as"
              + " '//', an encoded '/', '%' or '.', or a control character), or a header is"
              + " malformed";
      case INTERNAL_SERVER_ERROR ->
          "Rebound failed to answer this request; the service log has the details.";
      default -> "The request was refused (HTTP " + status.value() + ")";
    };
  }

  private static String errorName(HttpStatus status) {
    return switch (status) {
      case INTERNAL_SERVER_ERROR -> "internal_error";
      case BAD_REQUEST -> "bad_request";
      default -> status.name().toLowerCase(Locale.ROOT);
    };
  }

  private static ResponseEntity<Map<String, Object>> body(
      HttpStatus status, String error, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
