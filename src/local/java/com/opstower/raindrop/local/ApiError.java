package com.opstower.raindrop.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import java.util.List;
import java.util.Map;

/**
 * A failed request, answered the way the Query API answers it:
 * {@code {"error":{"code":"...","message":"...","details":{...}}}} with the matching status.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    private ApiError(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    static ApiError badRequest(String field, String message) {
        return new ApiError(400, "VALIDATION_ERROR", message, Map.of("field", field));
    }

    static ApiError badRequest(String field, String message, List<String> allowed) {
        return new ApiError(400, "VALIDATION_ERROR", message, Map.of("field", field, "allowed_fields", allowed));
    }

    static ApiError unauthorized() {
        return new ApiError(401, "UNAUTHORIZED", "Unauthorized", null);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "FORBIDDEN", message, null);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "NOT_FOUND", message, null);
    }

    static ApiError internal() {
        return new ApiError(500, "INTERNAL_ERROR", "Internal server error", null);
    }

    static ApiError methodNotAllowed() {
        return new ApiError(405, "METHOD_NOT_ALLOWED", "Only GET is supported", null);
    }

    int status() {
        return status;
    }

    Body body() {
        return new Body(new Detail(code, getMessage(), details));
    }

    record Body(Detail error) {
    }

    @JsonInclude(Include.NON_NULL)
    record Detail(String code, String message, Map<String, Object> details) {
    }
}
