package io.rebound.remediation;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The kill switch: read by anyone who may read the API, flipped by an admin only. */
@RestController
@RequestMapping("/api/remediation/kill-switch")
class KillSwitchController {

  private final KillSwitch killSwitch;
  private final IncidentGateway incidents;

  KillSwitchController(KillSwitch killSwitch, IncidentGateway incidents) {
    this.killSwitch = killSwitch;
    this.incidents = incidents;
  }

  @GetMapping
  Map<String, Object> state() {
    return view();
  }

  @PutMapping
  Map<String, Object> set(@RequestBody Toggle body, Authentication who) {
    if (who == null
        || who.getAuthorities().stream().noneMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()))) {
      throw new RemediationApiException(
          403, "admin-only", "Only an admin may switch automatic remediation on or off");
    }
    if (body == null || body.enabled() == null) {
      throw new RemediationApiException(
          400, "enabled-required", "Send {\"enabled\": true} or {\"enabled\": false}");
    }
    killSwitch.set(body.enabled(), who.getName());
    return view();
  }

  private Map<String, Object> view() {
    return Map.of(
        "actionsAllowed", killSwitch.allowsActions(),
        "enabledInConfiguration", killSwitch.configuredOn(),
        "switchedOffByAdmin", killSwitch.switchedOffAtRuntime());
  }

  record Toggle(Boolean enabled) {}
}
