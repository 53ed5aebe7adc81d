package io.contacthub.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void staffRolesIncludeTheOnesBelow() {
    assertThat(Role.ADMIN.includes(Role.SUPERVISOR)).isTrue();
    assertThat(Role.ADMIN.includes(Role.AGENT)).isTrue();
    assertThat(Role.SUPERVISOR.includes(Role.AGENT)).isTrue();
    assertThat(Role.AGENT.includes(Role.SUPERVISOR)).isFalse();
    assertThat(Role.SUPERVISOR.includes(Role.ADMIN)).isFalse();
  }

  @Test
  void serviceStandsApart() {
    assertThat(Role.SERVICE.includes(Role.SERVICE)).isTrue();
    assertThat(Role.SERVICE.includes(Role.AGENT)).isFalse();
    assertThat(Role.ADMIN.includes(Role.SERVICE)).isFalse();
    assertThat(Role.SERVICE.isStaff()).isFalse();
  }
}
