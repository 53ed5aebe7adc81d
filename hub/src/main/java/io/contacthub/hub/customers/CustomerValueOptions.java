package io.contacthub.hub.customers;

import io.contacthub.connector.Channel;
import io.contacthub.hub.config.ConfigException;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code customers} section of hub.yaml: what a contact costs on each channel and which share
 * of customers by revenue is the "high" value segment.
 *
 * @param costPerContact cost of one interaction per channel (0 for channels not named)
 * @param highValueShare the top share of customers by revenue in segment {@code high}, (0, 1]
 * @param importMaxBytes largest import body accepted
 */
public record CustomerValueOptions(
    Map<Channel, Double> costPerContact, double highValueShare, long importMaxBytes) {

  public static final String HIGH = "high";
  public static final String STANDARD = "standard";
  public static final double DEFAULT_HIGH_VALUE_SHARE = 0.2;
  public static final long DEFAULT_IMPORT_MAX_BYTES = 10L * 1024 * 1024;

  public CustomerValueOptions {
    costPerContact = Map.copyOf(costPerContact);
    if (!(highValueShare > 0 && highValueShare <= 1)) {
      throw new ConfigException(
          "customers.highValueShare must be in (0, 1], was " + highValueShare);
    }
  }

  public double cost(Channel channel) {
    return costPerContact.getOrDefault(channel, 0.0);
  }

  public static CustomerValueOptions from(JsonObject section) {
    Map<Channel, Double> costs = new EnumMap<>(Channel.class);
    JsonObject given = section.getJsonObject("costPerContact", new JsonObject());
    for (String name : given.fieldNames()) {
      Channel channel =
          Channel.fromWireName(name)
              .orElseThrow(
                  () -> new ConfigException("customers.costPerContact: unknown channel " + name));
      double cost = number(given.getValue(name), "customers.costPerContact." + name);
      if (cost < 0) {
        throw new ConfigException("customers.costPerContact." + name + " must be >= 0");
      }
      costs.put(channel, cost);
    }
    double share =
        number(
            section.getValue("highValueShare", DEFAULT_HIGH_VALUE_SHARE),
            "customers.highValueShare");
    double max =
        number(
            section.getValue("importMaxBytes", DEFAULT_IMPORT_MAX_BYTES),
            "customers.importMaxBytes");
    if (max <= 0) {
      throw new ConfigException("customers.importMaxBytes must be positive");
    }
    return new CustomerValueOptions(costs, share, (long) max);
  }

  /** A number from YAML, or from an environment override (a string). */
  private static double number(Object value, String path) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(path + " must be a number, was " + value);
    }
  }
}
