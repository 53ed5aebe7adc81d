package io.contacthub.hub.timeline;

import static io.contacthub.hub.timeline.TimelineFields.CHANNEL;
import static io.contacthub.hub.timeline.TimelineFields.CONVERSATION;
import static io.contacthub.hub.timeline.TimelineFields.CUSTOMER;
import static io.contacthub.hub.timeline.TimelineFields.DEDUPE;
import static io.contacthub.hub.timeline.TimelineFields.DIRECTION;
import static io.contacthub.hub.timeline.TimelineFields.JSON;
import static io.contacthub.hub.timeline.TimelineFields.KIND;
import static io.contacthub.hub.timeline.TimelineFields.OCCURRED_AT;
import static io.contacthub.hub.timeline.TimelineFields.SEQ;
import static io.contacthub.hub.timeline.TimelineFields.SUBJECT;
import static io.contacthub.hub.timeline.TimelineFields.TEXT;
import static io.contacthub.hub.timeline.TimelineFields.THREAD_KEY;
import static io.contacthub.hub.timeline.TimelineFields.TYPE;
import static io.contacthub.hub.timeline.TimelineFields.UID;

import io.contacthub.hub.model.Conversation;
import io.contacthub.hub.model.Customer;
import io.contacthub.hub.model.Interaction;
import io.contacthub.hub.model.JsonStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * Maps interactions, customers and conversations to Lucene documents and back. Only the JSON is
 * stored; every other field is for matching, sorting or counting.
 */
final class TimelineDocuments {

  private TimelineDocuments() {}

  static Term interactionKey(String id) {
    return new Term(UID, TimelineFields.uid(TimelineFields.TYPE_INTERACTION, id));
  }

  static Term customerKey(String id) {
    return new Term(UID, TimelineFields.uid(TimelineFields.TYPE_CUSTOMER, id));
  }

  static Term conversationKey(String id) {
    return new Term(UID, TimelineFields.uid(TimelineFields.TYPE_CONVERSATION, id));
  }

  static Document interaction(Interaction i) {
    Document doc =
        typed(
            interactionKey(i.id()),
            TimelineFields.TYPE_INTERACTION,
            JsonStream.encode(i, Interaction::writeJson));
    keyword(doc, DEDUPE, i.dedupeKey());
    keyword(doc, CUSTOMER, i.customerId());
    keyword(doc, CONVERSATION, i.conversationId());
    keyword(doc, CHANNEL, i.channel().wireName());
    doc.add(new SortedDocValuesField(CHANNEL, new BytesRef(i.channel().wireName())));
    keyword(doc, DIRECTION, i.direction().wireName());
    keyword(doc, KIND, i.kind().wireName());
    i.threadKeys().forEach(key -> keyword(doc, THREAD_KEY, key));
    doc.add(new LongField(OCCURRED_AT, i.occurredAt().toEpochMilli(), Field.Store.NO));
    doc.add(new NumericDocValuesField(SEQ, i.seq()));
    text(doc, SUBJECT, i.subject());
    text(doc, TEXT, i.text());
    text(doc, TEXT, i.notesText());
    return doc;
  }

  static Document customer(Customer c) {
    return typed(
        customerKey(c.id()),
        TimelineFields.TYPE_CUSTOMER,
        JsonStream.encode(c, Customer::writeJson));
  }

  static Document conversation(Conversation c) {
    return typed(
        conversationKey(c.id()),
        TimelineFields.TYPE_CONVERSATION,
        JsonStream.encode(c, Conversation::writeJson));
  }

  /** The stored JSON of a document; {@code docId} is relative to {@code storedFields}' reader. */
  static JsonObject json(StoredFields storedFields, int docId) throws IOException {
    return new JsonObject(Buffer.buffer(jsonBytes(storedFields, docId)));
  }

  /** The stored JSON of a document as UTF-8, unparsed. */
  static byte[] jsonBytes(StoredFields storedFields, int docId) throws IOException {
    JsonVisitor visitor = new JsonVisitor();
    storedFields.document(docId, visitor);
    if (visitor.json == null) {
      throw new IllegalStateException("document " + docId + " has no stored JSON");
    }
    return visitor.json;
  }

  static Interaction interaction(StoredFields storedFields, int docId) throws IOException {
    return Interaction.fromJson(json(storedFields, docId));
  }

  private static Document typed(Term key, String type, byte[] json) {
    Document doc = new Document();
    doc.add(new StringField(key.field(), key.text(), Field.Store.NO));
    doc.add(new StringField(TYPE, type, Field.Store.NO));
    doc.add(new StoredField(JSON, json));
    return doc;
  }

  private static void keyword(Document doc, String field, String value) {
    if (value != null) {
      doc.add(new StringField(field, value, Field.Store.NO));
    }
  }

  private static void text(Document doc, String field, String value) {
    if (value != null && !value.isEmpty()) {
      doc.add(new TextField(field, value, Field.Store.NO));
    }
  }

  /** Reads the JSON field only, without building a {@link Document}. */
  private static final class JsonVisitor extends StoredFieldVisitor {
    private byte[] json;

    @Override
    public Status needsField(FieldInfo field) {
      if (json != null) {
        return Status.STOP;
      }
      return JSON.equals(field.name) ? Status.YES : Status.NO;
    }

    @Override
    public void binaryField(FieldInfo field, byte[] value) {
      json = value;
    }
  }
}
