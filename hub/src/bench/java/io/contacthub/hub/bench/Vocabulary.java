package io.contacthub.hub.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The words of the corpus, ranked: English function words first, then contact-center words, then a
 * long tail of made-up words. Words are drawn with a Zipf distribution over the rank, so a few
 * words are in almost every message and most are rare, as in real text.
 */
final class Vocabulary {

  static final int SIZE = 30_000;

  private static final String FUNCTION_WORDS =
      "the i to and a my you is it of for on in this that have with be me your we can not was"
          + " please but are at will so do if what there from as would just they an or get has"
          + " been any when how did no our about all also thanks hello hi could still";

  private static final String DOMAIN_WORDS =
      "order account card payment refund delivery invoice password email phone number address"
          + " package shipping tracking cancel subscription plan upgrade charge charged twice"
          + " balance transfer bank statement login reset link error app website checkout cart"
          + " discount coupon code promotion price return exchange size color warranty repair"
          + " technician appointment schedule reschedule contract renewal fee late overdue"
          + " receipt confirmation damaged missing wrong item replacement store pickup courier"
          + " driver route delayed today tomorrow week month call callback agent manager"
          + " complaint feedback survey rating service support ticket case status update"
          + " verification identity document upload photo blocked locked unlock pin sim roaming"
          + " abroad travel data internet router wifi outage slow connection installation"
          + " modem cable bill billing credit debit limit interest rate loan mortgage insurance"
          + " claim policy coverage premium deductible hotel booking flight seat baggage"
          + " luggage boarding gate voucher points loyalty membership gift newsletter"
          + " unsubscribe privacy consent delete profile settings notification message chat"
          + " urgent asap waiting weeks days hours again problem issue help question answer";

  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fi", "go", "ha", "ju", "ke", "la",
    "mo", "nu", "pa", "re", "si", "to", "va", "ze", "bri", "dre", "gla", "pro", "sta", "tri", "qua",
    "zen", "mar", "tor", "lin", "ves"
  };

  private final String[] words;
  private final double[] cumulative;
  private final int domainStart;
  private final int domainEnd;

  Vocabulary(long seed) {
    Set<String> all = new LinkedHashSet<>(Arrays.asList(FUNCTION_WORDS.split(" ")));
    domainStart = all.size();
    all.addAll(Arrays.asList(DOMAIN_WORDS.split("\\s+")));
    domainEnd = all.size();
    Random random = new Random(seed);
    while (all.size() < SIZE) {
      StringBuilder w = new StringBuilder();
      int syllables = 2 + random.nextInt(3);
      for (int s = 0; s < syllables; s++) {
        w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      all.add(w.toString());
    }
    words = all.toArray(String[]::new);
    cumulative = new double[words.length];
    double sum = 0;
    for (int rank = 0; rank < words.length; rank++) {
      sum += 1.0 / (rank + 1);
      cumulative[rank] = sum;
    }
    for (int rank = 0; rank < words.length; rank++) {
      cumulative[rank] /= sum;
    }
  }

  /** A word drawn by its Zipf frequency. */
  String word(Random random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    return words[i >= 0 ? i : Math.min(-i - 1, words.length - 1)];
  }

  /** Sentences of {@code count} words in total, each capitalized and ending in a period. */
  String text(Random random, int count) {
    StringBuilder b = new StringBuilder(count * 7);
    int left = 0;
    for (int n = 0; n < count; n++) {
      String w = word(random);
      if (left == 0) {
        if (n > 0) {
          b.append(". ");
        }
        left = 6 + random.nextInt(11);
        b.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
      } else {
        b.append(' ').append(w);
      }
      left--;
    }
    return b.append('.').toString();
  }

  /** A contact-center word (an order, a refund, a password...). */
  String domainWord(Random random) {
    return words[domainStart + random.nextInt(domainEnd - domainStart)];
  }

  /** A word of the made-up tail, between rank {@code from} and {@code to}. */
  String tailWord(Random random, int from, int to) {
    return words[domainEnd + from + random.nextInt(to - from)];
  }

  /** An email subject: a few contact-center words. */
  String subject(Random random) {
    List<String> parts = new ArrayList<>();
    int n = 2 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      parts.add(i % 2 == 0 ? domainWord(random) : word(random));
    }
    String s = String.join(" ", parts);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
