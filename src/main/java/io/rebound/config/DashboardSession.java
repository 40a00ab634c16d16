package io.rebound.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's sign-in: an API token, posted once as JSON, becomes a server session holding the
 * token's role and audit name. The token itself is never stored, echoed or logged; the browser
 * keeps only the session cookie (HttpOnly, SameSite=Strict, see application.yml). Changes made with
 * the session need the CSRF token this controller hands out; bearer-token clients are unaffected.
 */
@RestController
@RequestMapping("/api/session")
class DashboardSession {

  private final ApiTokens tokens;
  private final HttpSessionSecurityContextRepository contexts =
      new HttpSessionSecurityContextRepository();

  DashboardSession(ApiTokens tokens) {
    this.tokens = tokens;
  }

  record SignIn(String token) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> signIn(
      @RequestBody(required = false) SignIn body,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (body == null || body.token() == null || body.token().isBlank()) {
      return error(
          HttpStatus.BAD_REQUEST, "token_required", "Send {\"token\": \"<your API token>\"}.");
    }
    Optional<ApiTokens.Caller> caller = tokens.authenticate(body.token().trim());
    if (caller.isEmpty()) {
      return error(
          HttpStatus.UNAUTHORIZED,
          "unauthorized",
          "That is not one of this service's API tokens. Ask whoever runs Rebound for one.");
    }
    // a fresh session id at every sign-in, so an id planted before it is worth nothing after
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    request.getSession(true);
    ApiTokens.Caller c = caller.get();
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated(
            c.principal(), null, AuthorityUtils.createAuthorityList(c.role().authorities())));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    return ResponseEntity.ok(view(context.getAuthentication(), null));
  }

  /** Who is signed in, and the CSRF token the page sends back with every change. */
  @GetMapping
  ResponseEntity<Map<String, Object>> current(HttpServletRequest request) {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    if (who == null
        || !who.isAuthenticated()
        || !(who instanceof UsernamePasswordAuthenticationToken)) {
      return error(
          HttpStatus.UNAUTHORIZED, "unauthorized", "Not signed in: sign in with your API token.");
    }
    CsrfToken csrf =
        request.getSession(false) == null
            ? null
            : (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    return ResponseEntity.ok(view(who, csrf));
  }

  @DeleteMapping
  ResponseEntity<Void> signOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    SecurityContextHolder.clearContext();
    return ResponseEntity.noContent().build();
  }

  private static Map<String, Object> view(Authentication who, CsrfToken csrf) {
    String role =
        who.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .map(a -> a.substring("ROLE_".length()))
            .map(Role::fromName)
            .flatMap(Optional::stream)
            .max(Enum::compareTo)
            .map(r -> r.name().toLowerCase(java.util.Locale.ROOT))
            .orElse("none");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", who.getName());
    body.put("role", role);
    if (csrf != null) {
      body.put("csrfHeader", csrf.getHeaderName());
      body.put("csrfToken", csrf.getToken());
    }
    return body;
  }

  private static ResponseEntity<Map<String, Object>> error(
      HttpStatus status, String error, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return ResponseEntity.status(status).body(body);
  }
}
