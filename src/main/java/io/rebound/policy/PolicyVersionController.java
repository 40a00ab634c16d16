package io.rebound.policy;

import io.rebound.policy.PolicyVersionStore.StoredVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.databind.ObjectMapper;

/**
 * Ops change the policy without a restart: download the workbook in force, upload a candidate, read
 * its lint, promote it, roll back. Errors are {"error", "detail"} like every other endpoint's; a
 * refused policy adds "problems", one line per cell to fix.
 */
@RestController
@RequestMapping("/api/policy")
class PolicyVersionController {

  private static final MediaType XLSX =
      MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final PolicyVersions versions;
  private final PolicyAudit audit;
  private final ObjectMapper json;

  PolicyVersionController(PolicyVersions versions, PolicyAudit audit, ObjectMapper json) {
    this.versions = versions;
    this.audit = audit;
    this.json = json;
  }

  @GetMapping("/versions")
  List<Map<String, Object>> list() {
    return versions.list().stream().map(this::summary).toList();
  }

  @GetMapping("/versions/{number}")
  Map<String, Object> version(@PathVariable int number) {
    StoredVersion v = versions.get(number);
    Map<String, Object> out = summary(v);
    out.put(
        "files", versions.fileNames(number).stream().map(PolicyVersionController::base).toList());
    out.put("lint", v.lint() == null ? null : json.readTree(v.lint()));
    out.put("replay", v.replay() == null ? null : json.readTree(v.replay()));
    return out;
  }

  @GetMapping("/versions/{number}/files/{name}")
  ResponseEntity<byte[]> file(@PathVariable int number, @PathVariable String name) {
    byte[] content =
        versions
            .file(number, name)
            .orElseThrow(
                () ->
                    new PolicyUpload.Unusable(
                        "Version "
                            + number
                            + " has no file named '"
                            + name
                            + "'; GET /api/policy/versions/"
                            + number
                            + " lists its files."));
    MediaType type = name.endsWith(".xlsx") ? XLSX : MediaType.TEXT_PLAIN;
    return ResponseEntity.ok()
        .contentType(type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(name).build().toString())
        .body(content);
  }

  /**
   * Multipart: any number of parts, each a workbook (.xlsx), rule file (.drl) or a zip of the
   * policy folder; a "message" field says why. Files not sent are taken from the active version.
   */
  @PostMapping(value = "/candidates", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> upload(
      MultipartHttpServletRequest request,
      @RequestParam(name = "message", required = false) String message,
      Principal principal) {
    Map<String, byte[]> changed = new TreeMap<>();
    for (MultipartFile part :
        request.getMultiFileMap().values().stream().flatMap(List::stream).toList()) {
      PolicyUpload.add(part.getOriginalFilename(), bytes(part), changed);
    }
    if (changed.isEmpty()) {
      throw new PolicyUpload.Unusable(
          "Send at least one file: a changed workbook (.xlsx), rule file (.drl) or a .zip of the"
              + " policy folder, as multipart/form-data.");
    }
    PolicyVersions.Candidate c = versions.upload(changed, message, actor(principal));
    Map<String, Object> out = summary(c.version());
    out.put("files", changed.keySet().stream().map(PolicyVersionController::base).toList());
    out.put("lint", c.lint());
    return ResponseEntity.status(HttpStatus.CREATED).body(out);
  }

  @GetMapping("/candidates/{number}/lint")
  PolicyLint.Report lint(@PathVariable int number, Principal principal) {
    return versions.lintOf(number, actor(principal));
  }

  /** from/to are ISO instants (2026-12-01T00:00:00Z); the default window is the last 7 days. */
  @PostMapping("/candidates/{number}/replay")
  PolicyReplay.Report replay(
      @PathVariable int number,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      Principal principal) {
    Instant[] window = window(from, to);
    return versions.replay(number, window[0], window[1], actor(principal));
  }

  /** Rows of each table the failures recorded in the window reach; same window rules as replay. */
  @GetMapping("/versions/{number}/coverage")
  PolicyReplay.Coverage coverage(
      @PathVariable int number,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to) {
    Instant[] window = window(from, to);
    return versions.coverage(number, window[0], window[1]);
  }

  private static Instant[] window(String from, String to) {
    Instant end = to == null ? Instant.now() : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofDays(7)) : instant("from", from);
    if (!start.isBefore(end)) {
      throw new PolicyUpload.Unusable("'from' (" + start + ") must be before 'to' (" + end + ")");
    }
    return new Instant[] {start, end};
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new PolicyUpload.Unusable(
          "'" + name + "' must be a time such as 2026-12-01T00:00:00Z; got '" + value + "'");
    }
  }

  @PostMapping("/candidates/{number}/promote")
  Map<String, Object> promote(@PathVariable int number, Principal principal) {
    try {
      return summary(versions.promote(number, actor(principal)));
    } catch (PolicyVersions.Refused e) {
      versions.recordRefusal(number, actor(principal), e);
      throw e;
    }
  }

  @PostMapping("/rollback")
  Map<String, Object> rollback(Principal principal) {
    return summary(versions.rollback(actor(principal)));
  }

  @GetMapping("/audit")
  List<PolicyAudit.PolicyAuditEvent> audit(
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    return audit.latest(Math.max(1, Math.min(limit, 1000)));
  }

  // ---- errors: plain words, never a stack trace ----

  @ExceptionHandler(InvalidPolicyException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidPolicyException e) {
    Map<String, Object> body = error("invalid_policy", e.getMessage());
    body.put("problems", e.problems());
    return ResponseEntity.unprocessableContent().body(body);
  }

  @ExceptionHandler(PolicyUpload.Unusable.class)
  ResponseEntity<Map<String, Object>> unusable(PolicyUpload.Unusable e) {
    return ResponseEntity.badRequest().body(error("bad_upload", e.getMessage()));
  }

  @ExceptionHandler(PolicyVersions.NoSuchVersion.class)
  ResponseEntity<Map<String, Object>> noSuch(PolicyVersions.NoSuchVersion e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("not_found", e.getMessage()));
  }

  @ExceptionHandler(PolicyVersions.Refused.class)
  ResponseEntity<Map<String, Object>> refused(PolicyVersions.Refused e) {
    Map<String, Object> body = error(e.error(), e.getMessage());
    if (e.lint() != null) {
      body.put("lint", e.lint());
    }
    return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
  }

  private static Map<String, Object> error(String error, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("detail", detail);
    return body;
  }

  private Map<String, Object> summary(StoredVersion v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", v.number());
    out.put("contentHash", v.contentHash());
    out.put("state", v.state().name().toLowerCase(Locale.ROOT));
    out.put("inForceHere", v.number() == versions.inForceNumber());
    out.put("author", v.author());
    out.put("createdAt", v.createdAt());
    out.put("message", v.message());
    out.put("basedOn", v.basedOn());
    out.put("previousActive", v.previousActive());
    out.put("activatedAt", v.activatedAt());
    return out;
  }

  private static byte[] bytes(MultipartFile part) {
    try {
      return part.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String actor(Principal principal) {
    return principal == null ? "anonymous" : principal.getName();
  }

  private static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
