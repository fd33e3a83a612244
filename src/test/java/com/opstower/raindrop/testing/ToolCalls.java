package com.opstower.raindrop.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Calls a tool over the Funqy HTTP binding, as the orchestrator does. */
public final class ToolCalls {

    /** A key recognisable in any output it must never reach. */
    public static final String KEY = "rk_live_TESTKEY_5f1d2c";

    private ToolCalls() {
    }

    /** POST /{tool} with the given JSON body; the answer must be HTTP 200 with the tool envelope. */
    public static ValidatableResponse call(String tool, String jsonBody) {
        return given().contentType(ContentType.JSON).body(jsonBody)
                .when().post("/" + tool)
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    /** A request body with this test's connection (key and project) and the given arguments. */
    public static String withConnection(String arguments) {
        String connection = "\"connection\":{\"integration_id\":\"int_42\",\"api_key\":\"" + KEY + "\",\"project_id\":\"checkout-bot\"}";
        return arguments.isBlank() ? "{" + connection + "}" : "{" + connection + "," + arguments + "}";
    }
}
