package io.rebound.advice;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When and how much AI advice ({@code rebound.ai.*}; the endpoint itself is the connector's, under
 * the same prefix).
 *
 * @param enabled false (the default): no summary is ever asked for
 * @param maxTokensPerIncident the most one incident's summary may cost, question and answer
 *     together; the answer is cut to what is left after the question
 * @param maxTokensPerDay the most all summaries of one UTC day may cost together; once reached,
 *     escalations get no summary until the next day (the audit trail says so)
 * @param maxAnswerTokens the longest answer asked for
 * @param errorMessageChars how much of the error message the model sees
 */
@ConfigurationProperties("rebound.ai")
record AdviceProperties(
    boolean enabled,
    Integer maxTokensPerIncident,
    Integer maxTokensPerDay,
    Integer maxAnswerTokens,
    Integer errorMessageChars) {

  AdviceProperties {
    maxTokensPerIncident = maxTokensPerIncident == null ? 2_000 : maxTokensPerIncident;
    maxTokensPerDay = maxTokensPerDay == null ? 100_000 : maxTokensPerDay;
    maxAnswerTokens = maxAnswerTokens == null ? 500 : maxAnswerTokens;
    errorMessageChars = errorMessageChars == null ? 2_000 : errorMessageChars;
  }
}
