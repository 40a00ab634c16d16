package io.rebound.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without Chromium the browser tests fail, saying what to install; they never skip silently. */
class BrowserTest {

  @Test
  void aMissingChromiumFailsWithWhatToInstall() {
    assertThatThrownBy(() -> Browser.start("/nonexistent/chromium", Browser.CHROMEDRIVER, 800, 600))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nonexistent/chromium is missing")
        .hasMessageContaining("apt-get install -y chromium chromium-driver");
  }

  @Test
  void aMissingChromedriverFailsWithWhatToInstall() {
    assertThatThrownBy(
            // any executable stands in for Chromium: the check fails before anything starts
            () -> Browser.start("/bin/sh", "/nonexistent/chromedriver", 800, 600))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nonexistent/chromedriver is missing")
        .hasMessageContaining("apt-get install -y chromium chromium-driver");
  }
}
