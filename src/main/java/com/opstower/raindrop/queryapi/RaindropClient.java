package com.opstower.raindrop.queryapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opstower.raindrop.config.RaindropApiConfig;
import com.opstower.raindrop.queryapi.QueryApiFailure.Kind;
import com.opstower.raindrop.queryapi.QueryApiFailure.Reason;
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
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

/**
 * The one way to the Raindrop Query API. Owns the request headers, timeouts, bounded body reads, retries
 * (429, 5xx and connection failures, honouring Retry-After within a time budget), and reports every upstream failure
 * as a {@link QueryApiFailure}: what happened, never what the agent should make of it.
 */
@ApplicationScoped
public class RaindropClient {

    private static final Logger LOG = Logger.getLogger(RaindropClient.class);
    private static final int ERROR_BODY_BYTES = 16 * 1024;
    /** Larger than any one socket read, so that each read reaches the caller in one piece. */
    private static final int BODY_CHUNK_BYTES = 1024 * 1024;
    /** Another attempt is made only if, after its wait, at least this much of the budget is left for it. */
    private static final Duration ROOM_FOR_AN_ATTEMPT = Duration.ofMillis(100);

    private final ObjectMapper json;
    private final RaindropApiConfig config;
    private final String userAgent;
    private final Backoff backoff;
    private final Clock clock;
    /** The REST client of the Query API; another one only while {@link #throughStandIn} runs. */
    private volatile QueryApi api;

    RaindropClient(RaindropApiConfig config, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.config = config;
        this.json = json;
        this.userAgent = "opstower-raindrop-connection/" + version;
        this.clock = Clock.systemUTC();
        this.backoff = new Backoff(config.retry().initialBackoff(), config.retry().maxBackoff());
        this.api = restClient(URI.create(config.apiUrl()));
    }

    private QueryApi restClient(URI baseUri) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .userAgent(userAgent)
                .disableDefaultMapper(true)
                .register(new UnfinishedBodies())
                // The body reaches the calling thread one HTTP chunk at a time, each a hand-over between threads: the
                // default 8 KiB cuts every socket read (up to 64 KiB) into up to eight, an 8.4 MB trace into about a
                // thousand. Measured on a whole get_trace call of that trace: fastest 74 ms at 8 KiB, 49 ms at 1 MiB.
                .property(QuarkusRestClientProperties.MAX_CHUNK_SIZE, BODY_CHUNK_BYTES)
                .build(QueryApi.class);
    }

    /**
     * Runs {@code work} with every call sent to {@code standIn} instead of the Query API, through a REST client of its
     * own that is closed afterwards (its connections with it): for priming the code paths of the calls, their
     * answers' parsing included, before a snapshot. Only while nothing else calls, as before a snapshot.
     */
    public void throughStandIn(URI standIn, Runnable work) {
        QueryApi own = api;
        QueryApi stand = restClient(standIn);
        api = stand;
        try {
            work.run();
        } finally {
            api = own;
            try {
                ((AutoCloseable) stand).close();
            } catch (Exception e) {
                LOG.debugf("Closing the stand-in's REST client failed: %s", e.getClass().getSimpleName());
            }
        }
    }

    public Page<Conversation> listConversations(Credentials connection, ConversationQuery query) {
        Call call = new Call(connection, "conversations", null);
        return parse(call, read(call, api -> api.listConversations(call.authorization(), connection.projectId(),
                query.params())), new TypeReference<Page<Conversation>>() {
                });
    }

    public Conversation getConversation(Credentials connection, String conversationId) {
        Call call = new Call(connection, "conversation", conversationId);
        return single(call, parse(call, read(call, api -> api.getConversation(call.authorization(), connection.projectId(),
                PathSegment.encode(conversationId))),
                new TypeReference<Single<Conversation>>() {
                }));
    }

    public Page<Event> listEvents(Credentials connection, EventQuery query) {
        Call call = new Call(connection, "events", null);
        return parse(call, read(call, api -> api.listEvents(call.authorization(), connection.projectId(), query.params())),
                new TypeReference<Page<Event>>() {
                });
    }

    public Event getEvent(Credentials connection, String eventId) {
        Call call = new Call(connection, "event", eventId);
        return single(call, parse(call, read(call, api -> api.getEvent(call.authorization(), connection.projectId(),
                PathSegment.encode(eventId))),
                new TypeReference<Single<Event>>() {
                }));
    }

    public Page<Signal> listSignals(Credentials connection, PageQuery query) {
        Call call = new Call(connection, "signals", null);
        return parse(call, read(call, api -> api.listSignals(call.authorization(), connection.projectId(), query.params())),
                new TypeReference<Page<Signal>>() {
                });
    }

    public Page<SignalGroup> listSignalGroups(Credentials connection, PageQuery query) {
        Call call = new Call(connection, "signal groups", null);
        return parse(call, read(call, api -> api.listSignalGroups(call.authorization(), connection.projectId(),
                query.params())), new TypeReference<Page<SignalGroup>>() {
                });
    }

    public Page<Signal> listGroupSignals(Credentials connection, String groupId, PageQuery query) {
        Call call = new Call(connection, "signal group", groupId);
        return parse(call, read(call, api -> api.listGroupSignals(call.authorization(), connection.projectId(),
                PathSegment.encode(groupId), query.params())), new TypeReference<Page<Signal>>() {
                });
    }

    /** A page of search results: the events, and their relevance scores read from the same body. */
    public SearchPage searchEvents(Credentials connection, SearchQuery query) {
        Call call = new Call(connection, "search", null);
        ResponseBody body = read(call, api -> api.searchEvents(call.authorization(), connection.projectId(), query.params()));
        Page<Event> events = parse(call, body, new TypeReference<Page<Event>>() {
        });
        Page<Relevance> relevance = parse(call, body, new TypeReference<Page<Relevance>>() {
        });
        return new SearchPage(events, relevance.items().stream().map(r -> r == null ? null : r.relevanceScore()).toList());
    }

    public Total countEvents(Credentials connection, CountQuery query) {
        Call call = new Call(connection, "event count", null);
        return single(call, parse(call, read(call, api -> api.countEvents(call.authorization(), connection.projectId(),
                query.params())), new TypeReference<Single<Total>>() {
                }));
    }

    public Timeseries eventTimeseries(Credentials connection, TimeseriesQuery query) {
        Call call = new Call(connection, "event time series", null);
        return single(call, parse(call, read(call, api -> api.eventTimeseries(call.authorization(), connection.projectId(),
                query.params())), new TypeReference<Single<Timeseries>>() {
                }));
    }

    /** The top values of a field; the answer has no cursor. */
    public Page<Facet> eventFacets(Credentials connection, FacetQuery query) {
        Call call = new Call(connection, "event facets", null);
        return parse(call, read(call, api -> api.eventFacets(call.authorization(), connection.projectId(), query.params())),
                new TypeReference<Page<Facet>>() {
                });
    }

    public User getUser(Credentials connection, String userId) {
        Call call = new Call(connection, "user", userId);
        return single(call, parse(call, read(call, api -> api.getUser(call.authorization(), connection.projectId(),
                PathSegment.encode(userId))), new TypeReference<Single<User>>() {
                }));
    }

    /** A list or single-object body, bounded by {@code raindrop.max-response-bytes}. */
    private ResponseBody read(Call call, Function<QueryApi, Response> request) {
        return fetch(call, request, config.maxResponseBytes(), ResponseBody.Layout.PIECES);
    }

    /**
     * The {@code /v1/traces} body exactly as sent, read up to {@code maxBytes}, held as {@code layout} says.
     *
     * @throws ResponseTooLarge as soon as the body passes {@code maxBytes}
     */
    public ResponseBody traceJson(Credentials connection, TraceQuery query, long maxBytes, ResponseBody.Layout layout) {
        Call call = new Call(connection, "trace", null);
        return fetch(call, api -> api.listTraces(call.authorization(), connection.projectId(), query.params()), maxBytes, layout);
    }

    /** Reads a body as JSON of the given shape straight from its pieces, or fails as a bad upstream response. */
    private <T> T parse(Call call, ResponseBody body, TypeReference<T> type) {
        try {
            T value = json.readValue(body.newInputStream(), type);
            if (value == null) {
                throw call.failure(Kind.BAD_RESPONSE, Reason.EMPTY_DOCUMENT, 0, null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw call.failure(Kind.BAD_RESPONSE, body.length() == 0 ? Reason.EMPTY_BODY : Reason.NOT_CONTRACT_JSON, 0, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T single(Call call, Single<T> envelope) {
        if (envelope.data() == null) {
            throw call.failure(Kind.BAD_RESPONSE, Reason.NO_DATA, 0, null);
        }
        return envelope.data();
    }

    /**
     * Attempts until one succeeds or gives up: each attempt decides itself whether another fits (attempts left, time
     * left) and how long to wait before it.
     */
    private ResponseBody fetch(Call call, Function<QueryApi, Response> request, long maxBytes, ResponseBody.Layout layout) {
        while (true) {
            try {
                return attempt(call, maxBytes, layout, () -> request.apply(api));
            } catch (RetryableFailure retry) {
                try {
                    Thread.sleep(retry.delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw retry.failure;
                }
            }
        }
    }

    private ResponseBody attempt(Call call, long maxBytes, ResponseBody.Layout layout, Supplier<Response> request) {
        int attempt = call.attempts.incrementAndGet();
        Duration left = Duration.between(clock.instant(), call.deadline);
        if (left.isNegative() || left.isZero()) {
            call.attempts.decrementAndGet();
            throw retryOrGiveUp(call, outOfTime(call), Optional.empty());
        }
        try (AttemptDeadline timer = AttemptDeadline.start(left)) {
            try {
                return exchange(call, maxBytes, layout, request);
            } catch (RuntimeException failure) {
                if (!timer.fired() || failure instanceof ResponseTooLarge) {
                    throw failure;
                }
                LOG.debugf("Query API %s attempt %d ran out of the call's time budget", call.resource, attempt);
                throw retryOrGiveUp(call, outOfTime(call), Optional.empty());
            }
        }
    }

    /** One request and its answer, read within the attempt's deadline. */
    private ResponseBody exchange(Call call, long maxBytes, ResponseBody.Layout layout, Supplier<Response> request) {
        Response response;
        try {
            response = request.get();
        } catch (ProcessingException e) {
            LOG.debugf("Query API %s attempt %d could not connect or timed out: %s", call.resource, call.attempts.get(),
                    e.getClass().getSimpleName());
            throw retryOrGiveUp(call, call.failure(Kind.UNAVAILABLE, Reason.UNREACHABLE, 0, null), Optional.empty());
        }
        try (response) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return readBody(call, response, maxBytes, true, layout);
            }
            // An error body may quote the key it was sent (as some APIs do for a rejected one): never pass it on.
            ResponseBody errorBody = readBody(call, response, ERROR_BODY_BYTES, false, ResponseBody.Layout.PIECES);
            String message = clip(call.masked(upstreamMessage(errorBody.toArray())));
            LOG.debugf("Query API %s attempt %d answered HTTP %d", call.resource, call.attempts.get(), status);
            Optional<Duration> retryAfter = RetryAfter.parse(response.getHeaderString("retry-after-ms"),
                    response.getHeaderString("Retry-After"), clock.instant());
            throw switch (status) {
                case 401 -> call.failure(Kind.KEY_REJECTED, Reason.HTTP_STATUS, status, message);
                case 403 -> call.failure(Kind.FORBIDDEN, Reason.HTTP_STATUS, status, message);
                case 404 -> call.failure(Kind.NOT_FOUND, Reason.HTTP_STATUS, status, message);
                case 400 -> call.failure(Kind.BAD_REQUEST, Reason.HTTP_STATUS, status, message);
                case 429 -> retryOrGiveUp(call, call.failure(Kind.RATE_LIMITED, Reason.HTTP_STATUS, status, message), retryAfter);
                case 500, 502, 503, 504 ->
                        retryOrGiveUp(call, call.failure(Kind.UNAVAILABLE, Reason.HTTP_STATUS, status, message), retryAfter);
                default -> call.failure(Kind.BAD_RESPONSE, Reason.HTTP_STATUS, status, message);
            };
        }
    }

    /**
     * Another attempt if one is left and its wait fits the budget; else the failure itself, at once, with the attempts
     * made and the wait to advise: the upstream's, or for a rate limit without one the longest backoff.
     */
    private RuntimeException retryOrGiveUp(Call call, QueryApiFailure failure, Optional<Duration> retryAfter) {
        int attempt = Math.max(1, call.attempts.get());
        Duration wait = retryAfter.orElseGet(() -> backoff.after(attempt));
        Duration left = Duration.between(clock.instant(), call.deadline);
        boolean attemptsLeft = attempt < config.retry().maxAttempts();
        if (attemptsLeft && wait.plus(ROOM_FOR_AN_ATTEMPT).compareTo(left) <= 0) {
            return new RetryableFailure(wait.toMillis(), failure);
        }
        Duration advised = retryAfter.orElse(failure.kind() == Kind.RATE_LIMITED ? backoff.max() : null);
        return failure.afterRetries(attempt, attemptsLeft, advised);
    }

    /**
     * The body, read straight from the stream (see {@link ResponseBody}); a strict one announced past its bound is
     * refused unread.
     */
    private ResponseBody readBody(Call call, Response response, long maxBytes, boolean strict, ResponseBody.Layout layout) {
        if (!response.hasEntity()) {
            return ResponseBody.of(new byte[0]);
        }
        long announced = response.getLength();
        try (InputStream in = response.readEntity(InputStream.class)) {
            if (strict && announced > maxBytes) {
                throw new ResponseTooLarge(maxBytes);
            }
            return layout == ResponseBody.Layout.ONE_ARRAY && announced >= 0 && announced <= maxBytes
                    ? ResponseBody.readExactly(in, (int) announced)
                    : ResponseBody.read(in, maxBytes, strict);
        } catch (IOException | ProcessingException e) {
            // A connection that breaks mid-answer is as transient as one that breaks before it.
            throw retryOrGiveUp(call, call.failure(Kind.UNAVAILABLE, Reason.CUT_OFF, 0, null), Optional.empty());
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
            return message.isTextual() ? message.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whitespace folded and cut to 300 characters; masked first, so that no cut can leave part of a key. */
    private static String clip(String message) {
        if (message == null) {
            return null;
        }
        String clean = message.replaceAll("\\s+", " ").strip();
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }

    private static QueryApiFailure outOfTime(Call call) {
        return call.failure(Kind.UNAVAILABLE, Reason.OUT_OF_TIME, 0, null);
    }

    /**
     * One call of the API: what it asks for, with which key, until when, and the attempts made so far. It ends within
     * its budget, and within the invocation's deadline less the reserve when the invocation has one.
     */
    private final class Call {
        final Credentials connection;
        final String resource;
        final String id;
        final Duration budget;
        final boolean budgetCutByDeadline;
        final Instant deadline;
        final AtomicInteger attempts = new AtomicInteger();

        Call(Credentials connection, String resource, String id) {
            this.connection = connection;
            this.resource = resource;
            this.id = id;
            Instant now = clock.instant();
            Duration budget = config.retry().budget();
            Optional<Duration> left = InvocationDeadline.current()
                    .map(end -> Duration.between(now, end.minus(config.retry().deadlineReserve())));
            this.budgetCutByDeadline = left.filter(l -> l.compareTo(budget) < 0).isPresent();
            this.budget = budgetCutByDeadline ? (left.get().isNegative() ? Duration.ZERO : left.get()) : budget;
            this.deadline = now.plus(this.budget);
        }

        String authorization() {
            return "Bearer " + connection.apiKey();
        }

        String masked(String text) {
            return text == null || connection.apiKey().isEmpty() ? text : text.replace(connection.apiKey(), "***");
        }

        QueryApiFailure failure(Kind kind, Reason reason, int status, String upstreamMessage) {
            return new QueryApiFailure(kind, reason, status, upstreamMessage, resource, id, Math.max(1, attempts.get()),
                    false, null, budget, budgetCutByDeadline);
        }
    }

    /** One attempt failed in a way worth another try, after {@link #delayMillis}. */
    static final class RetryableFailure extends RuntimeException {
        final long delayMillis;
        final QueryApiFailure failure;

        RetryableFailure(long delayMillis, QueryApiFailure failure) {
            super(failure.getMessage(), null, false, false);
            this.delayMillis = delayMillis;
            this.failure = failure;
        }
    }
}
