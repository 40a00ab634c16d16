package io.rebound.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The data folder and the H2 files are the service user's alone, from the first start on. */
class DataFolderPermissionsTest {

  @TempDir Path tmp;

  @BeforeEach
  void posixOnly() {
    assumeThat(OwnerOnlyFiles.supported(tmp)).as("POSIX file system").isTrue();
  }

  private void startWith(String datasourceUrl) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", datasourceUrl)));
    new DataFolderEnvironmentPostProcessor(new DeferredLogs())
        .postProcessEnvironment(environment, new SpringApplication());
  }

  @Test
  void aMissingDataFolderIsCreatedOwnerOnlyBeforeH2CreatesAFile() throws Exception {
    Path data = tmp.resolve("service/data");

    startWith("jdbc:h2:file:" + data.resolve("rebound") + ";MODE=PostgreSQL;AUTO_SERVER=FALSE");

    assertThat(Files.getPosixFilePermissions(data))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void anExistingWorldReadableFolderAndDatabaseAreTightened() throws Exception {
    Path data = Files.createDirectory(tmp.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path database = Files.createFile(data.resolve("rebound.mv.db"));
    Path trace = Files.createFile(data.resolve("rebound.trace.db"));
    Path unrelated = Files.createFile(data.resolve("notes.txt"));
    for (Path file : new Path[] {database, trace, unrelated}) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    startWith("jdbc:h2:" + data.resolve("rebound") + ";MODE=PostgreSQL");

    assertThat(Files.getPosixFilePermissions(data))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(database))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(trace))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(unrelated))
        .as("only the database's own files are touched")
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void inMemoryAndRemoteDatabasesTouchNoFolder() {
    startWith("jdbc:h2:mem:" + tmp.resolve("mem-data/x"));
    startWith("jdbc:postgresql://localhost/" + tmp.resolve("pg-data"));

    assertThat(tmp.resolve("mem-data")).doesNotExist();
    assertThat(tmp.resolve("pg-data")).doesNotExist();
  }

  @Test
  void theGeneratedSecretsGetAnOwnerOnlyFolderOfTheirOwn() throws Exception {
    Path file = tmp.resolve("secrets/generated.properties");

    new GeneratedSecrets(file).fillMissing(key -> false);

    assertThat(Files.getPosixFilePermissions(file.getParent()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void h2UrlsAreReadTheWayH2ReadsThem() {
    assertThat(OwnerOnlyFiles.h2Database("jdbc:h2:file:./data/rebound;MODE=PostgreSQL"))
        .contains(Path.of("./data/rebound"));
    assertThat(OwnerOnlyFiles.h2Database("jdbc:h2:./data/rebound"))
        .contains(Path.of("./data/rebound"));
    assertThat(OwnerOnlyFiles.h2Database("jdbc:h2:~/rebound"))
        .contains(Path.of(System.getProperty("user.home") + "/rebound"));
    assertThat(OwnerOnlyFiles.h2Database("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isEmpty();
    assertThat(OwnerOnlyFiles.h2Database("jdbc:h2:tcp://db/rebound")).isEmpty();
    assertThat(OwnerOnlyFiles.h2Database("jdbc:postgresql://db/rebound")).isEmpty();
  }
}
