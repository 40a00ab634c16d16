package io.rebound.remediation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which playbook rows work: per error type, action and Playbooks row, how many incidents they
 * decided, how many of their plans resolved or were escalated, and how long resolving took.
 */
@RestController
class PlaybookStatsController {

  /**
   * @param days the window, counted back from now
   * @param playbooks one entry per error type, action and row, sorted by those
   */
  record PlaybookStats(int days, Instant since, List<PlaybookOutcomes.Outcome> playbooks) {}

  private static final Comparator<PlaybookOutcomes.Outcome> ORDER =
      Comparator.comparing(PlaybookOutcomes.Outcome::errorType)
          .thenComparing(PlaybookOutcomes.Outcome::action)
          .thenComparing(PlaybookOutcomes.Outcome::tableRow);

  private final PlaybookOutcomes outcomes;

  PlaybookStatsController(PlaybookOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @GetMapping("/api/stats/playbooks")
  PlaybookStats playbooks(@RequestParam(defaultValue = "30") String days) {
    int window = days(days);
    Instant since = Instant.now().minus(Duration.ofDays(window));
    List<PlaybookOutcomes.Outcome> rows =
        PlaybookOutcomes.group(
                outcomes.since(since), s -> List.of(s.errorType(), s.action(), s.tableRow()))
            .values()
            .stream()
            .sorted(ORDER)
            .toList();
    return new PlaybookStats(window, since, rows);
  }

  private static int days(String given) {
    try {
      int n = Integer.parseInt(given.trim());
      if (n >= 1 && n <= 365) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new ResponseStatusException(
        HttpStatus.BAD_REQUEST, "days must be a whole number from 1 to 365; got '" + given + "'");
  }
}
