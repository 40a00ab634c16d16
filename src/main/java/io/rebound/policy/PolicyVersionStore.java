package io.rebound.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The policy's own tables (policy_version, policy_file), reached only from this package. Callers
 * hold the transaction; {@link #lockActive} serialises promotions and rollbacks across nodes.
 */
@Repository
class PolicyVersionStore {

  enum State {
    CANDIDATE,
    ACTIVE,
    RETIRED
  }

  /** One stored version without its file bytes. */
  record StoredVersion(
      int number,
      String contentHash,
      State state,
      String author,
      Instant createdAt,
      String message,
      Integer basedOn,
      Integer previousActive,
      Instant activatedAt,
      String lint,
      String replay) {}

  /** The active version as every node polls it: cheap to read once a second. */
  record ActiveRef(int number, String contentHash) {}

  private static final String COLUMNS =
      "number, content_hash, state, author, created_at, message, based_on, previous_active,"
          + " activated_at, lint, replay";

  private final JdbcClient jdbc;

  PolicyVersionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ActiveRef> active() {
    return jdbc.sql("SELECT number, content_hash FROM policy_version WHERE active_slot = 1")
        .query((rs, i) -> new ActiveRef(rs.getInt(1), rs.getString(2)))
        .optional();
  }

  /** Locks the active row until the transaction ends: one promotion or rollback at a time. */
  Optional<StoredVersion> lockActive() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM policy_version WHERE active_slot = 1 FOR UPDATE")
        .query(PolicyVersionStore::map)
        .optional();
  }

  Optional<StoredVersion> find(int number) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM policy_version WHERE number = ?")
        .param(number)
        .query(PolicyVersionStore::map)
        .optional();
  }

  List<StoredVersion> list() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM policy_version ORDER BY number DESC")
        .query(PolicyVersionStore::map)
        .list();
  }

  /** The newest candidates' numbers, newest first: what a node compiles ahead of a promotion. */
  List<Integer> newestCandidates(int limit) {
    return jdbc
        .sql("SELECT number FROM policy_version WHERE state = ? ORDER BY number DESC")
        .param(State.CANDIDATE.name())
        .query(Integer.class)
        .list()
        .stream()
        .limit(limit)
        .toList();
  }

  boolean isEmpty() {
    return jdbc.sql("SELECT COUNT(*) FROM policy_version").query(Long.class).single() == 0;
  }

  int nextNumber() {
    return jdbc.sql("SELECT COALESCE(MAX(number), 0) + 1 FROM policy_version")
        .query(Integer.class)
        .single();
  }

  /**
   * Stores a version and its files under the given number.
   *
   * @throws org.springframework.dao.DuplicateKeyException when another node took the number first
   */
  void insert(
      int number, PolicyFiles files, State state, String author, String message, Integer basedOn) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql(
            """
            INSERT INTO policy_version (number, content_hash, state, active_slot, author, created_at,
                                        message, based_on, activated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            number,
            files.version(),
            state.name(),
            state == State.ACTIVE ? 1 : null,
            author,
            now,
            message,
            basedOn,
            state == State.ACTIVE ? now : null)
        .update();
    for (var file : files.files().entrySet()) {
      jdbc.sql("INSERT INTO policy_file (version_number, name, content) VALUES (?, ?, ?)")
          .params(number, file.getKey(), file.getValue())
          .update();
    }
  }

  PolicyFiles files(int number) {
    Map<String, byte[]> files = new TreeMap<>();
    jdbc.sql("SELECT name, content FROM policy_file WHERE version_number = ?")
        .param(number)
        .query(
            (ResultSet rs) -> {
              files.put(rs.getString(1), rs.getBytes(2));
            });
    return new PolicyFiles("policy version " + number, files);
  }

  Optional<byte[]> file(int number, String name) {
    return jdbc.sql("SELECT content FROM policy_file WHERE version_number = ? AND name = ?")
        .params(number, name)
        .query((rs, i) -> rs.getBytes(1))
        .optional();
  }

  List<String> fileNames(int number) {
    return jdbc.sql("SELECT name FROM policy_file WHERE version_number = ? ORDER BY name")
        .param(number)
        .query(String.class)
        .list();
  }

  void retire(int number) {
    jdbc.sql("UPDATE policy_version SET state = 'RETIRED', active_slot = NULL WHERE number = ?")
        .param(number)
        .update();
  }

  /** Makes a version active; previousActive null keeps the one it already had (a rollback). */
  void activate(int number, Integer previousActive) {
    jdbc.sql(
            """
            UPDATE policy_version
               SET state = 'ACTIVE', active_slot = 1, activated_at = ?,
                   previous_active = COALESCE(?, previous_active)
             WHERE number = ?""")
        .params(OffsetDateTime.now(ZoneOffset.UTC), previousActive, number)
        .update();
  }

  void saveLint(int number, String lintJson) {
    jdbc.sql("UPDATE policy_version SET lint = ? WHERE number = ?")
        .params(lintJson, number)
        .update();
  }

  void saveReplay(int number, String replayJson) {
    jdbc.sql("UPDATE policy_version SET replay = ? WHERE number = ?")
        .params(replayJson, number)
        .update();
  }

  private static StoredVersion map(ResultSet rs, int row) throws SQLException {
    return new StoredVersion(
        rs.getInt("number"),
        rs.getString("content_hash"),
        State.valueOf(rs.getString("state")),
        rs.getString("author"),
        instant(rs, "created_at"),
        rs.getString("message"),
        (Integer) rs.getObject("based_on", Integer.class),
        (Integer) rs.getObject("previous_active", Integer.class),
        instant(rs, "activated_at"),
        rs.getString("lint"),
        rs.getString("replay"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
