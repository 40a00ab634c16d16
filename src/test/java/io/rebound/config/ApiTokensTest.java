package io.rebound.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

  @Test
  void aTokenAuthenticatesAsItsRoleUnderANameThatIsNotTheToken() {
    ApiTokens tokens = ApiTokens.parse(" viewer:abc , admin:def ");

    ApiTokens.Caller admin = tokens.authenticate("def").orElseThrow();
    String expectedHash = HexFormat.of().formatHex(ApiTokens.sha256("def")).substring(0, 8);
    assertThat(admin.role()).isEqualTo(Role.ADMIN);
    assertThat(admin.principal()).isEqualTo("admin-" + expectedHash).doesNotContain("def");
    assertThat(tokens.authenticate("abc").orElseThrow().role()).isEqualTo(Role.VIEWER);
    assertThat(tokens.authenticate("abcd")).isEmpty();
  }

  @Test
  void eachRoleIncludesTheOnesBelowIt() {
    assertThat(Role.ADMIN.authorities())
        .containsExactly("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_APPROVER", "ROLE_ADMIN");
    assertThat(Role.OPERATOR.authorities()).containsExactly("ROLE_VIEWER", "ROLE_OPERATOR");
    assertThat(Role.VIEWER.authorities()).containsExactly("ROLE_VIEWER");
  }

  @Test
  void misconfiguredTokensStopTheServiceWithAClearMessageWithoutTheToken() {
    assertThatThrownBy(() -> ApiTokens.parse("superuser:xyz123"))
        .hasMessageContaining("unknown role 'superuser'")
        .hasMessageNotContaining("xyz123");
    assertThatThrownBy(() -> ApiTokens.parse("justatoken"))
        .hasMessageContaining("role:token")
        .hasMessageNotContaining("justatoken");
  }
}
