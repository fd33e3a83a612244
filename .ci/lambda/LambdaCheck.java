import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs every tool of {@code function.zip} the way Lambda runs it: one execution environment per tool and launch mode
 * ({@link LaunchMode}), the function's configuration from {@code serverless.yml} ({@link LambdaFunctions}), the
 * Runtime API stand-in, the sample workspace as the Query API and the embedded S3 store. For each it asserts the
 * answer of a normal call (and get_trace's file, downloaded from its presigned URL), an upstream failure (a rejected
 * key), a malformed event, a call whose deadline is near while the upstream rate-limits (it must answer before the
 * deadline), and a warm call after those; per mode, a function whose configuration cannot start must report
 * {@code init/error}. No key may appear in any answer, error, log line or stored object.
 *
 * <pre>
 * java LambdaCheck --task DIR --runtime-client DIR [--modes jvm-snapstart,jvm] [--tools a,b] [--logs DIR]
 *     [--registry DIR]
 * </pre>
 *
 * The tools come from the registry in the task's classes, or in {@code --registry} (classes and {@code lib/}) when
 * the task holds none: a native {@code function.zip} holds only its executable.
 */
public final class LambdaCheck {

    static final String CONFIGURED_KEY = StandIns.CONFIGURED_KEY;
    static final String REQUEST_KEY = StandIns.REQUEST_KEY;
    /** A key the Query API stand-in rejects. */
    static final String REJECTED_KEY = "rk_lambda_check_rejected_0e44";
    static final String PROJECT = StandIns.PROJECT;
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(90);
    static final Duration CALL_TIME = Duration.ofSeconds(60);
    /** The deadline case: the time left to the invocation, less than the upstream's rate-limited retries would take. */
    static final Duration NEAR_DEADLINE = Duration.ofMillis(2500);

    static final ObjectMapper JSON = SampleCalls.JSON;

    final Path taskRoot;
    final Path logs;
    final StandIns standIns;
    final Map<String, LambdaFunctions.Function> functions;
    final SampleCalls calls;
    final List<String> failures = new ArrayList<>();
    int passed;

    LambdaCheck(Path taskRoot, Path logs, StandIns standIns) {
        this.taskRoot = taskRoot;
        this.logs = logs;
        this.standIns = standIns;
        this.functions = standIns.functions;
        this.calls = new SampleCalls(standIns.queryApi.workspace);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path taskRoot = Path.of(options.get("task")).toAbsolutePath();
        Path runtimeClient = Path.of(options.get("runtime-client"));
        List<LaunchMode> modes = LaunchMode.named(options.getOrDefault("modes", "jvm-snapstart,jvm"), runtimeClient);
        Path logs = Path.of(options.getOrDefault("logs", "target/lambda-check/logs"));
        Map<String, LambdaFunctions.Function> functions = LambdaFunctions.read(LambdaFunctions.TEMPLATE);
        List<Registry.Tool> tools = Registry.tools(Path.of(options.getOrDefault("registry", taskRoot.toString())));
        if (options.containsKey("tools")) {
            Set<String> only = Set.of(options.get("tools").split(","));
            tools = tools.stream().filter(t -> only.contains(t.name())).toList();
        }

        try (StandIns standIns = new StandIns(functions)) {
            LambdaCheck check = new LambdaCheck(taskRoot, logs, standIns);
            for (LaunchMode mode : modes) {
                for (Registry.Tool tool : tools) {
                    check.tool(mode, tool, tools);
                }
                check.initError(mode, tools.get(0));
            }
            check.storedObjects(tools.stream().anyMatch(t -> t.name().equals("get_trace")));
            System.out.println();
            for (String failure : check.failures) {
                System.out.println("lambda-check: FAIL: " + failure);
            }
            System.out.printf("lambda-check: %d tools × %d modes%n", tools.size(), modes.size());
            System.out.printf("%d passed, %d failed%n", check.passed, check.failures.size());
            System.exit(check.failures.isEmpty() ? 0 : 1);
        }
    }

    /** One tool in one mode: a fresh environment, its calls, then its log. */
    void tool(LaunchMode mode, Registry.Tool tool, List<Registry.Tool> allTools) throws Exception {
        LambdaFunctions.Function function = functions.get(tool.name());
        String where = mode.name() + " " + tool.name();
        if (function == null) {
            fail(where, "serverless.yml defines no function exporting it");
            return;
        }
        Path log = logs.resolve(mode.name() + "-" + tool.name() + ".log");
        List<String> answers = new ArrayList<>();
        String timings;
        try (ExecutionEnvironment environment = ExecutionEnvironment.start(mode, function, taskRoot, standIns.overrides(function), log)) {
            RuntimeApiStandIn.Ready ready = environment.awaitReady(INIT_TIMEOUT);
            if (ready.failed()) {
                fail(where, "init failed: " + ready.initError());
                return;
            }
            check(where, "SnapStart's restore/next " + (mode.snapStart() ? "asked for" : "not asked for"),
                    mode.snapStart() == (environment.runtimeApi.restoreNextNanos() != null));
            check(where, "no restore/error", environment.runtimeApi.restoreError() == null);
            long initMillis = (ready.atNanos() - environment.launchedNanos) / 1_000_000;

            ObjectNode payload = calls.payload(tool);
            RuntimeApiStandIn.Outcome first = invoke(environment, payload.toString(), CALL_TIME);
            answers.add(String.valueOf(first));
            expectAnswer(where, "call", first, answer -> expectations(tool, allTools, answer));

            if (tool.name().equals("get_trace")) {
                ObjectNode file = payload.deepCopy().put("getAsFile", true);
                RuntimeApiStandIn.Outcome stored = invoke(environment, file.toString(), CALL_TIME);
                answers.add(String.valueOf(stored));
                expectAnswer(where, "file mode", stored, this::storedTrace);
            }

            ObjectNode rejected = payload.deepCopy();
            rejected.putObject("connection").put("api_key", REJECTED_KEY).put("project_id", PROJECT);
            RuntimeApiStandIn.Outcome upstreamFailure = invoke(environment, rejected.toString(), CALL_TIME);
            answers.add(String.valueOf(upstreamFailure));
            expectAnswer(where, "rejected key", upstreamFailure, answer -> notInternal(answer));

            String malformed = "{\"connection\":{\"api_key\":\"" + REQUEST_KEY + "\"},\"limit\":";
            RuntimeApiStandIn.Outcome broken = invoke(environment, malformed, CALL_TIME);
            answers.add(String.valueOf(broken));
            check(where, "malformed event answered: a tool result, or /error with an errorType", broken != null
                    && (broken.error() == null ? notInternal(JSON.readTree(broken.response())) == null
                            : broken.error().errorType() != null && !broken.error().errorType().isBlank()));

            ObjectNode limited = payload.deepCopy();
            limited.putObject("connection").put("api_key", REQUEST_KEY).put("project_id", QueryApiStandIn.RATE_LIMITED);
            RuntimeApiStandIn.Outcome nearDeadline = environment.runtimeApi.invoke(limited.toString(), NEAR_DEADLINE,
                    Duration.ofSeconds(10));
            answers.add(String.valueOf(nearDeadline));
            check(where, "rate-limited call answered before its deadline (" + NEAR_DEADLINE.toMillis() + " ms)",
                    nearDeadline != null && nearDeadline.answeredBeforeDeadline());
            expectAnswer(where, "near deadline", nearDeadline, answer -> rateLimitedOrOk(answer));

            RuntimeApiStandIn.Outcome warm = invoke(environment, payload.toString(), CALL_TIME);
            answers.add(String.valueOf(warm));
            expectAnswer(where, "warm call", warm, answer -> expectations(tool, allTools, answer));
            timings = String.format("init %d ms, first %d ms, warm %d ms", initMillis,
                    first == null ? -1 : first.took().toMillis(), warm == null ? -1 : warm.took().toMillis());
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        // A production start warns of no configuration (a test setting or a property no extension of the build reads).
        check(where, "no configuration warning in the log (" + log + ")",
                !Pattern.compile("WARN .*\\[io\\.qua(rkus)?\\.config\\]").matcher(output).find());
        for (String key : List.of(CONFIGURED_KEY, REQUEST_KEY, REJECTED_KEY)) {
            check(where, "no key in the log (" + log + ")", !output.contains(key));
            check(where, "no key in any answer or error", answers.stream().noneMatch(a -> a.contains(key)));
        }
        System.out.printf("lambda-check: %-14s %-20s %s%n", mode.name(), tool.name(), timings);
    }

    /** A function whose configuration cannot start reports init/error with an errorType, and no key. */
    void initError(LaunchMode mode, Registry.Tool tool) throws Exception {
        LambdaFunctions.Function function = functions.get(tool.name());
        String where = mode.name() + " " + tool.name() + " (bad configuration)";
        Map<String, String> overrides = standIns.overrides(function);
        overrides.put("RAINDROP_RETRY_MAX_ATTEMPTS", "four");
        Path log = logs.resolve(mode.name() + "-init-error.log");
        try (ExecutionEnvironment environment = ExecutionEnvironment.start(mode, function, taskRoot, overrides, log)) {
            RuntimeApiStandIn.Ready ready = environment.awaitReady(INIT_TIMEOUT);
            check(where, "init/error reported", ready.failed());
            if (ready.failed()) {
                check(where, "init/error has an errorType", ready.initError().errorType() != null
                        && !ready.initError().errorType().isBlank());
                check(where, "init/error holds no key", !ready.initError().body().contains(CONFIGURED_KEY));
            }
        }
        check(where, "no key in the log", !Files.readString(log).contains(CONFIGURED_KEY));
        System.out.printf("lambda-check: %-14s %-20s init/error reported%n", mode.name(), "(bad configuration)");
    }

    /** Every object the functions stored (get_trace's files, when it ran): none holds a key. */
    void storedObjects(boolean traceFilesExpected) {
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(standIns.store.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        standIns.storeAccessKey(), standIns.storeSecretKey())))
                .build()) {
            List<S3Object> objects = s3.listObjectsV2Paginator(b -> b.bucket(standIns.store.bucket())).contents().stream().toList();
            check("store", "get_trace stored files", !traceFilesExpected || !objects.isEmpty());
            for (S3Object object : objects) {
                String body = s3.getObjectAsBytes(b -> b.bucket(standIns.store.bucket()).key(object.key())).asUtf8String();
                for (String key : List.of(CONFIGURED_KEY, REQUEST_KEY, REJECTED_KEY)) {
                    check("store", "no key in " + object.key(), !body.contains(key) && !object.key().contains(key));
                }
            }
        }
    }

    /** What a normal call's answer must hold: facts of the sample that any wording keeps. */
    String expectations(Registry.Tool tool, List<Registry.Tool> allTools, JsonNode answer) {
        if (answer.path("is_error").asBoolean()) {
            return "an error: " + answer.path("text").asText();
        }
        List<String> expected = calls.facts(tool, allTools);
        String whole = answer.toString();
        for (String fact : expected) {
            if (!whole.contains(fact)) {
                return "the answer lacks " + fact;
            }
        }
        return null;
    }

    /** File mode: a presigned URL that plain HTTP downloads, holding every span of the trace. */
    String storedTrace(JsonNode answer) {
        if (answer.path("is_error").asBoolean()) {
            return "an error: " + answer.path("text").asText();
        }
        String url = answer.path("data").path("url").asText();
        try {
            HttpResponse<String> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (file.statusCode() != 200) {
                return "the presigned URL answered HTTP " + file.statusCode();
            }
            int spans = JSON.readTree(file.body()).path("data").size();
            return spans == calls.largeTraceSpans ? null : "the file holds " + spans + " spans, not " + calls.largeTraceSpans;
        } catch (Exception e) {
            return "the presigned URL could not be read: " + e;
        }
    }

    static String notInternal(JsonNode answer) {
        return answer.path("error").path("code").asText().equals("INTERNAL") ? "INTERNAL: " + answer.path("text") : null;
    }

    static String rateLimitedOrOk(JsonNode answer) {
        if (!answer.path("is_error").asBoolean()) {
            return null;
        }
        String code = answer.path("error").path("code").asText();
        return code.equals("RATE_LIMITED") ? null : "answered " + code + ", not RATE_LIMITED: " + answer.path("text");
    }

    /** A tool result (never /error) that is the envelope, with a text, no stack trace, and what {@code rule} wants. */
    void expectAnswer(String where, String what, RuntimeApiStandIn.Outcome outcome, Function<JsonNode, String> rule) {
        if (outcome == null) {
            fail(where, what + ": no answer within the invocation's time");
            return;
        }
        if (outcome.error() != null) {
            fail(where, what + ": /error " + outcome.error());
            return;
        }
        try {
            JsonNode answer = JSON.readTree(outcome.response());
            String text = answer.path("text").asText("");
            if (text.isBlank() || !answer.has("is_error")) {
                fail(where, what + ": not the tool envelope: " + clip(outcome.response()));
                return;
            }
            if (text.contains("\tat ") || text.contains("Exception:")) {
                fail(where, what + ": a stack trace in the answer");
                return;
            }
            String problem = rule.apply(answer);
            check(where, what + (problem == null ? "" : ": " + clip(problem)), problem == null);
        } catch (Exception e) {
            fail(where, what + ": not JSON: " + clip(outcome.response()));
        }
    }

    RuntimeApiStandIn.Outcome invoke(ExecutionEnvironment environment, String payload, Duration remaining)
            throws InterruptedException {
        return environment.runtimeApi.invoke(payload, remaining, Duration.ofSeconds(5));
    }

    void check(String where, String what, boolean ok) {
        if (ok) {
            passed++;
        } else {
            fail(where, what);
        }
    }

    void fail(String where, String what) {
        failures.add(where + ": " + what);
        System.out.println("lambda-check: FAIL: " + where + ": " + what);
    }

    static String clip(String text) {
        return text == null ? "null" : text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

}
