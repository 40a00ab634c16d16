package io.rebound.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken policy at startup into the list of cells to fix instead of a stack trace. */
class InvalidPolicyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPolicyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidPolicyException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Open each workbook or rule file named above (in "
            + cause.origin()
            + "), correct the cells listed, save as .xlsx and start Rebound again. Until then"
            + " Rebound does not start, so no remediation runs on a half-read policy.",
        cause);
  }
}
