package io.rebound.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose query string is not valid percent-encoded UTF-8 with a 400 naming the
 * problem, before anything reads a parameter. Tomcat would otherwise fail on the first {@code
 * getParameter} call deep inside a handler (the API answered 409 "conflict", a webhook 500). Tomcat
 * itself already refuses a bad path at the connector (see {@link JsonErrorReportValve}). The
 * message never repeats the query string: it may hold a webhook's {@code ?token=}.
 */
class RequestEncodingFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> problem = problemWith(request.getQueryString());
    if (problem.isPresent()) {
      SecurityConfig.writeError(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "bad_encoding",
          "The query string is not valid: "
              + problem.get()
              + ". Encode special characters as UTF-8 %XX escapes.");
      return;
    }
    chain.doFilter(request, response);
  }

  /** What is wrong with a raw (still encoded) query string; empty when it decodes cleanly. */
  static Optional<String> problemWith(String query) {
    if (query == null || query.indexOf('%') < 0) {
      return Optional.empty(); // the common case: nothing to decode, nothing to check
    }
    byte[] decoded = new byte[query.length()];
    int length = 0;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c != '%') {
        decoded[length++] = (byte) (c < 0x80 ? c : '?');
        continue;
      }
      int high = i + 1 < query.length() ? Character.digit(query.charAt(i + 1), 16) : -1;
      int low = i + 2 < query.length() ? Character.digit(query.charAt(i + 2), 16) : -1;
      if (high < 0 || low < 0) {
        return Optional.of(
            "'%' at character " + (i + 1) + " is not followed by two hexadecimal digits");
      }
      decoded[length++] = (byte) ((high << 4) + low);
      i += 2;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded, 0, length));
      return Optional.empty();
    } catch (CharacterCodingException e) {
      return Optional.of("its %-escapes do not spell UTF-8 text (such as %ff)");
    }
  }
}
