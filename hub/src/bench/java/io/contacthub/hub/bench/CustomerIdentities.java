package io.contacthub.hub.bench;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The identities of corpus customer {@code index}, derived from the index and the seed alone: one
 * to three of email, phone, Telegram, Messenger and Instagram ids. Phone numbers are written in a
 * different format each time, as channels and agents do; the hub must normalize them to one.
 */
record CustomerIdentities(
    int index,
    String name,
    String email,
    String phone,
    String telegram,
    String messenger,
    String instagram) {

  private static final String[] FIRST = {
    "Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Keiko",
    "Liam", "Maria", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera",
    "Wei", "Ximena", "Yusuf", "Zoe"
  };
  private static final String[] LAST = {
    "Silva", "Meyer", "Dubois", "Rossi", "Novak", "Kim", "Okafor", "Larsen", "Garcia", "Ivanova",
    "Tanaka", "Smith", "Haddad", "Kowalski", "Murphy", "Lopez", "Fischer", "Singh", "Costa", "Berg"
  };
  private static final String[] DOMAINS = {"example.com", "example.org", "example.net"};

  /** Chosen without replacement by weight: email and phone are the common ones. */
  private static final int[] TYPE_WEIGHTS = {5, 4, 1, 1, 1};

  static CustomerIdentities of(int index, long seed) {
    Random r = new Random(seed * 1_000_003L + index);
    String first = FIRST[r.nextInt(FIRST.length)];
    String last = LAST[r.nextInt(LAST.length)];
    // The heavy customer (index 0) has an email and a phone, so every channel family reaches it.
    int count = index == 0 ? 2 : 1 + (r.nextInt(10) < 4 ? 0 : r.nextInt(10) < 7 ? 1 : 2);
    boolean[] has = new boolean[TYPE_WEIGHTS.length];
    if (index == 0) {
      has[0] = has[1] = true;
    }
    for (int picked = index == 0 ? 2 : 0; picked < count; picked++) {
      has[pickType(r, has)] = true;
    }
    String email =
        has[0]
            ? (r.nextInt(5) == 0 ? first : first.toLowerCase(Locale.ROOT))
                + "."
                + last.toLowerCase(Locale.ROOT)
                + "."
                + index
                + "@"
                + DOMAINS[index % DOMAINS.length]
            : null;
    String phone =
        has[1]
            ? String.format(Locale.ROOT, "1%03d555%04d", 201 + index / 10_000, index % 10_000)
            : null;
    return new CustomerIdentities(
        index,
        first + " " + last,
        email,
        phone,
        has[2] ? Long.toString(100_000_000L + index * 7L) : null,
        has[3] ? Long.toString(2_400_000_000_000_000L + index * 13L) : null,
        has[4] ? Long.toString(17_800_000_000_000_000L + index * 11L) : null);
  }

  private static int pickType(Random r, boolean[] has) {
    int total = 0;
    for (int t = 0; t < has.length; t++) {
      total += has[t] ? 0 : TYPE_WEIGHTS[t];
    }
    int x = r.nextInt(total);
    for (int t = 0; t < has.length; t++) {
      if (!has[t]) {
        x -= TYPE_WEIGHTS[t];
        if (x < 0) {
          return t;
        }
      }
    }
    throw new IllegalStateException("no identity type left");
  }

  int count() {
    int n = 0;
    for (String v : new String[] {email, phone, telegram, messenger, instagram}) {
      n += v == null ? 0 : 1;
    }
    return n;
  }

  /** The phone number (digits "1NPANXXXXXX") in one of the ways people write it. */
  static String formatPhone(String digits, Random r) {
    String area = digits.substring(1, 4);
    String exchange = digits.substring(4, 7);
    String line = digits.substring(7);
    return switch (r.nextInt(6)) {
      case 0 -> "+" + digits;
      case 1 -> digits;
      case 2 -> "+1 (" + area + ") " + exchange + "-" + line;
      case 3 -> area + "-" + exchange + "-" + line;
      case 4 -> "(" + area + ") " + exchange + " " + line;
      default -> "tel:+1-" + area + "-" + exchange + "-" + line;
    };
  }

  /** Every identity, verified (as a CRM sync or a signed-in channel would send them). */
  List<JsonObject> all(Random r) {
    List<JsonObject> out = new ArrayList<>();
    if (email != null) {
      out.add(identity("email", email, true).put("displayName", name));
    }
    if (phone != null) {
      out.add(identity("phone", formatPhone(phone, r), true));
    }
    if (telegram != null) {
      out.add(identity("telegram", telegram, true));
    }
    if (messenger != null) {
      out.add(identity("messenger", messenger, true));
    }
    if (instagram != null) {
      out.add(identity("instagram", instagram, true));
    }
    return out;
  }

  static JsonObject identity(String type, String value, boolean verified) {
    return new JsonObject().put("type", type).put("value", value).put("verified", verified);
  }
}
