package io.rebound.policy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Starts compiling the policy on a thread of its own as soon as the application context begins
 * creating its beans, so that compiling (seconds of Drools work) overlaps with everything else the
 * service does at start-up (database migrations, the web server, the scheduler) instead of
 * following it. When the service was launched through its main method the compile started even
 * earlier, before the context read its configuration classes ({@link PolicyCompileAtLaunch}); that
 * compile is taken over here. The policy engine bean waits for the result; a broken policy still
 * stops the start with the same {@link InvalidPolicyException}.
 */
final class PolicyCompileAhead implements BeanFactoryPostProcessor {

  /** The name under which {@link PolicyCompileAtLaunch} leaves a compile it started. */
  static final String STARTED_AT_LAUNCH = "rebound.policyCompileStartedAtLaunch";

  private final Optional<Path> directory;
  private volatile CompletableFuture<PolicyEngine> engine;

  PolicyCompileAhead(Optional<Path> directory) {
    this.directory = directory;
  }

  /** A compile already running for {@code directory}. */
  record Started(Optional<Path> directory, CompletableFuture<PolicyEngine> engine) {}

  /** The policy folder the configuration names ({@code rebound.policy.dir}), if any. */
  static Optional<Path> directory(Environment environment) {
    String dir = Binder.get(environment).bind("rebound.policy.dir", String.class).orElse(null);
    return new PolicyProperties(dir, null).directory();
  }

  /** Compiles {@code directory} (or the shipped policy) on a new thread. */
  static Started start(Optional<Path> directory) {
    CompletableFuture<PolicyEngine> engine = new CompletableFuture<>();
    Thread compiler =
        new Thread(
            () -> {
              try {
                engine.complete(compile(directory));
              } catch (RuntimeException | Error e) {
                engine.completeExceptionally(e);
              }
            },
            "policy-compile");
    compiler.setDaemon(true);
    compiler.start();
    return new Started(directory, engine);
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    engine = startedAtLaunch(beanFactory).orElseGet(() -> start(directory)).engine();
  }

  private Optional<Started> startedAtLaunch(ConfigurableListableBeanFactory beanFactory) {
    if (beanFactory.getSingleton(STARTED_AT_LAUNCH) instanceof Started started
        && started.directory().equals(directory)) {
      return Optional.of(started);
    }
    return Optional.empty();
  }

  /** The compiled policy; compiles here if the context never ran the post-processor. */
  PolicyEngine engine() {
    CompletableFuture<PolicyEngine> compiling = engine;
    if (compiling == null) {
      return compile(directory);
    }
    try {
      return compiling.join();
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

  private static PolicyEngine compile(Optional<Path> directory) {
    return directory.map(PolicyEngine::fromDirectory).orElseGet(PolicyEngine::shipped);
  }
}
