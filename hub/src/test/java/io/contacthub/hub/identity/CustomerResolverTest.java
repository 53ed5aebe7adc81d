package io.contacthub.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.IdentityType;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.NormalizedIdentity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerResolverTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final CustomerDirectory directory = new CustomerDirectory();
  private final CustomerResolver resolver = new CustomerResolver(directory);

  private static NormalizedIdentity email(String v, boolean verified) {
    return new NormalizedIdentity(IdentityType.EMAIL, v, verified);
  }

  private static NormalizedIdentity phone(String v, boolean verified) {
    return new NormalizedIdentity(IdentityType.PHONE, v, verified);
  }

  private String ingest(List<NormalizedIdentity> ids, Instant at) {
    CustomerResolver.Resolution r = resolver.resolve(ids, null, at, null);
    r.changed().forEach(directory::apply);
    return r.customerId();
  }

  @Test
  void oneCustomerPerIdentity() {
    String a = ingest(List.of(email("a@x.org", false)), T0);
    String again = ingest(List.of(email("a@x.org", false)), T0.plusSeconds(1));
    assertThat(again).isEqualTo(a);
    assertThat(directory.size()).isEqualTo(1);
  }

  @Test
  void newIdentitiesJoinTheSendersCustomer() {
    String a = ingest(List.of(email("a@x.org", false)), T0);
    String same = ingest(List.of(email("a@x.org", false), phone("+14155550100", false)), T0);
    assertThat(same).isEqualTo(a);
    assertThat(ingest(List.of(phone("+14155550100", false)), T0)).isEqualTo(a);
  }

  @Test
  void verifiedLinkMergesIntoTheOlderCustomer() {
    String older = ingest(List.of(email("a@x.org", true)), T0);
    String newer = ingest(List.of(phone("+14155550100", true)), T0.plusSeconds(60));
    assertThat(newer).isNotEqualTo(older);

    String merged =
        ingest(List.of(phone("+14155550100", true), email("a@x.org", true)), T0.plusSeconds(120));

    assertThat(merged).isEqualTo(older);
    assertThat(directory.root(newer)).get().extracting(Customer::id).isEqualTo(older);
    assertThat(directory.members(older)).containsExactlyInAnyOrder(older, newer);
    assertThat(directory.view(older).orElseThrow().identities())
        .extracting(NormalizedIdentity::key)
        .containsExactlyInAnyOrder("email:a@x.org", "phone:+14155550100");
  }

  @Test
  void unverifiedLinkNeverMerges() {
    String a = ingest(List.of(email("a@x.org", false)), T0);
    String b = ingest(List.of(phone("+14155550100", false)), T0);

    String who = ingest(List.of(email("a@x.org", true), phone("+14155550100", false)), T0);

    assertThat(who).isEqualTo(a);
    assertThat(directory.root(b)).get().extracting(Customer::id).isEqualTo(b);
    assertThat(directory.members(a)).containsExactly(a);
  }

  @Test
  void unknownSenderInAKnownThreadJoinsThatCustomer() {
    String a = ingest(List.of(email("a@x.org", false)), T0);
    CustomerResolver.Resolution r =
        resolver.resolve(List.of(email("a.private@home.org", false)), "A", T0, a);
    r.changed().forEach(directory::apply);
    assertThat(r.customerId()).isEqualTo(a);
    assertThat(directory.ownerOf(email("a.private@home.org", false))).contains(a);
  }

  @Test
  void verificationIsRememberedOnTheIdentity() {
    String a = ingest(List.of(email("a@x.org", false)), T0);
    ingest(List.of(email("a@x.org", true)), T0);
    assertThat(directory.get(a).orElseThrow().identities().get(0).verified()).isTrue();
  }
}
