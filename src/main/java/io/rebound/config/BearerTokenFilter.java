package io.rebound.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into an authenticated caller with its role. An
 * unknown token leaves the request anonymous, whatever session it also carries; the authorization
 * rules then answer 401. Without the header, the dashboard's session (if any) decides.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private static final String PREFIX = "Bearer ";

  private final ApiTokens tokens;

  BearerTokenFilter(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null) {
      // the header decides, never a session cookie sent alongside it: such requests skip the
      // dashboard's CSRF check (DashboardCsrf), so a wrong token must leave them anonymous
      var context = SecurityContextHolder.createEmptyContext();
      Optional<ApiTokens.Caller> caller =
          header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
              ? tokens.authenticate(header.substring(PREFIX.length()).trim())
              : Optional.empty();
      caller.ifPresent(
          c ->
              context.setAuthentication(
                  UsernamePasswordAuthenticationToken.authenticated(
                      c.principal(),
                      null,
                      AuthorityUtils.createAuthorityList(c.role().authorities()))));
      SecurityContextHolder.setContext(context);
    }
    chain.doFilter(request, response);
  }
}
