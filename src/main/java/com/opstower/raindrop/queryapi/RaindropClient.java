package com.opstower.raindrop.queryapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.config.RaindropApiConfig;
import com.opstower.raindrop.queryapi.Queries.ConversationQuery;
import com.opstower.raindrop.queryapi.Queries.CountQuery;
import com.opstower.raindrop.queryapi.Queries.EventQuery;
import com.opstower.raindrop.queryapi.Queries.FacetQuery;
import com.opstower.raindrop.queryapi.Queries.PageQuery;
import com.opstower.raindrop.queryapi.Queries.SearchQuery;
import com.opstower.raindrop.queryapi.Queries.TimeseriesQuery;
import com.opstower.raindrop.queryapi.Queries.TraceQuery;
import com.opstower.raindrop.queryapi.Wire.Conversation;
import com.opstower.raindrop.queryapi.Wire.Event;
import com.opstower.raindrop.queryapi.Wire.Facet;
import com.opstower.raindrop.queryapi.Wire.Page;
import com.opstower.raindrop.queryapi.Wire.Relevance;
import com.opstower.raindrop.queryapi.Wire.SearchPage;
import com.opstower.raindrop.queryapi.Wire.Signal;
import com.opstower.raindrop.queryapi.Wire.SignalGroup;
import com.opstower.raindrop.queryapi.Wire.Single;
import com.opstower.raindrop.queryapi.Wire.Timeseries;
import com.opstower.raindrop.queryapi.Wire.Total;
import com.opstower.raindrop.queryapi.Wire.User;
import com.opstower.raindrop.tool.ErrorCode;
import com.opstower.raindrop.tool.Redaction;
import com.opstower.raindrop.tool.ToolFailure;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one way to the Raindrop Query API. Owns the request headers, timeouts, bounded body reads, retries
 * (429, 5xx and connection failures, honouring Retry-After within a time budget) and the mapping of every
 * upstream failure to a {@link ToolFailure} the agent can act on.
 */
@ApplicationScoped
public class RaindropClient {

    private static final Logger LOG = Logger.getLogger(RaindropClient.class);
    private static final int ERROR_BODY_BYTES = 16 * 1024;
    /** Another attempt is made only if, after its wait, at least this much of the budget is left for it. */
    private static final Duration ROOM_FOR_AN_ATTEMPT = Duration.ofMillis(100);
    private static final Pattern DATE_RANGE = Pattern.compile("(?i)date|range|window|days?\\b|timestamp");

    private final QueryApi api;
    private final ObjectMapper json;
    private final RaindropApiConfig config;
    private final Backoff backoff;
    private final Guard retries;
    private final Clock clock;

    RaindropClient(RaindropApiConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.apiUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .userAgent("opstower-raindrop-connection/" + version)
                .disableDefaultMapper(true)
                .build(QueryApi.class);
        // The attempt itself decides whether another one fits (attempts left, budget left); the guard waits
        // the delay that attempt computed and runs it again.
        this.retries = Guard.create()
                .withRetry()
                    .maxRetries(Math.max(0, config.retry().maxAttempts() - 1))
                    .delay(0, ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(Math.max(1, config.retry().budget().toMillis() * 2), ChronoUnit.MILLIS)
                    .retryOn(RetryableFailure.class)
                    .withCustomBackoff().strategy(() -> cause -> ((RetryableFailure) cause).delayMillis).done()
                .done()
                .build();
    }

    public Page<Conversation> listConversations(Credentials connection, ConversationQuery query) {
        ResponseBody body = fetch(connection, "conversations", null,
                (api, auth) -> api.listConversations(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        return parse(body, new TypeReference<Page<Conversation>>() {
        });
    }

    public Conversation getConversation(Credentials connection, String conversationId) {
        ResponseBody body = fetch(connection, "conversation", conversationId,
                (api, auth) -> api.getConversation(auth, connection.projectId(), PathSegment.encode(conversationId)),
                config.maxResponseBytes());
        return single(parse(body, new TypeReference<Single<Conversation>>() {
        }));
    }

    public Page<Event> listEvents(Credentials connection, EventQuery query) {
        ResponseBody body = fetch(connection, "events", null,
                (api, auth) -> api.listEvents(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        return parse(body, new TypeReference<Page<Event>>() {
        });
    }

    public Event getEvent(Credentials connection, String eventId) {
        ResponseBody body = fetch(connection, "event", eventId,
                (api, auth) -> api.getEvent(auth, connection.projectId(), PathSegment.encode(eventId)),
                config.maxResponseBytes());
        return single(parse(body, new TypeReference<Single<Event>>() {
        }));
    }

    public Page<Signal> listSignals(Credentials connection, PageQuery query) {
        ResponseBody body = fetch(connection, "signals", null,
                (api, auth) -> api.listSignals(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        return parse(body, new TypeReference<Page<Signal>>() {
        });
    }

    public Page<SignalGroup> listSignalGroups(Credentials connection, PageQuery query) {
        ResponseBody body = fetch(connection, "signal groups", null,
                (api, auth) -> api.listSignalGroups(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        return parse(body, new TypeReference<Page<SignalGroup>>() {
        });
    }

    public Page<Signal> listGroupSignals(Credentials connection, String groupId, PageQuery query) {
        ResponseBody body = fetch(connection, "signal group", groupId,
                (api, auth) -> api.listGroupSignals(auth, connection.projectId(), PathSegment.encode(groupId), query.params()),
                config.maxResponseBytes());
        return parse(body, new TypeReference<Page<Signal>>() {
        });
    }

    /** A page of search results: the events, and their relevance scores read from the same body. */
    public SearchPage searchEvents(Credentials connection, SearchQuery query) {
        ResponseBody body = fetch(connection, "search", null,
                (api, auth) -> api.searchEvents(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        Page<Event> events = parse(body, new TypeReference<Page<Event>>() {
        });
        Page<Relevance> relevance = parse(body, new TypeReference<Page<Relevance>>() {
        });
        return new SearchPage(events, relevance.items().stream().map(r -> r == null ? null : r.relevanceScore()).toList());
    }

    public Total countEvents(Credentials connection, CountQuery query) {
        ResponseBody body = fetch(connection, "event count", null,
                (api, auth) -> api.countEvents(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        return single(parse(body, new TypeReference<Single<Total>>() {
        }));
    }

    public Timeseries eventTimeseries(Credentials connection, TimeseriesQuery query) {
        ResponseBody body = fetch(connection, "event time series", null,
                (api, auth) -> api.eventTimeseries(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        return single(parse(body, new TypeReference<Single<Timeseries>>() {
        }));
    }

    /** The top values of a field; the answer has no cursor. */
    public Page<Facet> eventFacets(Credentials connection, FacetQuery query) {
        ResponseBody body = fetch(connection, "event facets", null,
                (api, auth) -> api.eventFacets(auth, connection.projectId(), query.params()), config.maxResponseBytes());
        return parse(body, new TypeReference<Page<Facet>>() {
        });
    }

    public User getUser(Credentials connection, String userId) {
        ResponseBody body = fetch(connection, "user", userId,
                (api, auth) -> api.getUser(auth, connection.projectId(), PathSegment.encode(userId)), config.maxResponseBytes());
        return single(parse(body, new TypeReference<Single<User>>() {
        }));
    }

    /**
     * The {@code /v1/traces} body exactly as sent, read up to {@code maxBytes}, in the pieces it was read into.
     *
     * @throws ResponseTooLarge as soon as the body passes {@code maxBytes}
     */
    public ResponseBody traceJson(Credentials connection, TraceQuery query, long maxBytes) {
        return fetch(connection, "trace", null,
                (api, auth) -> api.listTraces(auth, connection.projectId(), query.params()), maxBytes);
    }

    /** Reads a body as JSON of the given shape straight from its pieces, or fails as a bad upstream response. */
    private <T> T parse(ResponseBody body, TypeReference<T> type) {
        try {
            T value = json.readValue(body.newInputStream(), type);
            if (value == null) {
                throw badResponse("an empty JSON document");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw badResponse(body.length() == 0 ? "an empty body" : "a body that is not the expected JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T single(Single<T> envelope) {
        if (envelope.data() == null) {
            throw badResponse("a body without `data`");
        }
        return envelope.data();
    }

    private ResponseBody fetch(Credentials connection, String resource, String id,
            BiFunction<QueryApi, String, Response> request, long maxBytes) {
        String authorization = "Bearer " + connection.apiKey();
        Instant deadline = clock.instant().plus(config.retry().budget());
        AtomicInteger attempt = new AtomicInteger();
        try {
            return retries.call(() -> attempt(attempt.incrementAndGet(), deadline, resource, id, maxBytes,
                    () -> request.apply(api, authorization), connection.apiKey()), ResponseBody.class);
        } catch (ToolFailure | ResponseTooLarge e) {
            throw e;
        } catch (RetryableFailure e) {
            // The guard stopped early (its own duration cap): report what the last attempt saw.
            throw e.failure;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected checked failure calling the Query API", e);
        }
    }

    private ResponseBody attempt(int attempt, Instant deadline, String resource, String id, long maxBytes,
            Supplier<Response> call, String apiKey) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw retryOrGiveUp(Math.max(1, attempt - 1), deadline, outOfTime(), Optional.empty());
        }
        try (AttemptDeadline timer = AttemptDeadline.start(left)) {
            try {
                return exchange(attempt, deadline, resource, id, maxBytes, call, apiKey);
            } catch (RuntimeException failure) {
                if (!timer.fired() || failure instanceof ResponseTooLarge) {
                    throw failure;
                }
                LOG.debugf("Query API %s attempt %d ran out of the call's time budget", resource, attempt);
                throw retryOrGiveUp(attempt, deadline, outOfTime(), Optional.empty());
            }
        }
    }

    /** One request and its answer, read within the attempt's deadline. */
    private ResponseBody exchange(int attempt, Instant deadline, String resource, String id, long maxBytes,
            Supplier<Response> call, String apiKey) {
        Response response;
        try {
            response = call.get();
        } catch (ProcessingException e) {
            LOG.debugf("Query API %s attempt %d could not connect or timed out: %s", resource, attempt, e.getClass().getSimpleName());
            throw retryOrGiveUp(attempt, deadline, unavailable("could not be reached or did not answer in time"), Optional.empty());
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return readBody(response, maxBytes, true, attempt, deadline);
            }
            // An error body may quote the key it was sent (as some APIs do for a rejected one): never pass it on.
            String message = Redaction.redact(upstreamMessage(readBody(response, ERROR_BODY_BYTES, false, attempt, deadline).toArray()), apiKey);
            LOG.debugf("Query API %s attempt %d answered HTTP %d", resource, attempt, status);
            throw switch (status) {
                case 401 ->  new ToolFailure(ErrorCode.AUTH_FAILED,
                        "Raindrop rejected the API key (HTTP 401" + detail(message) + ").",
                        "Check that the connection's key is an org API key (not an ingest write key), that it is not revoked, "
                                + "and that it belongs to the right workspace. Regenerate it in Raindrop under Settings > API Keys "
                                + "and update the connection.");
                case 403 -> new ToolFailure(ErrorCode.FORBIDDEN,
                        "Raindrop refused access to the project (HTTP 403" + detail(message) + "): it is archived or unknown.",
                        "Check the connection's project_id against the projects in Raindrop, or leave it out to use the Production project.");
                case 404 -> new ToolFailure(ErrorCode.NOT_FOUND,
                        "Raindrop has no " + resource + (id == null ? "" : " with id `" + id.replace('`', '\'') + "`")
                                + " (HTTP 404" + detail(message) + ").",
                        "Check the id: copy it exactly from list_conversations or list_events. If it is right, the "
                                + resource + " may belong to another project than this connection's.");
                case 400 -> badRequest(message);
                case 429 -> retryOrGiveUp(attempt, deadline, new ToolFailure(ErrorCode.RATE_LIMITED,
                        "Raindrop is rate limiting this API key (HTTP 429).",
                        "Wait before calling again, and make fewer calls at once (Raindrop allows about 400 requests a minute per key)."),
                        RetryAfter.parse(response.getHeaderString("retry-after-ms"), response.getHeaderString("Retry-After"), clock.instant()));
                case 500, 502, 503, 504 -> retryOrGiveUp(attempt, deadline,
                        unavailable("answered HTTP " + status + detail(message)),
                        RetryAfter.parse(response.getHeaderString("retry-after-ms"), response.getHeaderString("Retry-After"), clock.instant()));
                default -> badResponse("HTTP " + status + detail(message));
            };
        }
    }

    /** Another attempt if one is left and its wait fits the budget; else the failure itself, at once. */
    private RuntimeException retryOrGiveUp(int attempt, Instant deadline, ToolFailure failure, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElseGet(() -> backoff.after(attempt));
        Duration left = Duration.between(clock.instant(), deadline);
        boolean attemptsLeft = attempt < config.retry().maxAttempts();
        if (attemptsLeft && wait.plus(ROOM_FOR_AN_ATTEMPT).compareTo(left) <= 0) {
            return new RetryableFailure(wait.toMillis(), failure);
        }
        Long retryAfterSeconds = retryAfter.map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(null);
        if (failure.code() == ErrorCode.RATE_LIMITED && retryAfterSeconds == null) {
            retryAfterSeconds = Math.max(1, (backoff.max().toMillis() + 999) / 1000);
        }
        String tried = " Tried " + attempt + (attempt == 1 ? " time" : " times") + (attemptsLeft ? ", and the next wait would pass this call's time budget." : ".");
        return new ToolFailure(failure.code(), failure.getMessage() + tried, failure.nextStep(), retryAfterSeconds);
    }

    /** The body, read straight from the stream into pieces allocated as it arrives (see {@link ResponseBody}). */
    private ResponseBody readBody(Response response, long maxBytes, boolean strict, int attempt, Instant deadline) {
        if (!response.hasEntity()) {
            return ResponseBody.of(new byte[0]);
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            return ResponseBody.read(in, maxBytes, strict);
        } catch (IOException | ProcessingException e) {
            // A connection that breaks mid-answer is as transient as one that breaks before it.
            throw retryOrGiveUp(attempt, deadline, unavailable("closed the connection before the whole answer arrived"),
                    Optional.empty());
        }
    }

    /** The human part of an error body: {@code error.message}, a plain-string {@code error}, or {@code message}. */
    private String upstreamMessage(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null) {
                return null;
            }
            JsonNode error = root.path("error");
            JsonNode message = error.isTextual() ? error : error.path("message");
            if (!message.isTextual()) {
                message = root.path("message");
            }
            return message.isTextual() ? clip(message.asText()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String clip(String message) {
        String clean = message.replaceAll("\\s+", " ").strip();
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }

    private static String detail(String message) {
        return message == null || message.isEmpty() ? "" : ": " + message;
    }

    private static ToolFailure badRequest(String message) {
        if (message != null && DATE_RANGE.matcher(message).find()) {
            return new ToolFailure(ErrorCode.DATE_RANGE_LIMIT,
                    "Raindrop refused the time window (HTTP 400" + detail(message) + ").",
                    "Narrow the window to at most 14 days: give both timestamp_after and timestamp_before, 14 days apart or less.");
        }
        return ToolFailure.invalidArgument("Raindrop refused the request (HTTP 400" + detail(message) + ").",
                "Check the arguments named in the message and call again; project_id must be a lowercase slug.");
    }

    private ToolFailure outOfTime() {
        return unavailable("did not answer in time: this call's time budget of " + seconds(config.retry().budget()) + " ran out");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static ToolFailure unavailable(String what) {
        return new ToolFailure(ErrorCode.UPSTREAM_UNAVAILABLE, "The Raindrop Query API " + what + ".",
                "Try again in a minute; if it keeps failing, check Raindrop's status page.");
    }

    private static ToolFailure badResponse(String what) {
        return new ToolFailure(ErrorCode.UPSTREAM_BAD_RESPONSE,
                "The Raindrop Query API answered with " + what + ", not the JSON its contract describes.",
                "Try again later; if it persists, the API may have changed: report it with the tool name and arguments.");
    }

    /** One attempt failed in a way worth another try, after {@link #delayMillis}. */
    static final class RetryableFailure extends RuntimeException {
        final long delayMillis;
        final ToolFailure failure;

        RetryableFailure(long delayMillis, ToolFailure failure) {
            super(failure.getMessage(), null, false, false);
            this.delayMillis = delayMillis;
            this.failure = failure;
        }
    }
}
