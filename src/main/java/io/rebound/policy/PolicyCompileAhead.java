package io.rebound.policy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Starts compiling the policy on a thread of its own as soon as the application context begins
 * creating its beans, so that compiling (seconds of Drools work) overlaps with everything else the
 * service does at start-up (database migrations, the web server, the scheduler) instead of
 * following it. The policy engine bean waits for the result; a broken policy still stops the start
 * with the same {@link InvalidPolicyException}.
 */
final class PolicyCompileAhead implements BeanFactoryPostProcessor {

  private final Optional<Path> directory;
  private final CompletableFuture<PolicyEngine> engine = new CompletableFuture<>();
  private volatile boolean started;

  PolicyCompileAhead(Optional<Path> directory) {
    this.directory = directory;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    started = true;
    Thread compiler =
        new Thread(
            () -> {
              try {
                engine.complete(compile());
              } catch (RuntimeException | Error e) {
                engine.completeExceptionally(e);
              }
            },
            "policy-compile");
    compiler.setDaemon(true);
    compiler.start();
  }

  /** The compiled policy; compiles here if the context never ran the post-processor. */
  PolicyEngine engine() {
    if (!started) {
      return compile();
    }
    try {
      return engine.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause; // InvalidPolicyException: the failure analyzer lists the cells to fix
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private PolicyEngine compile() {
    return directory.map(PolicyEngine::fromDirectory).orElseGet(PolicyEngine::shipped);
  }
}
