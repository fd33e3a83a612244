package com.opstower.raindrop.tool;

import com.opstower.raindrop.config.RaindropApiConfig;
import com.opstower.raindrop.queryapi.Credentials;
import com.opstower.raindrop.queryapi.QueryApiFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Runs one tool call under the calling convention: checks the arguments, resolves the connection's
 * credentials, and turns every failure into an answer the agent can act on, held to {@link AnswerBound}. Nothing
 * escapes as a stack trace and no key reaches the answer or the log.
 */
@ApplicationScoped
public class ToolRunner {

    private static final Logger LOG = Logger.getLogger(ToolRunner.class);
    private static final Pattern PROJECT_SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern HEADER_SAFE = Pattern.compile("^[\\x21-\\x7e]{1,512}$");

    /** A tool's work once its arguments and credentials are known. */
    @FunctionalInterface
    public interface Body {
        ToolResult run(Args args, Credentials connection);
    }

    private final RaindropApiConfig config;

    public ToolRunner(RaindropApiConfig config) {
        this.config = config;
    }

    public ToolResult run(ToolSpec spec, Map<String, Object> request, Body body) {
        return guarded(spec.name(), request, () -> {
            Args args = Args.parse(spec, request);
            return body.run(args, connection(request == null ? null : request.get(Args.CONNECTION)));
        });
    }

    /**
     * Runs a tool's work and answers whatever happens: its result, the failure it reported, or an internal error
     * that names no secret and carries no stack trace. Logs one line per call.
     */
    public ToolResult guarded(String tool, Map<String, Object> request, Supplier<ToolResult> work) {
        long started = System.nanoTime();
        ToolResult result;
        try {
            result = work.get();
        } catch (ToolFailure failure) {
            result = ToolResult.failed(failure);
        } catch (QueryApiFailure failure) {
            result = ToolResult.failed(QueryApiFailures.toToolFailure(failure));
        } catch (RuntimeException unexpected) {
            String detail = String.valueOf(unexpected);
            for (String secret : Redaction.secrets(request, config.apiKey().orElse(null))) {
                detail = Redaction.redact(detail, secret);
            }
            LOG.errorf("%s failed unexpectedly: %s", tool, detail);
            result = ToolResult.failed(new ToolFailure(ErrorCode.INTERNAL,
                    "The connection hit an unexpected internal error (" + unexpected.getClass().getSimpleName() + ").",
                    "Try the call once more; if it fails again, report it with the tool name and arguments."));
        }
        result = AnswerBound.fit(result);
        LOG.infof("tool=%s outcome=%s duration_ms=%d", tool,
                result.isError() ? result.error().code() : "OK", (System.nanoTime() - started) / 1_000_000);
        return result;
    }

    /** The configured default connection, when a key is configured. */
    public Optional<Credentials> defaultConnection() {
        return config.apiKey().filter(k -> !k.isBlank()).map(k -> connection(null));
    }

    /**
     * The credentials of a request's {@code connection} object, completed from configuration.
     *
     * @throws ToolFailure {@code MISSING_CREDENTIALS} without any key, {@code INVALID_ARGUMENT} for a malformed one
     */
    public Credentials connection(Object raw) {
        if (raw != null && !(raw instanceof Map<?, ?>)) {
            throw ToolFailure.invalidArgument("`connection` must be an object with `api_key`, `project_id` and `integration_id`.",
                    "Send `connection` as a JSON object, or leave it out to use the configured key.");
        }
        Map<?, ?> fields = raw == null ? Map.of() : (Map<?, ?>) raw;
        String apiKey = field(fields, "api_key");
        if (apiKey == null) {
            apiKey = config.apiKey().filter(k -> !k.isBlank()).orElse(null);
        }
        if (apiKey == null) {
            throw new ToolFailure(ErrorCode.MISSING_CREDENTIALS, "No Raindrop API key: the request carries none (`connection.api_key`, "
                    + "or over MCP an `Authorization: Bearer` header) and no RAINDROP_API_KEY is configured.",
                    "Add the Raindrop org API key to this connection (Raindrop: Settings > API Keys), then call again.");
        }
        if (!HEADER_SAFE.matcher(apiKey).matches()) {
            throw ToolFailure.invalidArgument("`connection.api_key` is malformed: it must be printable ASCII without spaces.",
                    "Paste the key again exactly as Raindrop shows it under Settings > API Keys.");
        }
        String projectId = field(fields, "project_id");
        if (projectId == null) {
            projectId = config.projectId().filter(p -> !p.isBlank()).orElse(null);
        }
        if (projectId != null && !PROJECT_SLUG.matcher(projectId).matches()) {
            throw ToolFailure.invalidArgument("`connection.project_id` must be a project slug: lowercase letters, digits and "
                    + "hyphens, 1 to 63 characters, not starting or ending with a hyphen.",
                    "Copy the project slug from Raindrop, or leave project_id out to use the Production project.");
        }
        String integrationId = field(fields, "integration_id");
        if (integrationId != null && Args.idOrNull(integrationId) == null) {
            throw ToolFailure.invalidArgument("`connection.integration_id` must be an id of at most 256 characters without "
                    + "control characters.", "Send the OpsTower integration id as it is, or leave it out.");
        }
        return new Credentials(integrationId, apiKey, projectId);
    }

    /**
     * How a connection object is named in a report and its log line: its {@code integration_id} when that is a
     * well-formed id, else the fallback. Never anything the caller could use to forge a log line.
     */
    public static String label(Object raw, String fallback) {
        if (raw instanceof Map<?, ?> fields) {
            String id = Args.idOrNull(fields.get("integration_id"));
            if (id != null) {
                return id;
            }
        }
        return fallback;
    }

    private static String field(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw ToolFailure.invalidArgument("`connection." + name + "` must be a string.",
                    "Send `connection." + name + "` as a string, or leave it out.");
        }
        return s.isBlank() ? null : s.strip();
    }
}
