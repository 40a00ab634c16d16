package io.rebound.config;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * Who may call what. The API is for holders of a configured token; webhooks authenticate with their
 * own per-source secret inside ingest (they must record rejected deliveries), so Spring Security
 * lets them through. Only health is open. Every rule other modules rely on is here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  private static final String DASHBOARD_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /**
   * Webhooks skip Spring Security altogether: they carry their own per-source secret, checked in
   * ingest (which must also record what it rejects), and they are the hot path of an alert storm,
   * where the filter chain cost about a fifth of each request's CPU. (Spring logs a warning about
   * ignored paths; application.yml silences that one logger on purpose.)
   */
  @Bean
  WebSecurityCustomizer webhooksBypassSecurity() {
    return web ->
        web.ignoring()
            .requestMatchers(
                "/webhooks/**", "/azure-monitor", "/azure-monitor-alert", "/databricks-monitor");
  }

  @Bean
  ApiTokens apiTokens(@Value("${rebound.security.api-tokens:}") String apiTokens) {
    return ApiTokens.parse(apiTokens);
  }

  /**
   * Bearer-token clients stay stateless: nothing creates a session for them. Only the dashboard's
   * sign-in (DashboardSession) creates one, and a request riding on that session cookie must carry
   * the session's CSRF token to change anything (DashboardCsrf).
   */
  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
    http.csrf(
            csrf ->
                csrf.csrfTokenRepository(new HttpSessionCsrfTokenRepository())
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                    .requireCsrfProtectionMatcher(DashboardCsrf::required))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        // the dashboard runs only its own script and styles: text an alert carries can never run
        .headers(
            h ->
                h.addHeaderWriter(
                    new DelegatingRequestMatcherHeaderWriter(
                        request ->
                            "/".equals(request.getRequestURI())
                                || "/index.html".equals(request.getRequestURI()),
                        new StaticHeadersWriter("Content-Security-Policy", DASHBOARD_CSP))))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .addFilterBefore(new BearerTokenFilter(tokens), AnonymousAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) ->
                            writeError(
                                response,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "unauthorized",
                                "Send a configured API token as 'Authorization: Bearer <token>'."))
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            writeError(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                ex instanceof CsrfException ? "csrf" : "forbidden",
                                ex instanceof CsrfException
                                    ? "This change came with the dashboard's session but without"
                                        + " its CSRF token: reload the page and try again."
                                    : "Your token's role may not "
                                        + request.getMethod()
                                        + " "
                                        + request.getRequestURI()
                                        + "; ask for a token with a higher role.")))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    // sign in, see who you are, sign out: DashboardSession answers 401 itself
                    .requestMatchers("/api/session")
                    .permitAll()
                    .requestMatchers("/api/admin/**")
                    .hasRole("ADMIN")
                    // refused webhook requests show what strangers send: not for every viewer
                    .requestMatchers(GET, "/api/deliveries/refused")
                    .hasRole("OPERATOR")
                    .requestMatchers(GET, "/api/setup/**")
                    .hasRole("OPERATOR")
                    .requestMatchers(GET, "/api/**")
                    .hasRole("VIEWER")
                    .requestMatchers(POST, "/api/decisions/evaluate")
                    .hasRole("OPERATOR")
                    .requestMatchers(POST, "/api/deliveries/*/replay")
                    .hasRole("OPERATOR")
                    .requestMatchers(POST, "/api/circuit-breakers/*/reset", "/api/breakers/*/reset")
                    .hasRole("OPERATOR")
                    .requestMatchers(POST, "/api/approvals/**")
                    .hasRole("APPROVER")
                    .requestMatchers("/api/policy/**")
                    .hasRole("ADMIN")
                    // any other change through the API needs the highest role until a rule names it
                    .requestMatchers("/api/**")
                    .hasRole("ADMIN")
                    .requestMatchers("/actuator/**")
                    .hasRole("VIEWER")
                    // the API description (OpenAPI JSON and Swagger UI)
                    .requestMatchers(
                        "/v3/api-docs",
                        "/v3/api-docs.yaml",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                    .hasRole("VIEWER")
                    // the dashboard page itself holds no data; its API calls ride on the session
                    .requestMatchers(
                        GET, "/", "/index.html", "/favicon.ico", "/assets/**", "/static/**")
                    .permitAll()
                    // anything else has no handler: everyone gets the same JSON 404, rather than a
                    // 401 asking for a token for a page that does not exist
                    // (HttpEdgeIntegrationTest keeps every controller under /api)
                    .anyRequest()
                    .permitAll());
    return http.build();
  }

  static void writeError(HttpServletResponse response, int status, String error, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response
        .getWriter()
        .write(
            "{\"error\":\"" + jsonEscape(error) + "\",\"detail\":\"" + jsonEscape(detail) + "\"}");
  }

  private static String jsonEscape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
