package io.contacthub.hub.api;

import static io.contacthub.hub.api.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.contacthub.connector.Channel;
import io.contacthub.connector.Direction;
import io.contacthub.hub.model.ConversationStatus;
import io.contacthub.hub.model.InboxRequest;
import io.contacthub.hub.model.SearchRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QueryApiTest extends ApiServerTest {

  private static HttpResponse<Buffer> get(String uri) {
    return api.as("alice", HttpMethod.GET, uri).send().await();
  }

  @Test
  void customerByIdAndMergedId() {
    HttpResponse<Buffer> current = get("/api/v1/customers/c-1");
    HttpResponse<Buffer> merged = get("/api/v1/customers/c-old");

    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(current.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(current.bodyAsJsonObject().getString("customerId")).isEqualTo("c-1");
    assertThat(merged.bodyAsJsonObject().getString("customerId")).isEqualTo("c-1");
  }

  @Test
  void unknownCustomerIs404Problem() {
    assertThat(assertProblem(get("/api/v1/customers/nobody"), 404)).contains("nobody");
  }

  @Test
  void customerByIdentity() {
    HttpResponse<Buffer> found = get("/api/v1/customers?identity=email%3Aada%40example.com");
    HttpResponse<Buffer> missing =
        get("/api/v1/customers?identity=phone%3A%2B1%20415%20555%200100");
    String lookedUp = api.query.lastIdentity;
    HttpResponse<Buffer> absent = get("/api/v1/customers");

    assertThat(found.bodyAsJsonObject().getString("customerId")).isEqualTo("c-1");
    assertProblem(missing, 404);
    assertThat(lookedUp).isEqualTo("phone:+1 415 555 0100");
    assertThat(assertProblem(absent, 400)).contains("identity");
  }

  @Test
  void timelinePassesCursorAndLimit() {
    HttpResponse<Buffer> response = get("/api/v1/customers/c-1/timeline?cursor=abc&limit=5");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getString("nextCursor")).isEqualTo("n1");
    assertThat(response.bodyAsJsonObject().getJsonArray("items")).hasSize(1);
    assertThat(api.query.lastTimeline).isEqualTo("c-1|abc|5");
  }

  @Test
  void timelineLimitOutOfRangeIs400() {
    assertThat(assertProblem(get("/api/v1/customers/c-1/timeline?limit=5000"), 400))
        .contains("limit");
  }

  @Test
  void badCursorIs400() {
    assertThat(assertProblem(get("/api/v1/customers/c-1/timeline?cursor=bad"), 400))
        .contains("cursor");
    assertThat(assertProblem(get("/api/v1/search?q=x&cursor=bad"), 400)).contains("cursor");
    assertThat(assertProblem(get("/api/v1/search?q=x&cursor=stale"), 400)).contains("cursor");
  }

  @Test
  void conversationsOfCustomer() {
    HttpResponse<Buffer> response = get("/api/v1/customers/c-1/conversations");

    assertThat(
            response.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("status"))
        .isEqualTo("open");
  }

  @Test
  void interactionById() {
    assertThat(get("/api/v1/interactions/i-1").bodyAsJsonObject().getString("text"))
        .isEqualTo("Where is my order?");
    assertProblem(get("/api/v1/interactions/i-404"), 404);
  }

  @Test
  void mergeAndSplit() {
    JsonObject source = new JsonObject().put("sourceCustomerId", "c-2");

    HttpResponse<Buffer> merged =
        api.as("alice", HttpMethod.POST, "/api/v1/customers/c-1/merge")
            .sendJsonObject(source)
            .await();
    HttpResponse<Buffer> split =
        api.as("alice", HttpMethod.POST, "/api/v1/customers/c-1/split")
            .sendJsonObject(source)
            .await();
    HttpResponse<Buffer> empty =
        api.as("alice", HttpMethod.POST, "/api/v1/customers/c-1/merge")
            .sendJsonObject(new JsonObject())
            .await();

    assertThat(merged.bodyAsJsonObject().getString("customerId")).isEqualTo("c-1");
    assertThat(split.bodyAsJsonObject().getString("customerId")).isEqualTo("c-2");
    assertThat(assertProblem(empty, 400)).contains("sourceCustomerId");
  }

  @Test
  void conversationStatusByPostAndPatch() {
    HttpResponse<Buffer> posted =
        api.as("alice", HttpMethod.POST, "/api/v1/conversations/v-1/status")
            .sendJsonObject(new JsonObject().put("status", "resolved"))
            .await();
    HttpResponse<Buffer> patched =
        api.as("alice", HttpMethod.PATCH, "/api/v1/conversations/v-1")
            .sendJsonObject(new JsonObject().put("status", "pending"))
            .await();
    HttpResponse<Buffer> invalid =
        api.as("alice", HttpMethod.PATCH, "/api/v1/conversations/v-1")
            .sendJsonObject(new JsonObject().put("status", "closed"))
            .await();

    assertThat(posted.bodyAsJsonObject().getString("status")).isEqualTo("resolved");
    assertThat(patched.bodyAsJsonObject().getString("status")).isEqualTo("pending");
    assertThat(assertProblem(invalid, 400)).contains("status");
    assertThat(get("/api/v1/conversations/v-1").bodyAsJsonObject().getString("conversationId"))
        .isEqualTo("v-1");
  }

  @Test
  void searchMapsEveryParameter() {
    HttpResponse<Buffer> response =
        get(
            "/api/v1/search?q=order&customerId=c-1&channel=email&channel=phone&direction=inbound"
                + "&conversationId=v-1&from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z"
                + "&sort=time&cursor=abc&limit=7");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getLong("total")).isEqualTo(1);
    assertThat(body.getJsonObject("facets").getJsonObject("channel").getLong("email")).isEqualTo(1);
    assertThat(body.getJsonArray("hits").getJsonObject(0).getString("snippet"))
        .contains("<mark>order</mark>");
    SearchRequest r = api.query.lastSearch;
    assertThat(r.query()).isEqualTo("order");
    assertThat(r.customerIds()).containsExactly("c-1");
    assertThat(r.channels()).containsExactlyInAnyOrder(Channel.EMAIL, Channel.PHONE);
    assertThat(r.direction()).isEqualTo(Direction.INBOUND);
    assertThat(r.conversationId()).isEqualTo("v-1");
    assertThat(r.from()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(r.to()).isEqualTo(Instant.parse("2025-12-31T00:00:00Z"));
    assertThat(r.sort()).isEqualTo(SearchRequest.Sort.TIME);
    assertThat(r.cursor()).isEqualTo("abc");
    assertThat(r.limit()).isEqualTo(7);
  }

  @Test
  void inboxMapsFiltersAndAnswersItemsWithPreview() {
    HttpResponse<Buffer> response =
        get("/api/v1/conversations?status=open&status=pending&channel=email&cursor=c1&limit=5");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject item = response.bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertThat(item.getString("conversationId")).isEqualTo("v-1");
    assertThat(item.getString("customerDisplayName")).isEqualTo("Ada");
    assertThat(item.getJsonObject("lastInteraction").getString("preview"))
        .isEqualTo("Where is my order?");
    assertThat(response.bodyAsJsonObject().getString("nextCursor")).isEqualTo("n1");
    InboxRequest r = api.query.lastInbox;
    assertThat(r.statuses())
        .containsExactlyInAnyOrder(ConversationStatus.OPEN, ConversationStatus.PENDING);
    assertThat(r.channels()).containsExactly(Channel.EMAIL);
    assertThat(r.cursor()).isEqualTo("c1");
    assertThat(r.limit()).isEqualTo(5);
  }

  @Test
  void inboxDefaultsAndRejectsUnknownStatus() {
    get("/api/v1/conversations");
    assertThat(api.query.lastInbox.statuses()).isEmpty();
    assertThat(api.query.lastInbox.limit()).isEqualTo(50);
    assertThat(api.query.lastInbox.scope()).as("view=all narrows nothing").isNull();
    assertThat(assertProblem(get("/api/v1/conversations?status=lost"), 400)).contains("status");
  }

  @Test
  void queryParametersAreDecodedOnce() {
    HttpResponse<Buffer> response = get("/api/v1/search?q=50%25+off%2Bmore&cursor=a%2Bb%3D");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.query.lastSearch.query()).isEqualTo("50% off+more");
    assertThat(api.query.lastSearch.cursor()).isEqualTo("a+b=");
  }

  @Test
  void searchDefaultsSortByRelevanceOnlyWithAQuery() {
    get("/api/v1/search?q=order");
    SearchRequest withQuery = api.query.lastSearch;
    get("/api/v1/search");
    SearchRequest withoutQuery = api.query.lastSearch;

    assertThat(withQuery.sort()).isEqualTo(SearchRequest.Sort.RELEVANCE);
    assertThat(withQuery.limit()).isEqualTo(SearchRequest.DEFAULT_LIMIT);
    assertThat(withoutQuery.sort()).isEqualTo(SearchRequest.Sort.TIME);
    assertThat(withoutQuery.channels()).isNull();
  }

  @Test
  void searchRejectsUnknownChannel() {
    assertThat(assertProblem(get("/api/v1/search?channel=fax"), 400)).contains("channel");
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405() {
    assertThat(assertProblem(get("/api/v1/nothing-here"), 404)).contains("/api/v1/nothing-here");
    assertProblem(api.request(HttpMethod.GET, "/no/such/page").send().await(), 404);
    assertProblem(api.as("alice", HttpMethod.DELETE, "/api/v1/customers/c-1").send().await(), 405);
  }

  @Test
  void unexpectedFailureIsGeneric500() {
    String detail = assertProblem(get("/api/v1/customers/boom"), 500);

    assertThat(detail).doesNotContain("corrupt").doesNotContain("/var/x");
  }

  @Test
  void unavailableIs503WithRetryAfter() {
    HttpResponse<Buffer> response = get("/api/v1/customers/busy");

    assertProblem(response, 503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("7");
  }

  @Test
  void keepsServingAfterBadInput() {
    for (String uri :
        new String[] {
          "/api/v1/search?limit=-1", "/api/v1/customers/boom", "/api/v1/search?from=never"
        }) {
      assertThat(get(uri).statusCode()).isBetween(400, 599);
    }

    assertThat(get("/api/v1/customers/c-1").statusCode()).isEqualTo(200);
  }
}
