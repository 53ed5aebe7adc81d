package io.contacthub.hub.customers;

import io.contacthub.connector.Identity;
import io.contacthub.connector.IdentityType;
import io.contacthub.hub.model.HubException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CRM export: JSON lines (one object per line) or CSV with a header row. Columns / keys:
 * {@code email}, {@code phone}, {@code externalId} (at least one), {@code name}, {@code revenue},
 * {@code products} and {@code tags} (arrays; in CSV separated by {@code ;}), {@code accountOwner};
 * anything else is a free attribute. The whole upload is read before anything is applied, so a bad
 * row rejects the import (400) instead of leaving it half done.
 */
public final class CrmImportParser {

  private static final Map<String, IdentityType> IDENTITY_KEYS =
      Map.of(
          "email",
          IdentityType.EMAIL,
          "phone",
          IdentityType.PHONE,
          "externalId",
          IdentityType.EXTERNAL);
  private static final Set<String> KNOWN =
      Set.of(
          "email",
          "phone",
          "externalId",
          "name",
          CustomerAttributes.REVENUE,
          CustomerAttributes.PRODUCTS,
          CustomerAttributes.TAGS,
          CustomerAttributes.ACCOUNT_OWNER,
          "attributes");

  private CrmImportParser() {}

  public static List<CrmRecord> jsonLines(String body) {
    List<CrmRecord> out = new ArrayList<>();
    String[] lines = body.split("\r?\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonObject row;
      try {
        row = new JsonObject(line);
      } catch (DecodeException | ClassCastException e) {
        throw bad(n + 1, "not a JSON object");
      }
      JsonObject free = row.getJsonObject("attributes", new JsonObject()).copy();
      row.fieldNames().stream()
          .filter(k -> !KNOWN.contains(k))
          .forEach(k -> free.put(k, row.getValue(k)));
      out.add(
          record(
              n + 1,
              row.getString("email"),
              row.getString("phone"),
              row.getString("externalId"),
              row.getString("name"),
              row.getValue(CustomerAttributes.REVENUE),
              list(n + 1, row.getValue(CustomerAttributes.PRODUCTS)),
              list(n + 1, row.getValue(CustomerAttributes.TAGS)),
              row.getString(CustomerAttributes.ACCOUNT_OWNER),
              free));
    }
    return out;
  }

  public static List<CrmRecord> csv(String body) {
    CSVFormat format =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get();
    List<CrmRecord> out = new ArrayList<>();
    // Spreadsheet exports often start with a byte-order mark, which would rename the first column.
    String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<String> header = parser.getHeaderNames();
      for (CSVRecord r : parser) {
        int line = (int) r.getRecordNumber() + 1;
        JsonObject free = new JsonObject();
        for (String column : header) {
          String v = r.isSet(column) ? r.get(column) : "";
          if (!KNOWN.contains(column) && !v.isEmpty()) {
            free.put(column, v);
          }
        }
        out.add(
            record(
                line,
                cell(r, "email"),
                cell(r, "phone"),
                cell(r, "externalId"),
                cell(r, "name"),
                cell(r, CustomerAttributes.REVENUE),
                split(cell(r, CustomerAttributes.PRODUCTS)),
                split(cell(r, CustomerAttributes.TAGS)),
                cell(r, CustomerAttributes.ACCOUNT_OWNER),
                free));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw HubException.badRequest("unreadable CSV: " + e.getMessage());
    }
    return out;
  }

  private static CrmRecord record(
      int line,
      String email,
      String phone,
      String externalId,
      String name,
      Object revenue,
      List<String> products,
      List<String> tags,
      String accountOwner,
      JsonObject free) {
    List<Identity> ids = new ArrayList<>();
    Map<String, String> given = new java.util.LinkedHashMap<>();
    given.put("email", email);
    given.put("phone", phone);
    given.put("externalId", externalId);
    given.forEach(
        (key, value) -> {
          if (value != null && !value.isBlank()) {
            ids.add(Identity.of(IDENTITY_KEYS.get(key), value.strip(), false));
          }
        });
    if (ids.isEmpty()) {
      throw bad(line, "needs an email, phone or externalId to find the customer");
    }
    for (String key : free.fieldNames()) {
      if (CustomerAttributes.COMPUTED.contains(key)) {
        throw bad(line, "attribute " + key + " is computed by the hub and cannot be imported");
      }
    }
    return new CrmRecord(
        line,
        ids,
        blankToNull(name),
        revenue(line, revenue),
        products,
        tags,
        blankToNull(accountOwner),
        free);
  }

  private static Double revenue(int line, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      return null;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value).strip());
    } catch (NumberFormatException e) {
      throw bad(line, "revenue must be a number, was " + value);
    }
  }

  private static List<String> list(int line, Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray a)) {
      throw bad(line, "products and tags must be arrays of strings");
    }
    return a.stream().map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> split(String cell) {
    return cell == null
        ? null
        : Arrays.stream(cell.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String cell(CSVRecord r, String column) {
    return r.isMapped(column) && r.isSet(column) ? blankToNull(r.get(column)) : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static HubException bad(int line, String why) {
    return HubException.badRequest("line " + line + ": " + why);
  }
}
