package io.contacthub.connector.phone.ami;

import io.contacthub.connector.Direction;
import io.contacthub.connector.phone.PhoneNumbers;
import io.contacthub.connector.phone.call.CallEvent;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns AMI channel and queue events into the call events the CTI webhook speaks. A call is its
 * {@code Linkedid} (the {@code Uniqueid} of the channel that started it). An inbound call rings
 * when it joins a queue (the queue's members) or when an extension is dialed (that agent); it is
 * answered at {@code DialEnd: ANSWER}, {@code AgentConnect} or a second channel entering its
 * bridge; it ends when the originating channel hangs up. Calls between two extensions are not
 * customer calls and are skipped. {@code QueueCallerLeave} fires both when a caller is connected
 * and when they give up, so only {@code QueueCallerAbandon} marks an abandoned call.
 *
 * <p>Used on the AMI client's context only.
 */
public final class AmiCallMapper implements Consumer<AmiMessage> {

  private static final Logger LOG = LoggerFactory.getLogger(AmiCallMapper.class);
  private static final int MAX_CALLS = 10_000;

  private static final class CallInfo {
    private String from;
    private String to;
    private Direction direction;
    private Instant startedAt;
    private boolean internal;
    private boolean answered;
    private boolean abandoned;
    private String lastDialStatus;
  }

  private final PhoneNumbers numbers;
  private final Function<CallEvent, Future<?>> sink;
  private final Clock clock;
  private final LinkedHashMap<String, CallInfo> calls = new LinkedHashMap<>();

  public AmiCallMapper(PhoneNumbers numbers, Function<CallEvent, Future<?>> sink, Clock clock) {
    this.numbers = numbers;
    this.sink = sink;
    this.clock = clock;
  }

  @Override
  public void accept(AmiMessage m) {
    String event = m.event();
    String uniqueId = m.get("Uniqueid");
    String callId = m.get("Linkedid") != null ? m.get("Linkedid") : uniqueId;
    if (event == null || callId == null) {
      return;
    }
    boolean originating = callId.equals(uniqueId);
    switch (event) {
      case "Newchannel" -> {
        CallInfo c = known(callId, m, originating);
        if (c != null && c.direction == Direction.OUTBOUND) {
          emit(c, CallEvent.Type.RING, callId, m, null, List.of(c.from), null, null);
        }
      }
      case "QueueCallerJoin" -> {
        CallInfo c = inbound(callId, m, originating);
        if (c != null) {
          emit(c, CallEvent.Type.RING, callId, m, m.get("Queue"), List.of(), null, null);
        }
      }
      case "DialBegin" -> {
        CallInfo c = inbound(callId, m, originating);
        if (c != null) {
          emit(c, CallEvent.Type.RING, callId, m, null, dialed(m), null, null);
        }
      }
      case "DialEnd" -> dialEnd(callId, m, originating);
      case "AgentConnect" -> {
        CallInfo c = known(callId, m, originating);
        if (c != null) {
          answer(
              c,
              callId,
              m,
              ChannelNames.extension(m.get("Interface")),
              listOf(m.get("MemberName")));
        }
      }
      case "BridgeEnter" -> {
        CallInfo c = known(callId, m, originating);
        if (c != null && !originating) {
          // The other party's channel joined the caller's: talking. For an inbound call that
          // party is the agent's phone; for an outbound call, the customer.
          String agent =
              c.direction == Direction.INBOUND ? ChannelNames.extension(m.get("Channel")) : null;
          answer(c, callId, m, agent, List.of());
        }
      }
      case "QueueCallerAbandon" -> {
        CallInfo c = known(callId, m, originating);
        if (c != null) {
          c.abandoned = true;
        }
      }
      case "Hangup" -> {
        if (originating) {
          CallInfo c = calls.remove(callId);
          if (c != null && !c.internal) {
            emit(c, CallEvent.Type.HANGUP, callId, m, null, List.of(), null, cause(c, m));
          }
        }
      }
      default -> {}
    }
  }

  private void dialEnd(String callId, AmiMessage m, boolean originating) {
    CallInfo c = known(callId, m, originating);
    if (c == null) {
      return;
    }
    String status = m.get("DialStatus");
    if ("ANSWER".equalsIgnoreCase(status)) {
      String agent =
          c.direction == Direction.INBOUND ? dialed(m).stream().findFirst().orElse(null) : null;
      answer(c, callId, m, agent, List.of());
    } else if (status != null) {
      c.lastDialStatus = status.toUpperCase(java.util.Locale.ROOT);
    }
  }

  private void answer(
      CallInfo c, String callId, AmiMessage m, String answeringNumber, List<String> agents) {
    if (c.answered) {
      return;
    }
    c.answered = true;
    emit(c, CallEvent.Type.ANSWER, callId, m, null, agents, answeringNumber, null);
  }

  /** The call's info; first met on its originating channel (a Newchannel or any later event). */
  private CallInfo known(String callId, AmiMessage m, boolean originating) {
    CallInfo c = calls.get(callId);
    if (c == null && originating) {
      c = new CallInfo();
      c.from = m.get("CallerIDNum");
      c.to = m.get("Exten");
      c.startedAt = timestamp(m);
      boolean fromInside = numbers.internal(c.from);
      c.internal = fromInside && numbers.internal(c.to);
      c.direction = fromInside ? Direction.OUTBOUND : Direction.INBOUND;
      calls.put(callId, c);
      forgetOldest();
    }
    return c == null || c.internal ? null : c;
  }

  private CallInfo inbound(String callId, AmiMessage m, boolean originating) {
    CallInfo c = known(callId, m, originating);
    return c != null && c.direction == Direction.INBOUND && !c.answered ? c : null;
  }

  private void emit(
      CallInfo c,
      CallEvent.Type type,
      String callId,
      AmiMessage m,
      String queue,
      List<String> agents,
      String answeringNumber,
      String cause) {
    // A ring is dated when the call began (its first channel), not when a queue took it.
    Instant at = type == CallEvent.Type.RING ? c.startedAt : timestamp(m);
    CallEvent e =
        new CallEvent(
            type, callId, at, c.direction, c.from, c.to, queue, agents, answeringNumber, cause);
    sink.apply(e).onFailure(err -> LOG.warn("AMI call event {} {} not stored", type, callId, err));
  }

  /**
   * The hangup in the generic CTI vocabulary, so every source ends calls by the same rule. An
   * unanswered caller hanging up normally (Q.850 cause 16) gave up: {@code cancel}.
   */
  private static String cause(CallInfo c, AmiMessage m) {
    if (c.abandoned) {
      return "cancel";
    }
    if (c.answered) {
      return "normalClearing";
    }
    if (c.lastDialStatus != null) {
      switch (c.lastDialStatus) {
        case "NOANSWER" -> {
          return "noAnswer";
        }
        case "BUSY" -> {
          return "busy";
        }
        case "CONGESTION" -> {
          return "congestion";
        }
        case "CHANUNAVAIL" -> {
          return "notFound";
        }
        case "CANCEL" -> {
          return "cancel";
        }
        default -> {}
      }
    }
    String q850 = m.get("Cause");
    return switch (q850 == null ? "" : q850) {
      case "16" -> "cancel";
      case "17" -> "busy";
      case "18", "19", "21" -> "noAnswer";
      case "1", "3", "28" -> "notFound";
      case "34", "38", "41", "42" -> "congestion";
      default -> m.get("Cause-txt");
    };
  }

  /** Who a dial rings: the extension of the dialed channel, and its caller id number. */
  private static List<String> dialed(AmiMessage m) {
    List<String> keys = new ArrayList<>();
    String ext = ChannelNames.extension(m.get("DestChannel"));
    if (ext != null) {
      keys.add(ext);
    }
    String num = m.get("DestCallerIDNum");
    if (num != null && !num.isBlank() && !num.equals(ext) && !num.equals("<unknown>")) {
      keys.add(num);
    }
    return keys;
  }

  private Instant timestamp(AmiMessage m) {
    // Present when manager.conf sets timestampevents=yes: seconds since the epoch, fractional.
    String ts = m.get("Timestamp");
    if (ts != null) {
      try {
        BigDecimal s = new BigDecimal(ts.strip());
        return Instant.ofEpochSecond(
            s.longValue(), s.remainder(BigDecimal.ONE).movePointRight(9).longValue());
      } catch (NumberFormatException | ArithmeticException e) {
        LOG.debug("AMI Timestamp '{}' unreadable", ts);
      }
    }
    return clock.instant();
  }

  private static List<String> listOf(String v) {
    return v == null || v.isBlank() ? List.of() : List.of(v);
  }

  private void forgetOldest() {
    // A hangup that never came (lost connection) must not keep its call forever.
    Iterator<Map.Entry<String, CallInfo>> it = calls.entrySet().iterator();
    while (calls.size() > MAX_CALLS && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
