package com.opstower.raindrop.trace.read;

import com.opstower.raindrop.tool.Markdown;

/**
 * Why a span failed, as its attributes say it under OpenTelemetry's names, gathered while the reader walks them: the
 * HTTP status ({@code http.response.status_code}, before semantic conventions 1.21 {@code http.status_code}), the
 * gRPC status ({@code rpc.grpc.status_code}), the error's class ({@code exception.type}, else {@code error.type}) and
 * its message ({@code exception.message}, else the status description as exporters flatten it,
 * {@code otel.status_description}, else {@code error.message}). OpenTelemetry records exceptions as span events,
 * which the Query API's spans do not carry; an instrumentation that flattens them into attributes uses these names.
 * One short label: {@code HTTP 429, AI_APICallError: Rate limit reached for gpt-5}.
 */
public final class ErrorReason {

    /** {@code  (`HTTP 503`)}: why an error span failed, as its attributes say; nothing when they do not. */
    public static String note(TraceSpan span) {
        return span.errorReason() == null ? "" : " (" + Markdown.code(span.errorReason()) + ")";
    }

    /** The longest label: a reason, not the error's whole text, which get_span shows. */
    static final int MAX_CHARS = 120;

    /** gRPC's status codes by number, as {@code rpc.grpc.status_code} sends them. */
    private static final String[] GRPC_CODES = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
        "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
        "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};

    private String httpStatus;
    private String legacyHttpStatus;
    private String grpcStatus;
    private String exceptionType;
    private String errorType;
    private String exceptionMessage;
    private String statusDescription;
    private String errorMessage;

    /** Whether the attribute is one this reads: the reader reads the value of no other. */
    static boolean reads(String key) {
        return switch (key) {
            case "http.response.status_code", "http.status_code", "rpc.grpc.status_code", "exception.type", "error.type",
                    "exception.message", "otel.status_description", "error.message" -> true;
            default -> false;
        };
    }

    /** Takes an attribute's value, given as its text; a key {@link #reads} does not know is ignored. */
    void take(String key, String value) {
        String text = Markdown.collapseWhitespace(value);
        if (text.isEmpty()) {
            return;
        }
        switch (key) {
            case "http.response.status_code" -> httpStatus = text;
            case "http.status_code" -> legacyHttpStatus = text;
            case "rpc.grpc.status_code" -> grpcStatus = text;
            case "exception.type" -> exceptionType = text;
            case "error.type" -> errorType = text;
            case "exception.message" -> exceptionMessage = text;
            case "otel.status_description" -> statusDescription = text;
            case "error.message" -> errorMessage = text;
            default -> {
            }
        }
    }

    /**
     * The label, at most {@link #MAX_CHARS} characters: the status, then the error's class and message; null when the
     * attributes name none of them. An {@code error.type} that only repeats the status code, or is OpenTelemetry's
     * {@code _OTHER}, adds nothing and is left out.
     */
    String label() {
        String http = httpStatus != null ? httpStatus : legacyHttpStatus;
        String status = http != null ? "HTTP " + http : grpcStatus != null ? "gRPC " + grpc(grpcStatus) : null;
        String type = exceptionType != null ? exceptionType
                : errorType == null || errorType.equals(http) || errorType.equals(grpcStatus) || errorType.equals("_OTHER")
                        ? null : errorType;
        String message = exceptionMessage != null ? exceptionMessage
                : statusDescription != null ? statusDescription : errorMessage;
        StringBuilder label = new StringBuilder(64);
        if (status != null) {
            label.append(status);
        }
        if (type != null) {
            label.append(label.isEmpty() ? "" : ", ").append(type);
        }
        if (message != null && !message.equals(type)) {
            label.append(label.isEmpty() ? "" : type == null ? ", " : ": ").append(message);
        }
        if (label.isEmpty()) {
            return null;
        }
        Markdown.Preview shown = Markdown.preview(label.toString(), MAX_CHARS - 1);
        return shown.clipped() ? shown.text() + "…" : shown.text();
    }

    /** {@code UNAVAILABLE (14)} for a known code, the value as sent otherwise. */
    private static String grpc(String code) {
        try {
            int number = Integer.parseInt(code);
            return number >= 0 && number < GRPC_CODES.length ? GRPC_CODES[number] + " (" + number + ")" : code;
        } catch (NumberFormatException e) {
            return code;
        }
    }
}
