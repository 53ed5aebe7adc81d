package io.contacthub.hub.offers;

import java.util.List;

/** A rule file that cannot be used, with every problem found in it. */
public final class InvalidRulesException extends Exception {

  private final List<String> problems;

  public InvalidRulesException(List<String> problems) {
    super(problems.size() + " problem(s) in the offer rules: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
