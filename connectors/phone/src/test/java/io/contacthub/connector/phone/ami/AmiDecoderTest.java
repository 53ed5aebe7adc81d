package io.contacthub.connector.phone.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmiDecoderTest {

  private final List<String> banners = new ArrayList<>();
  private final List<AmiMessage> messages = new ArrayList<>();
  private final AmiDecoder decoder = new AmiDecoder(banners::add, messages::add);

  @Test
  void readsBannerAndPacketsWhateverTheChunking() {
    // GIVEN the start of a session as Asterisk sends it
    String wire =
        "Asterisk Call Manager/7.0.3\r\n"
            + "Response: Success\r\nActionID: hub-login-1\r\nMessage: Authentication accepted\r\n\r\n"
            + "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-00000001\r\n"
            + "CallerIDNum: +14155550100\r\nCallerIDName: Jane Roe\r\nUniqueid: 1700000000.1\r\n"
            + "Linkedid: 1700000000.1\r\n\r\n";

    // WHEN it arrives one byte at a time
    for (byte b : wire.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      decoder.feed(Buffer.buffer(new byte[] {b}));
    }

    // THEN
    assertThat(banners).containsExactly("Asterisk Call Manager/7.0.3");
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).response()).isEqualTo("Success");
    assertThat(messages.get(0).get("actionid")).isEqualTo("hub-login-1");
    AmiMessage e = messages.get(1);
    assertThat(e.event()).isEqualTo("Newchannel");
    assertThat(e.get("CallerIDName")).isEqualTo("Jane Roe");
    assertThat(e.get("Linkedid")).isEqualTo("1700000000.1");
  }

  @Test
  void keepsRepeatedKeysAndValuesWithColonsAndAcceptsBareLineFeeds() {
    // WHEN
    decoder.feed(
        Buffer.buffer(
            "Event: VarSet\nChanVariable: A=1\nChanVariable: B=2\nValue: sip:201@10.0.0.1:5060\n\n"
                + "\n\nEvent: Hangup\nCause-txt: Normal Clearing\n\n"));

    // THEN empty lines between packets are no packets; every field is kept in order
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).fields())
        .extracting(java.util.Map.Entry::getValue)
        .containsExactly("VarSet", "A=1", "B=2", "sip:201@10.0.0.1:5060");
    assertThat(messages.get(1).get("Cause-txt")).isEqualTo("Normal Clearing");
  }

  @Test
  void refusesALineThatCannotBeAmi() {
    // WHEN a peer sends a megabyte without a line end
    Buffer garbage = Buffer.buffer("x".repeat(AmiDecoder.MAX_LINE + 1));

    // THEN
    assertThatThrownBy(() -> decoder.feed(garbage)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writesActionsAsCrlfPacketsAndRefusesLineBreaksInValues() {
    // WHEN
    String login = AmiActions.login("hub-login-1", "hub", "s3cret").toString();

    // THEN
    assertThat(login)
        .isEqualTo(
            "Action: Login\r\nUsername: hub\r\nSecret: s3cret\r\nActionID: hub-login-1\r\n"
                + "Events: on\r\n\r\n");
    assertThatThrownBy(() -> AmiActions.login("1", "hub", "x\r\nAction: Originate"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
